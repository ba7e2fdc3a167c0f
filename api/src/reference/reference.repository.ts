import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { buildMunicipalities, buildPrefectures, buildWards, FORMER_WARDS, normaliseKana } from './reference-data.js';
import type { MunicipalityClass } from '../core/domain/municipality-class.js';
import type { MunicipalityRecord } from './dto/reference.responses.js';

/** The only place that queries the reference tables. */
@Injectable()
export class ReferenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the 47 prefectures, 1,741 municipalities and the designated cities' wards (and former wards) that are missing; existing rows are kept. */
  async seed(): Promise<{ prefectures: number; municipalities: number }> {
    const prefectures = buildPrefectures();
    const municipalities = buildMunicipalities();
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO prefectures (code, name, kana, region)
         SELECT * FROM unnest($1::char(2)[], $2::text[], $3::text[], $4::text[]) ON CONFLICT (code) DO NOTHING`,
        [prefectures.map((p) => p.code), prefectures.map((p) => p.name), prefectures.map((p) => p.kana), prefectures.map((p) => p.region)],
      );
      await m.query(
        `INSERT INTO municipalities (code, prefecture_code, name, kana, class)
         SELECT * FROM unnest($1::char(6)[], $2::char(2)[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (code) DO NOTHING`,
        [
          municipalities.map((r) => r.code),
          municipalities.map((r) => r.prefectureCode),
          municipalities.map((r) => r.name),
          municipalities.map((r) => r.kana),
          municipalities.map((r) => r.class),
        ],
      );
      // Today's wards, and those abolished since (older lists still write their codes), with their last day.
      const wards = [...buildWards().map((w) => ({ ...w, validTo: null })), ...FORMER_WARDS];
      await m.query(
        `INSERT INTO municipality_wards (code, name, municipality_code, valid_to)
         SELECT * FROM unnest($1::char(6)[], $2::text[], $3::char(6)[], $4::date[]) ON CONFLICT (code) DO NOTHING`,
        [wards.map((w) => w.code), wards.map((w) => w.name), wards.map((w) => w.municipalityCode), wards.map((w) => w.validTo)],
      );
    });
    return { prefectures: prefectures.length, municipalities: municipalities.length };
  }

  listPrefectures(): Promise<{ code: string; name: string; kana: string; region: string; municipalities: number }[]> {
    return this.db.query(`
      SELECT p.code, p.name, p.kana, p.region, count(m.code)::int AS municipalities
      FROM prefectures p LEFT JOIN municipalities m ON m.prefecture_code = p.code AND m.valid_to IS NULL
      GROUP BY p.code ORDER BY p.code`);
  }

  async prefectureExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM prefectures WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  listMunicipalities(filter: { prefecture?: string; class?: MunicipalityClass; q?: string }): Promise<MunicipalityRecord[]> {
    const where = ['m.valid_to IS NULL'];
    const params: string[] = [];
    if (filter.prefecture) where.push(`m.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.class) where.push(`m.class = $${params.push(filter.class)}`);
    if (filter.q) {
      const i = params.push(`%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
      const k = params.push(`%${normaliseKana(filter.q).replace(/[\\%_]/g, '\\$&')}%`);
      where.push(`(m.name LIKE $${i} OR m.kana LIKE $${k})`);
    }
    return this.db.query(
      `SELECT m.code, m.prefecture_code, p.name AS prefecture_name, m.name, m.kana, m.class, m.valid_from, m.valid_to
       FROM municipalities m JOIN prefectures p ON p.code = m.prefecture_code
       WHERE ${where.join(' AND ')} ORDER BY m.code`,
      params,
    );
  }

  async findMunicipality(code: string): Promise<MunicipalityRecord | undefined> {
    const rows: MunicipalityRecord[] = await this.db.query(
      `SELECT m.code, m.prefecture_code, p.name AS prefecture_name, m.name, m.kana, m.class, m.valid_from, m.valid_to
       FROM municipalities m JOIN prefectures p ON p.code = m.prefecture_code WHERE m.code = $1`,
      [code],
    );
    return rows[0];
  }

  referenceSummary(): Promise<
    { prefecture_code: string; class: string; municipalities: number; job_run_id: number; finished_at: Date; as_of: string }[]
  > {
    return this.db.query(`
      SELECT s.prefecture_code, s.class, s.municipalities, r.id AS job_run_id, r.finished_at, r.as_of
      FROM reference_summary s
      -- The latest successful run vouches for every row (a run writes only the rows that changed, or none).
      CROSS JOIN (SELECT id, finished_at, as_of FROM job_runs WHERE job_name = 'reference_summary' AND status = 'succeeded' ORDER BY id DESC LIMIT 1) r
      ORDER BY s.prefecture_code, s.class`);
  }

  /** Prefecture code → name. */
  async prefectureNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.db.query(`SELECT code, name FROM prefectures ORDER BY code`);
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** The municipalities in force now, in code order. */
  currentMunicipalities(): Promise<{ code: string; name: string; prefecture_code: string }[]> {
    return this.db.query(`SELECT code, name, prefecture_code FROM municipalities WHERE valid_to IS NULL ORDER BY code`);
  }
}
