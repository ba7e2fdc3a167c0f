/** Response shapes of /api/v1/usage (declared once; the dashboard imports them). */
export interface UsageMeasures {
  licensed_offices: number;
  active_offices: number;
  exchanges: number;
  exchanges_per_active: number | null;
  active_share: number | null;
}

export interface UsageFigures {
  national: (UsageMeasures & { as_of: string }) | undefined;
  prefectures: (UsageMeasures & { prefecture_code: string; prefecture_name: string })[];
  /** Per municipality of the prefecture asked for. */
  municipalities?: (UsageMeasures & { code: string; name: string })[];
}
