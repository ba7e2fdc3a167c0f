/** Response shapes of /api/v1/subsidies (declared once; the dashboard imports them). */
export interface SubsidyProgramView {
  code: string;
  fiscal_year: number;
  category: string;
  name: string;
  device_category: string | null;
  cap_yen: number;
  addon_cap_yen: number | null;
  max_rate: number;
  max_per_prefecture: number | null;
  max_total_per_prefecture_yen: number | null;
  /** The earliest deadline of its linkage conditions (derived from `conditions`). */
  condition_deadline: string | null;
  conditions: SubsidyCondition[];
  note: string | null;
  source: string | null;
}

export type SubsidyConditionKind = 'join_by_deadline' | 'report_usage_by_deadline';

/** A linkage condition a programme's grants carry (one may bind several programmes). */
export interface SubsidyCondition {
  code: string;
  /** join_by_deadline: a licence applied by the deadline; report_usage_by_deadline: data exchanged through the
   *  system in a month up to the deadline (the monthly exchange logs stand in for the usage report). */
  kind: SubsidyConditionKind;
  label: string;
  deadline: string;
  /** The services it binds; null: every service that counts toward adoption. */
  service_type_codes: string[] | null;
  /** Whether a written pledge (連携誓約日) counts as meeting it until the deadline. */
  pledge_counts: boolean;
  note: string | null;
  source: string;
}

export interface SubsidySummaryRow {
  fiscal_year: number;
  prefecture_code: string;
  prefecture_name: string;
  program_code: string;
  program_name: string;
  category: string;
  grants: number;
  offices: number;
  amount: number;
  share_of_national: number | null;
}

export interface ComplianceRow {
  office_number: string;
  office_name: string;
  municipality_code: string;
  municipality_name: string;
  prefecture_code: string;
  service_type_code: string;
  service_type_name: string;
  /** The condition it does not meet, and the programmes that bind it to it (comma-separated). */
  condition_code: string;
  condition_kind: SubsidyConditionKind;
  condition_label: string;
  programs: string;
  amount: number;
  deadline: string;
  /** A written pledge on its grants (listed only once the deadline passed without a licence). */
  pledged_on: string | null;
  status: 'pending' | 'overdue';
}

export interface EffectRow {
  as_of: string;
  baseline: string;
  group_kind: string;
  group_key: string;
  municipalities: number;
  target_offices_before: number;
  applied_before: number;
  rate_before: number | null;
  target_offices_after: number;
  applied_after: number;
  rate_after: number | null;
  change: number | null;
}

export interface SubsidisedMunicipality {
  code: string;
  grants: number;
  amount: number;
}

export interface MunicipalityGrant {
  fiscal_year: number;
  program_code: string;
  program_name: string;
  office_number: string | null;
  amount: number;
  eligible_cost: number;
  decided_on: string;
}
