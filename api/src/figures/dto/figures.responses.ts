/** What every figure says about itself (`meta`), and the envelope of a figures response; the dashboard imports these types. */
export interface FigureMeta {
  as_of: string;
  source: string;
  demo: boolean;
  job_run_id: number;
  computed_at: string | Date;
  source_import_ids: number[];
  [extra: string]: unknown;
}

export interface Figures<T, M = FigureMeta> {
  data: T;
  meta: M;
}
