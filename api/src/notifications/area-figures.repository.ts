import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Area } from './recipient-area.js';
import type { AlertSubject } from './alert-states.repository.js';

/** An area's adoption on a date, as the summary tables hold it. */
export interface AreaAdoption {
  name: string;
  application_rate: number | null;
  applied_offices: number;
  target_offices: number;
  target_rate: number;
  offices_needed: number;
  /** Prefecture and nation: how many municipalities, and how many meet the target. */
  municipalities: number | null;
  municipalities_meeting_target: number | null;
}

/** A municipality in a list of a message, with why it is there (at-risk reasons, or its rate). */
export interface ListedMunicipality {
  code: string;
  name: string;
  prefecture_code: string;
  detail: string | null;
}

export interface PrefectureRate {
  code: string;
  name: string;
  application_rate: number | null;
  target_rate: number;
}

/** `$n` conditions on an area: the nation (none), a prefecture, or one municipality. */
function inArea(area: Area, column: { prefecture: string; municipality: string }, first: number): [string, unknown[]] {
  if (area.level === 'prefecture') return [`AND ${column.prefecture} = $${first}`, [area.code]];
  if (area.level === 'municipality') return [`AND ${column.municipality} = $${first}`, [area.code]];
  return ['', []];
}

/** Reads the summaries the jobs wrote, for one area: what digests and alerts say. */
@Injectable()
export class AreaFiguresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async adoption(asOf: string, area: Area): Promise<AreaAdoption | undefined> {
    const columns = `application_rate, applied_offices, target_offices, target_rate, offices_needed`;
    const counts = `municipalities, municipalities_meeting_target`;
    const [row] =
      area.level === 'national'
        ? await this.db.query(`SELECT '全国' AS name, ${columns}, ${counts} FROM adoption_national WHERE as_of = $1`, [asOf])
        : area.level === 'prefecture'
          ? await this.db.query(
              `SELECT p.name, ${columns}, ${counts} FROM adoption_prefecture a JOIN prefectures p ON p.code = a.prefecture_code
               WHERE a.as_of = $1 AND a.prefecture_code = $2`,
              [asOf, area.code],
            )
          : await this.db.query(
              `SELECT m.name, ${columns}, NULL::int AS municipalities, NULL::int AS municipalities_meeting_target
               FROM adoption_municipality a JOIN municipalities m ON m.code = a.municipality_code
               WHERE a.as_of = $1 AND a.municipality_code = $2`,
              [asOf, area.code],
            );
    return row;
  }

  /** Municipalities of the area that meet the target on the date (detail: the rate). */
  meetingTarget(asOf: string, area: Area): Promise<ListedMunicipality[]> {
    const [condition, params] = inArea(area, { prefecture: 'a.prefecture_code', municipality: 'a.municipality_code' }, 2);
    return this.db.query(
      `SELECT a.municipality_code AS code, m.name, a.prefecture_code, a.application_rate::text AS detail
       FROM adoption_municipality a JOIN municipalities m ON m.code = a.municipality_code
       WHERE a.as_of = $1 AND a.meets_target ${condition} ORDER BY a.municipality_code`,
      [asOf, ...params],
    );
  }

  /** Municipalities of the area at risk on the date (detail: their reason codes, comma-separated). */
  atRisk(asOf: string, area: Area): Promise<ListedMunicipality[]> {
    const [condition, params] = inArea(area, { prefecture: 'r.prefecture_code', municipality: 'r.municipality_code' }, 2);
    return this.db.query(
      `SELECT r.municipality_code AS code, m.name, r.prefecture_code, string_agg(r.reason, ',' ORDER BY r.reason) AS detail
       FROM standardization_at_risk r JOIN municipalities m ON m.code = r.municipality_code
       WHERE r.as_of = $1 ${condition} GROUP BY r.municipality_code, m.name, r.prefecture_code ORDER BY r.municipality_code`,
      [asOf, ...params],
    );
  }

  /** Offices past a linkage condition's deadline without a licence (subject: office and condition; detail: the condition). */
  overdueConditions(): Promise<AlertSubject[]> {
    return this.db.query(
      `SELECT c.office_number || ':' || c.condition_code AS subject, c.municipality_code, c.prefecture_code,
              c.office_name || '（' || m.name || '）' AS name, sc.label AS detail
       FROM subsidy_compliance c JOIN municipalities m ON m.code = c.municipality_code JOIN subsidy_conditions sc ON sc.code = c.condition_code
       WHERE c.status = 'overdue' ORDER BY c.municipality_code, c.office_number`,
    );
  }

  prefectureRates(asOf: string): Promise<PrefectureRate[]> {
    return this.db.query(
      `SELECT a.prefecture_code AS code, p.name, a.application_rate, a.target_rate
       FROM adoption_prefecture a JOIN prefectures p ON p.code = a.prefecture_code WHERE a.as_of = $1 ORDER BY a.prefecture_code`,
      [asOf],
    );
  }

  async areaName(area: Area): Promise<string> {
    if (area.level === 'national') return '全国';
    const table = area.level === 'prefecture' ? 'prefectures' : 'municipalities';
    const [row] = await this.db.query(`SELECT name FROM ${table} WHERE code = $1`, [area.code]);
    return row?.name ?? area.code;
  }
}
