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
  condition_deadline: string | null;
  note: string | null;
  source: string | null;
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
  programs: string;
  amount: number;
  deadline: string;
  status: string;
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
