import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AtRiskReason } from './at-risk-reasons.js';
import type {
  AtRiskMunicipality,
  FunnelRow,
  KeyDate,
  MunicipalityProgress,
  SurveyBreakdownRow,
  SurveyRound,
} from './dto/standardization.responses.js';

const FUNNEL = 'municipalities, migration_done, modification_done, transmission_start_done, data_migration_done, sharing_start_done';

/** The only place that queries the standardisation tables and summaries (written by the `standardization` job). */
@Injectable()
export class StandardizationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  rounds(): Promise<SurveyRound[]> {
    return this.db.query(`SELECT round, name, conducted_on, import_id FROM survey_rounds ORDER BY conducted_on`);
  }

  breakdown(round: string, groupKind: 'class' | 'prefecture' | 'national'): Promise<SurveyBreakdownRow[]> {
    return this.db.query(
      `SELECT b.*, p.name AS prefecture_name FROM survey_breakdown b
       LEFT JOIN prefectures p ON b.group_kind = 'prefecture' AND p.code = b.group_key
       WHERE b.round = $1 AND b.group_kind = $2 ORDER BY b.group_key`,
      [round, groupKind],
    );
  }

  funnel(asOf: string, groupKind: 'national' | 'prefecture' | 'vendor', groupKey?: string): Promise<FunnelRow[]> {
    const params: string[] = [asOf, groupKind];
    const key = groupKey ? ` AND f.group_key = $${params.push(groupKey)}` : '';
    return this.db.query(
      `SELECT f.group_key, p.name AS prefecture_name, ${FUNNEL.split(', ')
        .map((c) => `f.${c}`)
        .join(', ')}
       FROM standardization_funnel f LEFT JOIN prefectures p ON f.group_kind = 'prefecture' AND p.code = f.group_key
       WHERE f.as_of = $1 AND f.group_kind = $2${key} ORDER BY f.group_key`,
      params,
    );
  }

  municipalities(asOf: string, prefecture: string): Promise<MunicipalityProgress[]> {
    return this.db.query(
      `SELECT s.municipality_code AS code, m.name, m.class, s.vendor, s.current_step, s.steps_completed, s.days_late,
              s.migration_planned, s.migration_completed, s.modification_planned, s.modification_completed,
              s.transmission_start_planned, s.transmission_start_completed, s.data_migration_planned, s.data_migration_completed,
              s.sharing_start_planned, s.sharing_start_completed
       FROM standardization_progress s JOIN municipalities m ON m.code = s.municipality_code
       WHERE s.as_of = $1 AND s.prefecture_code = $2 ORDER BY s.municipality_code`,
      [asOf, prefecture],
    );
  }

  async municipality(asOf: string, code: string): Promise<MunicipalityProgress | undefined> {
    const rows: MunicipalityProgress[] = await this.db.query(
      `SELECT * FROM standardization_progress WHERE as_of = $1 AND municipality_code = $2`,
      [asOf, code],
    );
    return rows[0];
  }

  /** Municipalities at risk on a progress date with their reason codes, filtered by area, class or vendor ('（未登録）' = none). */
  atRisk(
    asOf: string,
    filter: { prefecture?: string; municipality?: string; class?: string; vendor?: string } = {},
  ): Promise<(Omit<AtRiskMunicipality, 'details'> & { codes: AtRiskReason[] })[]> {
    const params: string[] = [asOf];
    const where = ['a.as_of = $1'];
    if (filter.prefecture) where.push(`a.prefecture_code = $${params.push(filter.prefecture)}`);
    if (filter.municipality) where.push(`a.municipality_code = $${params.push(filter.municipality)}`);
    if (filter.class) where.push(`m.class = $${params.push(filter.class)}`);
    if (filter.vendor) where.push(`coalesce(a.vendor, '（未登録）') = $${params.push(filter.vendor)}`);
    return this.db.query(
      `SELECT a.municipality_code AS code, m.name, a.prefecture_code, p.name AS prefecture_name, m.class, a.vendor,
              array_agg(a.reason ORDER BY a.reason) AS reasons,
              json_agg(json_build_object('reason', a.reason, 'survey_round', a.survey_round, 'step', a.step, 'planned_on', a.planned_on,
                'deadline', a.deadline, 'days_late', a.days_late) ORDER BY a.reason) AS codes
       FROM standardization_at_risk a
       JOIN municipalities m ON m.code = a.municipality_code
       JOIN prefectures p ON p.code = a.prefecture_code
       WHERE ${where.join(' AND ')}
       GROUP BY a.municipality_code, m.name, a.prefecture_code, p.name, m.class, a.vendor
       ORDER BY a.municipality_code`,
      params,
    );
  }

  atRiskByVendor(asOf: string): Promise<{ group_key: string; at_risk: number }[]> {
    return this.db.query(
      `SELECT coalesce(vendor, '（未登録）') AS group_key, count(DISTINCT municipality_code)::int AS at_risk
       FROM standardization_at_risk WHERE as_of = $1 GROUP BY 1`,
      [asOf],
    );
  }

  /** Vendors as registered in the milestones, for filters. */
  async vendors(): Promise<string[]> {
    const rows: { vendor: string }[] = await this.db.query(
      `SELECT DISTINCT vendor FROM standardization_milestones WHERE vendor IS NOT NULL ORDER BY vendor`,
    );
    return rows.map((r) => r.vendor);
  }

  keyDates(asOf: string): Promise<KeyDate[]> {
    return this.db.query(
      `SELECT DISTINCT ON (key) key, value, valid_from, source, note FROM settings
       WHERE key IN ('law_in_force_date', 'conformance_date', 'full_operation_date') AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
       ORDER BY key, valid_from DESC`,
      [asOf],
    );
  }
}
