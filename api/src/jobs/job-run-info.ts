import type { DataSource } from 'typeorm';

/** The job run behind a summary table: when it ran, which imports it read, and whether any was demo data. */
export interface JobRunInfo {
  job_run_id: number;
  as_of: string;
  computed_at: Date;
  source_import_ids: number[];
  demo: boolean;
}

const RUN_COLUMNS = `r.id AS job_run_id, r.as_of, r.finished_at AS computed_at, coalesce(r.source_import_ids, '{}') AS source_import_ids,
  EXISTS (SELECT 1 FROM imports i WHERE i.is_demo AND i.id = ANY(r.source_import_ids)) AS demo`;

/** `summaryTable` is one of our own table names (never user input): the run that last wrote rows to it. */
export async function latestRunOf(db: DataSource, summaryTable: string): Promise<JobRunInfo | undefined> {
  const [row] = await db.query(`SELECT ${RUN_COLUMNS} FROM job_runs r WHERE r.id = (SELECT max(job_run_id) FROM ${summaryTable})`);
  return row;
}

/** The latest successful run of a job, also when it wrote no rows. */
export async function latestSucceededRun(db: DataSource, jobName: string): Promise<JobRunInfo | undefined> {
  const [row] = await db.query(
    `SELECT ${RUN_COLUMNS} FROM job_runs r WHERE r.id = (SELECT max(id) FROM job_runs WHERE job_name = $1 AND status = 'succeeded')`,
    [jobName],
  );
  return row;
}
