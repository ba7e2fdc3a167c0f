import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The job run behind a family's figures: when it ran, for which date, which imports it read, and whether any was demo data. */
export interface JobRunInfo {
  job_run_id: number;
  as_of: string;
  computed_at: Date;
  source_import_ids: number[];
  demo: boolean;
}

/** Reads what every figure's metadata needs: the computed dates of a summary table and the run behind it. */
@Injectable()
export class FiguresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** `table` is one of our own summary tables (FAMILIES), never user input. */
  async dates(table: string): Promise<string[]> {
    const rows: { as_of: string }[] = await this.db.query(`SELECT DISTINCT as_of FROM ${table} ORDER BY as_of`);
    return rows.map((r) => r.as_of);
  }

  /** The latest successful run of a job, also when it wrote no rows. */
  async latestRun(jobName: string): Promise<JobRunInfo | undefined> {
    const [row] = await this.db.query(
      `SELECT r.id AS job_run_id, r.as_of, r.finished_at AS computed_at, coalesce(r.source_import_ids, '{}') AS source_import_ids,
              EXISTS (SELECT 1 FROM imports i WHERE i.is_demo AND i.id = ANY(r.source_import_ids)) AS demo
       FROM job_runs r WHERE r.id = (SELECT max(id) FROM job_runs WHERE job_name = $1 AND status = 'succeeded')`,
      [jobName],
    );
    return row;
  }
}
