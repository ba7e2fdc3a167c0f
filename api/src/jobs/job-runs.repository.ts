import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobRunRow } from './dto/jobs.responses.js';
import type { JobTrigger } from './job-definition.js';

export type { JobRunRow };

/** A column of a PostgreSQL result: its name and type (pg's type OID). */
export interface ExportedColumn {
  name: string;
  typeId: number;
}

export interface OutputFile {
  table: string;
  /** CSV without a header, columns in `columns` order. */
  file: string;
  columns: string[];
}

/** The raw pg client under a TypeORM manager (COPY needs the client's stream protocol). */
async function clientOf(manager: EntityManager): Promise<[pg.PoolClient, () => void]> {
  if (manager.queryRunner) return [(await manager.queryRunner.connect()) as pg.PoolClient, () => undefined];
  const [client, release] = (await manager.connection.driver.obtainMasterConnection()) as [pg.PoolClient, () => void];
  return [client, release];
}

/**
 * Job runs and the data a job moves: inputs leave PostgreSQL by `COPY … TO STDOUT` into CSV files that
 * DuckDB reads; outputs come back by `COPY … FROM STDIN`, replacing the previous rows in one transaction.
 */
@Injectable()
export class JobRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(jobName: string, asOf: string, trigger: JobTrigger, sqlHash: string): Promise<number> {
    const [{ id }] = await this.db.query(
      `INSERT INTO job_runs (job_name, as_of, trigger, status, started_at, sql_hash) VALUES ($1, $2, $3, 'running', now(), $4) RETURNING id`,
      [jobName, asOf, trigger, sqlHash],
    );
    return id;
  }

  async fail(runId: number, rowCounts: Record<string, number>, message: string): Promise<void> {
    await this.db.query(`UPDATE job_runs SET status = 'failed', finished_at = now(), row_counts = $2, error = $3 WHERE id = $1`, [
      runId,
      JSON.stringify(rowCounts),
      message,
    ]);
  }

  /** Runs left 'running' by a process that died are marked failed at start-up. */
  async markInterrupted(): Promise<void> {
    await this.db.query(
      `UPDATE job_runs SET status = 'failed', finished_at = now(), error = 'interrupted (process stopped mid-run)' WHERE status = 'running'`,
    );
  }

  /** The SQL hash of the job's latest successful run; null when it never succeeded. */
  async latestSucceededSqlHash(jobName: string): Promise<string | null> {
    const rows: { sql_hash: string | null }[] = await this.db.query(
      `SELECT coalesce(sql_hash, '') AS sql_hash FROM job_runs WHERE job_name = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 1`,
      [jobName],
    );
    return rows[0]?.sql_hash ?? null;
  }

  recent(limit: number): Promise<JobRunRow[]> {
    return this.db.query(
      `SELECT id, job_name, as_of, trigger, status, started_at, finished_at, row_counts, error FROM job_runs ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  /** Writes a query's rows to a CSV file (with header) and returns its columns and types. */
  async exportQuery(sql: string, file: string): Promise<ExportedColumn[]> {
    const [client, release] = await clientOf(this.db.manager);
    try {
      const described = await client.query({ text: `SELECT * FROM (${sql}) q LIMIT 0`, rowMode: 'array' });
      await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`)), createWriteStream(file));
      return described.fields.map((f) => ({ name: f.name, typeId: f.dataTypeID }));
    } finally {
      release();
    }
  }

  /** Columns of a table as PostgreSQL has them, in order. */
  async tableColumns(table: string): Promise<string[]> {
    const rows: { column_name: string }[] = await this.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    return rows.map((r) => r.column_name);
  }

  /**
   * Replaces each output table with its file's rows and marks the run succeeded, all in one transaction
   * (a failure leaves the previous results served). Runs of one job from different processes (the
   * server, `npm run job`) take a lock and replace the outputs one after the other.
   */
  async replaceOutputs(
    jobName: string,
    runId: number,
    sourceImportKinds: string[],
    outputs: OutputFile[],
    rowCounts: Record<string, number>,
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`job:${jobName}`]);
      if (sourceImportKinds.length) {
        await manager.query(
          `UPDATE job_runs SET source_import_ids = (
             SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM imports WHERE status = 'succeeded' AND kind = ANY($2::text[])
           ) WHERE id = $1`,
          [runId, sourceImportKinds],
        );
      }
      const [client] = await clientOf(manager);
      for (const output of outputs) {
        await manager.query(`DELETE FROM "${output.table}"`);
        const columns = output.columns.map((c) => `"${c}"`).join(', ');
        await pipeline(
          createReadStream(output.file),
          client.query(copyFrom(`COPY "${output.table}" (${columns}) FROM STDIN WITH (FORMAT csv)`)),
        );
      }
      await manager.query(`UPDATE job_runs SET status = 'succeeded', finished_at = now(), row_counts = $2 WHERE id = $1`, [
        runId,
        JSON.stringify(rowCounts),
      ]);
    });
  }
}
