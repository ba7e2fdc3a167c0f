import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  ComplianceRow,
  EffectRow,
  MunicipalityGrant,
  SubsidisedMunicipality,
  SubsidyProgramView,
  SubsidySummaryRow,
} from './dto/subsidy.responses.js';

/** The only place that queries the subsidy tables and summaries (written by the `subsidies` job). */
@Injectable()
export class SubsidiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  programs(): Promise<SubsidyProgramView[]> {
    return this.db.query(`
      SELECT p.code, p.fiscal_year, p.category, p.name, p.device_category, p.cap_yen::float8 AS cap_yen, p.addon_cap_yen::float8 AS addon_cap_yen,
             p.max_rate::float8 AS max_rate, p.max_per_prefecture, p.max_total_per_prefecture_yen::float8 AS max_total_per_prefecture_yen,
             min(c.deadline) AS condition_deadline,
             coalesce(json_agg(json_build_object('code', c.code, 'kind', c.kind, 'label', c.label, 'deadline', to_char(c.deadline, 'YYYY-MM-DD'),
               'service_type_codes', c.service_type_codes, 'pledge_counts', c.pledge_counts, 'note', c.note, 'source', c.source)
               ORDER BY c.deadline, c.code) FILTER (WHERE c.code IS NOT NULL), '[]') AS conditions,
             p.note, p.source
      FROM subsidy_programs p
      LEFT JOIN subsidy_program_conditions pc ON pc.program_code = p.code
      LEFT JOIN subsidy_conditions c ON c.code = pc.condition_code
      GROUP BY p.code ORDER BY p.code`);
  }

  conditionCodes(): Promise<{ code: string }[]> {
    return this.db.query(`SELECT code FROM subsidy_conditions ORDER BY code`);
  }

  /** The programmes that carry a linkage condition (the compliance list's ?program=). */
  conditionedProgramCodes(): Promise<{ code: string }[]> {
    return this.db.query(`SELECT DISTINCT program_code AS code FROM subsidy_program_conditions ORDER BY program_code`);
  }

  summary(asOf: string, filter: { fiscalYear?: number; prefecture?: string }): Promise<SubsidySummaryRow[]> {
    const where: string[] = ['s.as_of = $1'];
    const params: unknown[] = [asOf];
    if (filter.fiscalYear) where.push(`s.fiscal_year = $${params.push(filter.fiscalYear)}`);
    if (filter.prefecture) where.push(`s.prefecture_code = $${params.push(filter.prefecture)}`);
    return this.db.query(
      `SELECT s.fiscal_year, s.prefecture_code, p.name AS prefecture_name, s.program_code, sp.name AS program_name, sp.category,
              s.grants, s.offices, s.amount::float8 AS amount, s.share_of_national
       FROM subsidy_summary s JOIN prefectures p ON p.code = s.prefecture_code JOIN subsidy_programs sp ON sp.code = s.program_code
       WHERE ${where.join(' AND ')}
       ORDER BY s.fiscal_year, s.prefecture_code, s.program_code`,
      params,
    );
  }

  compliance(filter: { prefecture?: string; condition?: string; program?: string }): Promise<ComplianceRow[]> {
    const params: string[] = [];
    const where: string[] = [];
    if (filter.prefecture) where.push(`c.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.condition) where.push(`c.condition_code = $${params.push(filter.condition)}`);
    // programs: the binding programmes, comma-separated (codes hold no comma).
    if (filter.program) where.push(`$${params.push(filter.program)} = ANY (string_to_array(c.programs, ','))`);
    return this.db.query(
      `SELECT c.office_number, c.office_name, c.municipality_code, m.name AS municipality_name, c.prefecture_code, c.service_type_code,
              st.name AS service_type_name, c.condition_code, sc.kind AS condition_kind, sc.label AS condition_label, c.programs, c.amount::float8 AS amount,
              c.deadline, c.pledged_on, c.status
       FROM subsidy_compliance c JOIN municipalities m ON m.code = c.municipality_code JOIN service_types st ON st.code = c.service_type_code
       JOIN subsidy_conditions sc ON sc.code = c.condition_code
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.municipality_code, c.office_number, c.condition_code`,
      params,
    );
  }

  effect(asOf: string): Promise<EffectRow[]> {
    return this.db.query(`SELECT * FROM subsidy_effect WHERE as_of = $1 ORDER BY group_kind, group_key`, [asOf]);
  }

  subsidisedMunicipalities(prefecture?: string): Promise<SubsidisedMunicipality[]> {
    const params: string[] = [];
    const where = prefecture ? `AND g.prefecture_code = $${params.push(prefecture)}` : '';
    return this.db.query(
      `SELECT coalesce(o.municipality_code, g.municipality_code) AS code, count(*)::int AS grants, sum(g.amount)::float8 AS amount
       FROM subsidy_grants g LEFT JOIN care_offices o ON o.office_number = g.office_number
       WHERE coalesce(o.municipality_code, g.municipality_code) IS NOT NULL ${where} GROUP BY 1`,
      params,
    );
  }

  grantsOfMunicipality(code: string): Promise<MunicipalityGrant[]> {
    return this.db.query(
      `SELECT g.fiscal_year, g.program_code, sp.name AS program_name, g.office_number, g.amount::float8 AS amount, g.eligible_cost::float8 AS eligible_cost, g.decided_on
       FROM subsidy_grants g JOIN subsidy_programs sp ON sp.code = g.program_code LEFT JOIN care_offices o ON o.office_number = g.office_number
       WHERE coalesce(o.municipality_code, g.municipality_code) = $1 ORDER BY g.decided_on`,
      [code],
    );
  }

  /** Grants decided on or before a date: how many and how much (the national page's tile). */
  async totals(asOf: string): Promise<{ grants: number; amount: number; offices: number }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS grants, coalesce(sum(amount), 0)::float8 AS amount, count(DISTINCT office_number)::int AS offices
       FROM subsidy_grants WHERE decided_on <= $1`,
      [asOf],
    );
    return row;
  }
}
