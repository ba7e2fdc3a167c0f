import type { JobTrigger } from '../../../../jobs/job-definition.js';

/** A firing of a schedule and the instance that ran it (the others on the same database skipped it). */
export type { Firing as ScheduleFiring } from '../../core/database/schedule-claims.js';

/** Job runs as the API returns them (declared once; the dashboard imports these types). */
export interface JobRunRow {
  id: number;
  job_name: string;
  as_of: string;
  trigger: JobTrigger;
  status: 'running' | 'succeeded' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  row_counts: Record<string, number> | null;
  error: string | null;
  /** full: every date recomputed; incremental: the dates from recompute_from on and new ones; skipped: nothing it reads changed. */
  mode: 'full' | 'incremental' | 'skipped' | null;
  recompute_from: string | null;
}

/** Where a job stands on a data change: not started on it yet (queued), or the run that took it in. */
export interface JobProgress {
  name: string;
  status: 'queued' | JobRunRow['status'];
  run: JobRunRow | null;
}
