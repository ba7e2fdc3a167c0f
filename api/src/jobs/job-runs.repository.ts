import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobRunRow } from './dto/jobs.responses.js';
import type { JobTrigger } from '../../../jobs/job-definition.js';
import type { ExportedColumn, LastSucceededRun, OutputFile, PendingChanges, RunPlanRecord, RunStore } from '../../../jobs/run-store.js';
import { DATA_CHANGES_LOCK } from '../core/domain/data-changes.js';
import { publishChange } from '../core/database/change-notices.js';
import { LOCK_NAMESPACE } from '../core/database/advisory-locks.js';
import { claimFiring, recentFirings, type Firing, type ScheduleClaim, type ScheduleName } from '../core/database/schedule-claims.js';

export type { JobRunRow };

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
export class JobRunsRepository implements RunStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records a run as running and holds an advisory lock on its id, on a connection of its own, until `release`
   * (or until the process dies, which drops the connection). The row and the lock come in one statement, so
   * no other instance ever sees the row without its owner's lock: start-up recovery tells a live run from a
   * dead one by the lock.
   */
  async start(
    jobName: string,
    asOf: string,
    trigger: JobTrigger,
    sqlHash: string,
    plan: RunPlanRecord,
  ): Promise<{ id: number; release: () => Promise<void> }> {
    const { url } = this.db.options as { url: string };
    const owner = new pg.Client({ connectionString: url, keepAlive: true, application_name: `kaigo job ${jobName}` });
    await owner.connect();
    try {
      const {
        rows: [{ id }],
      } = await owner.query<{ id: number }>(
        `WITH run AS (
           INSERT INTO job_runs (job_name, as_of, trigger, status, started_at, sql_hash, mode, recompute_from, changes_seen, basis_hash)
           VALUES ($1, $2, $3, 'running', now(), $4, $5, $6, $7, $8) RETURNING id
         )
         SELECT id, pg_advisory_lock($9::int, id) FROM run`,
        [jobName, asOf, trigger, sqlHash, plan.mode, plan.recomputeFrom, plan.changesSeen, plan.basisHash, LOCK_NAMESPACE.jobRun],
      );
      return { id, release: () => owner.end().catch(() => undefined) };
    } catch (error) {
      await owner.end().catch(() => undefined);
      throw error;
    }
  }

  /** The id of the latest logged data change; waits for writers still logging one to commit (see DATA_CHANGES_LOCK). */
  latestDataChange(): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [DATA_CHANGES_LOCK]);
      const [{ id }] = await m.query(`SELECT coalesce(max(id), 0)::bigint AS id FROM data_changes`);
      return Number(id);
    });
  }

  async lastSucceeded(jobName: string): Promise<LastSucceededRun | undefined> {
    const [row] = await this.db.query(
      `SELECT sql_hash, basis_hash, changes_seen, to_char(as_of, 'YYYY-MM-DD') AS as_of
       FROM job_runs WHERE job_name = $1 AND status = 'succeeded' ORDER BY id DESC LIMIT 1`,
      [jobName],
    );
    return row;
  }

  /** The changes of these kinds logged after `afterId` up to `uptoId`. */
  async pendingChanges(kinds: string[], afterId: number, uptoId: number): Promise<PendingChanges> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS count, to_char(min(changes_from), 'YYYY-MM-DD') AS from, bool_or(changes_from IS NULL) AS any_date
       FROM data_changes WHERE id > $1 AND id <= $2 AND kind = ANY($3::text[])`,
      [afterId, uptoId, kinds],
    );
    return { count: row.count, from: row.from, anyDate: row.any_date === true };
  }

  /** Whether a job's calendar query (IncrementalSpec.calendar) finds a date of its inputs from `from` to `to`. */
  async calendarMoved(sql: string, from: string, to: string): Promise<boolean> {
    const [row] = await this.db.query(sql, [from, to]);
    return row.moved === true;
  }

  /** A hash of every row the queries select (order-independent): a changed hash means a changed input. */
  async fingerprint(queries: string[]): Promise<string> {
    const hashes: string[] = [];
    for (const sql of queries) {
      const [{ h }] = await this.db.query(`SELECT md5(coalesce(string_agg(q::text, E'\\n' ORDER BY q::text), '')) AS h FROM (${sql}) q`);
      hashes.push(h);
    }
    return hashes.join(':');
  }

  async fail(runId: number, rowCounts: Record<string, number>, message: string): Promise<void> {
    await this.db.query(`UPDATE job_runs SET status = 'failed', finished_at = now(), row_counts = $2, error = $3 WHERE id = $1`, [
      runId,
      JSON.stringify(rowCounts),
      message,
    ]);
  }

  /** How many succeeded imports of these kinds the database holds. */
  async succeededImports(kinds: string[]): Promise<number> {
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM imports WHERE status = 'succeeded' AND kind = ANY($1::text[])`, [
      kinds,
    ]);
    return n;
  }

  /** Claims a firing of a schedule for this instance (database/schedule-claims.ts). */
  claimFiring(schedule: ScheduleName, fireAt: Date, instance: string): Promise<ScheduleClaim> {
    return claimFiring(this.db, schedule, fireAt, instance);
  }

  recentFirings(): Promise<Firing[]> {
    return recentFirings(this.db);
  }

  /**
   * Runs left 'running' by a process that died are marked failed at start-up; a run whose owner still holds
   * its lock (another instance, a CLI) is running and is left alone. Returns the ids marked.
   */
  async markInterrupted(): Promise<number[]> {
    return this.db.transaction(async (m) => {
      // TypeORM answers an UPDATE with [rows, count].
      const [rows]: [{ id: number }[], number] = await m.query(
        `UPDATE job_runs SET status = 'failed', finished_at = now(), error = 'interrupted (process stopped mid-run)'
         WHERE status = 'running' AND pg_try_advisory_xact_lock($1::int, id) RETURNING id`,
        [LOCK_NAMESPACE.jobRun],
      );
      return rows.map((r) => r.id);
    });
  }

  recent(limit: number): Promise<JobRunRow[]> {
    return this.db.query(
      `SELECT id, job_name, as_of, trigger, status, started_at, finished_at, row_counts, error, mode, recompute_from FROM job_runs ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  /**
   * Per job, the run that took in data change `changeId` (it saw that change when it planned): the first such
   * run that succeeded, else the latest one (running or failed). A job without one has not started on it yet.
   */
  runsThatSaw(jobNames: string[], changeId: number): Promise<JobRunRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (job_name) id, job_name, as_of, trigger, status, started_at, finished_at, row_counts, error, mode, recompute_from
       FROM job_runs WHERE job_name = ANY($1::text[]) AND changes_seen >= $2
       ORDER BY job_name, status = 'succeeded' DESC, CASE WHEN status = 'succeeded' THEN id ELSE -id END`,
      [jobNames, changeId],
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
      // Two runs of a job at once (the server and `npm run job`): the one that read older data must not
      // overwrite the other's results, or the changes only the newer one saw would never be recomputed.
      const [newer] = await manager.query(
        `SELECT n.id FROM job_runs n, job_runs me WHERE me.id = $2 AND n.job_name = $1 AND n.status = 'succeeded'
           AND n.changes_seen > me.changes_seen ORDER BY n.id DESC LIMIT 1`,
        [jobName, runId],
      );
      if (newer) throw new Error(`superseded: run ${newer.id} already wrote results from newer data; this run's results were not written`);
      if (sourceImportKinds.length) {
        await manager.query(
          `UPDATE job_runs SET source_import_ids = (
             SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM imports WHERE status = 'succeeded' AND kind = ANY($2::text[])
           ) WHERE id = $1`,
          [runId, sourceImportKinds],
        );
      }
      const [client] = await clientOf(manager);
      const copyIn = (table: string, output: OutputFile) =>
        pipeline(
          createReadStream(output.file),
          client.query(copyFrom(`COPY "${table}" (${output.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FORMAT csv)`)),
        );
      for (const output of outputs) {
        if (output.partition) {
          const { column, from, dates } = output.partition;
          await manager.query(`DELETE FROM "${output.table}" WHERE "${column}" >= $1 OR "${column}" = ANY($2::date[])`, [from, dates]);
          await copyIn(output.table, output);
        } else {
          await this.replaceByDifference(manager, output, copyIn);
        }
      }
      await manager.query(`UPDATE job_runs SET status = 'succeeded', finished_at = now(), row_counts = $2 WHERE id = $1`, [
        runId,
        JSON.stringify(rowCounts),
      ]);
      // Heard by every instance when (and only if) these outputs commit.
      await publishChange(manager, { kind: 'figures', reason: `${jobName} run ${runId}` });
    });
  }

  /**
   * Replaces a whole table with the file's rows by writing only the difference: the rows land in a temporary
   * table, then rows whose key is gone or whose values changed are deleted and the new versions inserted.
   * A night's recompute changes few rows of a large table, and deleting and re-inserting every row (with its
   * index entries) cost most of such a run. A kept row keeps the id of the run that wrote it.
   */
  private async replaceByDifference(
    manager: EntityManager,
    output: OutputFile,
    copyIn: (table: string, output: OutputFile) => Promise<void>,
  ): Promise<void> {
    const key: string[] = (
      await manager.query(
        `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        [`"${output.table}"`],
      )
    ).map((r: { name: string }) => r.name);
    const [{ empty }] = await manager.query(`SELECT NOT EXISTS (SELECT 1 FROM "${output.table}") AS empty`);
    if (key.length === 0 || empty) {
      await manager.query(`DELETE FROM "${output.table}"`);
      return copyIn(output.table, output);
    }
    const incoming = `incoming_${output.table}`;
    await manager.query(`CREATE TEMP TABLE "${incoming}" (LIKE "${output.table}") ON COMMIT DROP`);
    await copyIn(incoming, output);
    await manager.query(`ANALYZE "${incoming}"`);
    const sameKey = key.map((k) => `i."${k}" = t."${k}"`).join(' AND ');
    const sameValues = output.columns
      .filter((c) => c !== 'job_run_id' && !key.includes(c))
      .map((c) => ` AND i."${c}" IS NOT DISTINCT FROM t."${c}"`)
      .join('');
    // Hash joins whatever the statistics say: a nested loop over a table just rewritten is quadratic.
    await manager.query(`SET LOCAL enable_nestloop = off`);
    // Rows gone or changed leave the table; what is left of it is identical to incoming rows, which need no write.
    await manager.query(`DELETE FROM "${output.table}" t WHERE NOT EXISTS (SELECT 1 FROM "${incoming}" i WHERE ${sameKey}${sameValues})`);
    await manager.query(`DELETE FROM "${incoming}" i WHERE EXISTS (SELECT 1 FROM "${output.table}" t WHERE ${sameKey})`);
    const columns = output.columns.map((c) => `"${c}"`).join(', ');
    await manager.query(`INSERT INTO "${output.table}" (${columns}) SELECT ${columns} FROM "${incoming}"`);
    await manager.query(`SET LOCAL enable_nestloop = on`);
  }
}
