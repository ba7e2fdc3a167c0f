import type { MunicipalityClass } from '../../core/domain/municipality-class.js';
import type { Step } from '../../core/domain/standardization-steps.js';

/** Response shapes of /api/v1/standardization and /api/v1/schedule (declared once; the dashboard imports them). */
export interface SurveyRound {
  round: string;
  name: string;
  conducted_on: string;
  import_id: number | null;
}

export interface SurveyBreakdownRow {
  round: string;
  group_kind: 'national' | 'class' | 'prefecture';
  group_key: string;
  prefecture_name: string | null;
  asked: number;
  answered: number;
  response_rate: number | null;
  possible: number;
  difficult: number;
  difficult_share: number | null;
  gave_period: number;
  undecided: number;
  fy2025: number;
  fy2026: number;
  fy2027: number;
  fy2028_or_later: number;
  cumulative_by_fy2025: number | null;
  cumulative_by_fy2026: number | null;
  cumulative_by_fy2027: number | null;
  share_fy2028_or_later: number | null;
}

/** Municipalities that completed each step, in a group (national 'all', a prefecture, a vendor). */
export interface FunnelRow {
  group_key: string;
  prefecture_name: string | null;
  municipalities: number;
  migration_done: number;
  modification_done: number;
  transmission_start_done: number;
  data_migration_done: number;
  sharing_start_done: number;
  [share: string]: number | string | null;
}

export interface MunicipalityProgress {
  code?: string;
  municipality_code?: string;
  name?: string;
  class?: MunicipalityClass;
  vendor: string | null;
  current_step: Step | 'completed' | null;
  steps_completed: number;
  days_late: number;
  migration_planned: string | null;
  migration_completed: string | null;
  modification_planned: string | null;
  modification_completed: string | null;
  transmission_start_planned: string | null;
  transmission_start_completed: string | null;
  data_migration_planned: string | null;
  data_migration_completed: string | null;
  sharing_start_planned: string | null;
  sharing_start_completed: string | null;
  /** Reasons it is at risk on this date (empty: not at risk); on the municipality endpoint. */
  at_risk?: AtRiskDetail[];
}

export interface AtRiskDetail {
  reason: string;
  /** Short label of the reason (for filters and table cells). */
  label_ja: string;
  detail_ja: string;
  detail_en: string;
}

export interface AtRiskMunicipality {
  code: string;
  name: string;
  prefecture_code: string;
  prefecture_name: string;
  class: MunicipalityClass;
  vendor: string | null;
  reasons: string[];
  details: AtRiskDetail[];
}

export interface KeyDate {
  key: 'law_in_force_date' | 'conformance_date' | 'full_operation_date';
  value: string;
  valid_from: string;
  source: string | null;
  note: string | null;
}
