import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AdoptionExportRow } from './dto/adoption-export.js';
import type { DataSource } from 'typeorm';
import { publishChange } from '../core/database/change-notices.js';
import type { MunicipalityClass } from '../core/domain/municipality-class.js';
import type { MunicipalitySort } from './dto/adoption-queries.js';
import type {
  ClassAdoption,
  MunicipalityAdoption,
  NationalAdoption,
  PeerGroup,
  PrefectureAdoption,
  RateSeriesRow,
  TrendPoint,
} from './dto/adoption.responses.js';

const MEASURES = `target_offices, applied_offices, in_force_offices, application_rate, usage_rate, target_rate, meets_target, offices_needed`;
const MONTH_END = (column: string) => `(date_trunc('month', ${column}) + interval '1 month - 1 day')::date = ${column}`;

const ORDER: Record<MunicipalitySort, string> = {
  code: 'a.municipality_code',
  rate: 'a.application_rate ASC NULLS FIRST, a.municipality_code',
  '-rate': 'a.application_rate DESC NULLS LAST, a.municipality_code',
  offices_needed: 'a.offices_needed ASC, a.municipality_code',
  '-offices_needed': 'a.offices_needed DESC, a.municipality_code',
  offices: 'a.target_offices ASC, a.municipality_code',
  '-offices': 'a.target_offices DESC, a.municipality_code',
};

/** The only place that queries the adoption summaries (written by the `adoption` job). */
@Injectable()
export class AdoptionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Removes one computed as-of date from every adoption table (the next run no longer carries it forward). */
  async removeDate(asOf: string): Promise<number> {
    return this.db.transaction(async (m) => {
      let removed = 0;
      for (const table of ['adoption_municipality', 'adoption_prefecture', 'adoption_class', 'adoption_national']) {
        const [, count] = await m.query(`DELETE FROM ${table} WHERE as_of = $1`, [asOf]);
        removed += Number(count);
      }
      await publishChange(m, { kind: 'figures', reason: `as-of ${asOf} removed` });
      return removed;
    });
  }

  async national(asOf: string): Promise<NationalAdoption | undefined> {
    const [row] = await this.db.query(
      `SELECT as_of, ${MEASURES}, municipalities, municipalities_meeting_target FROM adoption_national WHERE as_of = $1`,
      [asOf],
    );
    return row;
  }

  prefectures(asOf: string): Promise<PrefectureAdoption[]> {
    return this.db.query(
      `SELECT a.prefecture_code, p.name AS prefecture_name, p.region, ${MEASURES.split(', ')
        .map((m) => `a.${m}`)
        .join(', ')},
              a.municipalities, a.municipalities_meeting_target,
              rank() OVER (ORDER BY a.application_rate DESC NULLS LAST)::int AS rank
       FROM adoption_prefecture a JOIN prefectures p ON p.code = a.prefecture_code
       WHERE a.as_of = $1 ORDER BY a.prefecture_code`,
      [asOf],
    );
  }

  classes(asOf: string): Promise<ClassAdoption[]> {
    return this.db.query(
      `SELECT class, ${MEASURES}, municipalities, municipalities_meeting_target FROM adoption_class WHERE as_of = $1 ORDER BY class`,
      [asOf],
    );
  }

  private municipalitySelect = `
    SELECT a.municipality_code AS code, m.name, m.kana, a.prefecture_code, p.name AS prefecture_name, a.class, a.size_band,
           ${MEASURES.split(', ')
             .map((m) => `a.${m}`)
             .join(', ')}, a.rank_in_prefecture, a.percentile_in_class
    FROM adoption_municipality a
    JOIN municipalities m ON m.code = a.municipality_code
    JOIN prefectures p ON p.code = a.prefecture_code`;

  async municipalities(filter: {
    asOf: string;
    prefecture?: string;
    class?: MunicipalityClass;
    meetsTarget?: boolean;
    sort: MunicipalitySort;
    limit: number;
    offset: number;
  }): Promise<{ total: number; rows: MunicipalityAdoption[] }> {
    const where = ['a.as_of = $1'];
    const params: unknown[] = [filter.asOf];
    if (filter.prefecture) where.push(`a.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.class) where.push(`a.class = $${params.push(filter.class)}`);
    if (filter.meetsTarget !== undefined) where.push(`a.meets_target IS ${filter.meetsTarget ? 'TRUE' : 'NOT TRUE'}`);
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM adoption_municipality a WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows = await this.db.query(
      `${this.municipalitySelect} WHERE ${where.join(' AND ')} ORDER BY ${ORDER[filter.sort]}
       LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { total, rows };
  }

  async municipality(asOf: string, code: string): Promise<MunicipalityAdoption | undefined> {
    const [row] = await this.db.query(`${this.municipalitySelect} WHERE a.as_of = $1 AND a.municipality_code = $2`, [asOf, code]);
    return row;
  }

  /** The named municipalities on one date, in the order given (absent ones are left out). */
  async municipalitiesByCode(asOf: string, codes: string[]): Promise<MunicipalityAdoption[]> {
    return this.db.query(
      `${this.municipalitySelect} WHERE a.as_of = $1 AND a.municipality_code = ANY($2::char(6)[]) ORDER BY array_position($2::char(6)[], a.municipality_code)`,
      [asOf, codes],
    );
  }

  /** Month-end application rates of the named municipalities up to a date, oldest first per municipality. */
  monthEndRates(codes: string[], upTo: string): Promise<{ code: string; as_of: string; application_rate: number | null }[]> {
    return this.db.query(
      `SELECT municipality_code AS code, as_of, application_rate FROM adoption_municipality
       WHERE municipality_code = ANY($1::char(6)[]) AND as_of <= $2 AND ${MONTH_END('as_of')}
       ORDER BY municipality_code, as_of`,
      [codes, upTo],
    );
  }

  /** One peer group's figures and where the municipality stands in it (percentile = share of peers with a lower rate). */
  async peerGroup(asOf: string, code: string, column: 'prefecture_code' | 'class' | 'size_band'): Promise<PeerGroup> {
    const [row] = await this.db.query(
      `WITH me AS (SELECT * FROM adoption_municipality WHERE as_of = $1 AND municipality_code = $2),
       peers AS (
         SELECT a.* FROM adoption_municipality a, me
         WHERE a.as_of = $1 AND a.${column} = me.${column} AND a.target_offices > 0
       )
       SELECT count(*)::int AS municipalities,
              sum(target_offices)::int AS target_offices,
              sum(applied_offices)::int AS applied_offices,
              CASE WHEN sum(target_offices) > 0 THEN sum(applied_offices)::float8 / sum(target_offices) END AS application_rate,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY application_rate) AS median_rate,
              count(*) FILTER (WHERE meets_target)::int AS municipalities_meeting_target,
              (SELECT count(*) FROM peers p, me WHERE p.application_rate < me.application_rate)::int AS lower,
              (SELECT count(*) FROM peers p, me WHERE p.application_rate > me.application_rate)::int + 1 AS rank,
              (SELECT ${column} FROM me) AS value,
              -- How many peers fall in each 5-point band of the application rate (0–5%, 5–10%, …, 45–50%, 50% and over).
              (SELECT array_agg(coalesce(b.n, 0) ORDER BY g.band)::int[] FROM generate_series(0, 10) g(band)
                 LEFT JOIN (SELECT least(floor(application_rate * 20)::int, 10) AS band, count(*) AS n FROM peers
                            WHERE application_rate IS NOT NULL GROUP BY 1) b ON b.band = g.band) AS distribution
       FROM peers`,
      [asOf, code],
    );
    const others = Math.max(0, row.municipalities - 1);
    return { ...row, percentile: others > 0 ? row.lower / others : null };
  }

  trend(filter: { prefecture?: string; municipality?: string }): Promise<TrendPoint[]> {
    const table = filter.municipality ? 'adoption_municipality' : filter.prefecture ? 'adoption_prefecture' : 'adoption_national';
    const where = [MONTH_END('as_of')];
    const params: string[] = [];
    if (filter.municipality) where.push(`municipality_code = $${params.push(filter.municipality)}`);
    else if (filter.prefecture) where.push(`prefecture_code = $${params.push(filter.prefecture)}`);
    return this.db.query(`SELECT as_of, ${MEASURES} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY as_of`, params);
  }

  /** Application rates of every area of a level on the given month ends (the projection window), oldest first per area. */
  rateSeries(
    level: 'national' | 'prefecture' | 'municipality',
    dates: string[],
    filter: { prefecture?: string; municipality?: string } = {},
  ): Promise<RateSeriesRow[]> {
    const params: unknown[] = [dates];
    const where = ['a.as_of = ANY($1::date[])'];
    if (level === 'national') {
      return this.db.query(
        `SELECT 'all' AS code, '全国' AS name, NULL AS prefecture_code, NULL AS prefecture_name, a.as_of, a.application_rate, a.target_rate,
                a.target_offices, a.applied_offices, NULL::int AS offices_needed
         FROM adoption_national a WHERE ${where.join(' AND ')} ORDER BY a.as_of`,
        params,
      );
    }
    if (level === 'prefecture') {
      return this.db.query(
        `SELECT a.prefecture_code AS code, p.name, a.prefecture_code, p.name AS prefecture_name, a.as_of, a.application_rate, a.target_rate,
                a.target_offices, a.applied_offices, NULL::int AS offices_needed
         FROM adoption_prefecture a JOIN prefectures p ON p.code = a.prefecture_code
         WHERE ${where.join(' AND ')} ORDER BY a.prefecture_code, a.as_of`,
        params,
      );
    }
    if (filter.prefecture) where.push(`m.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.municipality) where.push(`a.municipality_code = $${params.push(filter.municipality)}`);
    return this.db.query(
      `SELECT a.municipality_code AS code, m.name, m.prefecture_code, p.name AS prefecture_name, a.as_of, a.application_rate, a.target_rate,
              a.target_offices, a.applied_offices, a.offices_needed
       FROM adoption_municipality a JOIN municipalities m ON m.code = a.municipality_code JOIN prefectures p ON p.code = m.prefecture_code
       WHERE ${where.join(' AND ')} ORDER BY a.municipality_code, a.as_of`,
      params,
    );
  }

  /** Every municipality on every month end (the bulk download), optionally of one prefecture; by date, then code. */
  monthEndRows(prefecture?: string): Promise<AdoptionExportRow[]> {
    return this.db.query(
      `SELECT to_char(a.as_of, 'YYYY-MM-DD') AS as_of, m.prefecture_code, p.name AS prefecture_name, a.municipality_code,
              m.name AS municipality_name, m.class, a.target_offices, a.applied_offices, a.in_force_offices,
              a.application_rate, a.usage_rate, a.target_rate, a.meets_target, a.offices_needed
       FROM adoption_municipality a JOIN municipalities m ON m.code = a.municipality_code JOIN prefectures p ON p.code = m.prefecture_code
       WHERE a.as_of = (date_trunc('month', a.as_of) + interval '1 month - 1 day')::date
         AND ($1::char(2) IS NULL OR m.prefecture_code = $1)
       ORDER BY a.as_of, a.municipality_code`,
      [prefecture ?? null],
    );
  }
}
