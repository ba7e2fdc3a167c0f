/** Response shapes of /api/v1/offices (declared once; the dashboard imports them). */
export type LicenceStatus = 'not_applied' | 'applied' | 'in_force' | 'ended';
export type SubsidyStatus = 'none' | 'met' | 'pledged' | 'pending' | 'overdue';

/** One care office that counts toward adoption, as of the `offices` job's run date. */
export interface OfficeRow {
  office_number: string;
  office_name: string;
  /** As the latest published office list gave it; null when none did (the demo has none). */
  phone: string | null;
  /** 住所 as the latest published office list gave it; null when none did (the demo has none). */
  address: string | null;
  municipality_code: string;
  municipality_name: string;
  /** Counted services it holds, comma-separated codes ('110,430'). */
  service_type_codes: string;
  licence_status: LicenceStatus;
  applied_on: string | null;
  starts_on: string | null;
  ends_on: string | null;
  /** Sent + received in the three latest months of the exchange logs (meta.usage_from .. usage_to). */
  exchanges_3m: number;
  /** YYYY-MM of its latest month with any exchange. */
  last_exchange_month: string | null;
  /** Earliest linkage-condition deadline of its grants, when it has such a grant. */
  subsidy_deadline: string | null;
  subsidy_status: SubsidyStatus;
}

/** The columns in the order both encodings carry them; the Arrow stream holds exactly these (the JSON `meta` rides in its schema metadata, key "meta"). */
export const OFFICE_COLUMNS: ReadonlyArray<keyof OfficeRow> = [
  'office_number',
  'office_name',
  'phone',
  'address',
  'municipality_code',
  'municipality_name',
  'service_type_codes',
  'licence_status',
  'applied_on',
  'starts_on',
  'ends_on',
  'exchanges_3m',
  'last_exchange_month',
  'subsidy_deadline',
  'subsidy_status',
];

/** Where a municipality of the list stands against the target on the same date. */
export interface MunicipalityNeed {
  code: string;
  name: string;
  target_offices: number;
  applied_offices: number;
  application_rate: number | null;
  target_rate: number;
  /** Smallest number of further applications that lifts it to the target (0 when met). */
  offices_needed: number;
}

export interface OfficeListMeta {
  as_of: string;
  source: string;
  demo: boolean;
  job_run_id: number;
  /** The usage window of exchanges_3m (YYYY-MM), null without exchange logs. */
  usage_from: string | null;
  usage_to: string | null;
  /** The area asked for: a prefecture, a municipality, or the nation. */
  area: { prefecture?: string; municipality?: string };
  rows: number;
  municipalities: MunicipalityNeed[];
  service_types: { code: string; name: string }[];
  definitions: Record<string, string>;
}

export interface OfficeList {
  data: OfficeRow[];
  meta: OfficeListMeta;
}
