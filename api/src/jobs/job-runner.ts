import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobDefinition, JobInput, JobOutput, ParquetInput } from './job-definition.js';
import { openDuckDb, sqlLiteral } from '../database/duckdb.js';
import { CPDL_START, todayInTokyo } from '../core/dates.js';

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'sql');

export type JobTrigger = 'schedule' | 'manual' | 'startup' | 'cli' | 'import';

export interface RunOptions {
  dataDir: string;
  trigger: JobTrigger;
  /** Date the job computes for (YYYY-MM-DD); defaults to today in Asia/Tokyo. */
  asOf?: string;
  sqlDir?: string;
  /** Write a Parquet copy of each output under DATA_DIR/snapshots. */
  snapshot?: boolean;
}

export interface RunResult {
  runId: number;
  status: 'succeeded' | 'failed';
  rowCounts: Record<string, number>;
  /** Milliseconds spent reading inputs, running the SQL, and writing outputs back. */
  timings: { load: number; sql: number; write: number };
  error?: string;
}


export class JobAsOfError extends Error {
  constructor(
    readonly messageJa: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

/** A job computes for a date from FY2023 up to today in Tokyo: never the future (its figures would become everyone's default). */
export function checkJobAsOf(asOf: string, today = todayInTokyo()): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf < CPDL_START || asOf > today) {
    throw new JobAsOfError(`ジョブの基準日は ${CPDL_START} から今日（${today}）までの日付です（指定: ${asOf.slice(0, 20)}）`, `a job's as_of must lie between ${CPDL_START} and today (${today}); got ${asOf.slice(0, 20)}`);
  }
}

const PG_TO_DUCKDB: Record<number, string> = {
  16: 'BOOLEAN', 20: 'BIGINT', 21: 'INTEGER', 23: 'INTEGER', 700: 'DOUBLE', 701: 'DOUBLE',
  1700: 'DOUBLE', 1082: 'DATE', 1114: 'TIMESTAMP', 1184: 'TIMESTAMPTZ',
};

function asText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Copies one PostgreSQL query result into a typed DuckDB table (via a text staging table). */
async function loadInput(manager: EntityManager, duck: DuckDBConnection, input: JobInput): Promise<number> {
  const driver = (await manager.connection.driver.obtainMasterConnection()) as [
    { query(q: { text: string; rowMode: 'array' }): Promise<{ rows: unknown[][]; fields: { name: string; dataTypeID: number }[] }> },
    () => void,
  ];
  const [client, release] = driver;
  try {
    const result = await client.query({ text: input.query, rowMode: 'array' });
    const staging = `${input.table}__text`;
    const columns = result.fields.map((f) => `"${f.name}"`);
    await duck.run(`CREATE TABLE "${staging}" (${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
    const appender = await duck.createAppender(staging);
    for (const row of result.rows) {
      for (const value of row) {
        if (value === null || value === undefined) appender.appendNull();
        else appender.appendVarchar(asText(value));
      }
      appender.endRow();
    }
    appender.closeSync();
    const casts = result.fields.map((f) => `CAST("${f.name}" AS ${PG_TO_DUCKDB[f.dataTypeID] ?? 'VARCHAR'}) AS "${f.name}"`);
    await duck.run(`CREATE TABLE "${input.table}" AS SELECT ${casts.join(', ')} FROM "${staging}"; DROP TABLE "${staging}"`);
    return result.rows.length;
  } finally {
    release();
  }
}

function toPgValue(value: unknown, udt: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return udt === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

const BATCH = 20_000;

/** Replaces a PostgreSQL table with a DuckDB table's rows, inside the caller's transaction. */
async function writeOutput(manager: EntityManager, duck: DuckDBConnection, output: JobOutput, runId: number): Promise<number> {
  const pgColumns = (await manager.query(
    `SELECT column_name, udt_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [output.to],
  )) as { column_name: string; udt_name: string }[];
  if (pgColumns.length === 0) throw new Error(`output table ${output.to} does not exist in PostgreSQL`);
  const reader = await duck.runAndReadAll(`SELECT * FROM "${output.from}"`);
  const data = reader.getColumnsObjectJS();
  const rowCount = reader.currentRowCount;
  const columns = pgColumns.filter((c) => c.column_name in data || c.column_name === 'job_run_id');
  const missing = pgColumns.filter((c) => !columns.includes(c)).map((c) => c.column_name);
  if (missing.length) throw new Error(`job output ${output.from} lacks columns ${missing.join(', ')} of ${output.to}`);

  await manager.query(`DELETE FROM "${output.to}"`);
  const names = columns.map((c) => `"${c.column_name}"`).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${c.udt_name}[]`).join(', ');
  for (let start = 0; start < rowCount; start += BATCH) {
    const end = Math.min(rowCount, start + BATCH);
    const params = columns.map((c) =>
      c.column_name === 'job_run_id' && !(c.column_name in data)
        ? new Array(end - start).fill(runId)
        : data[c.column_name].slice(start, end).map((v) => toPgValue(v, c.udt_name)),
    );
    await manager.query(`INSERT INTO "${output.to}" (${names}) SELECT * FROM unnest(${unnest})`, params);
  }
  return rowCount;
}

/** Every successful import of the kinds a job reads, so each figure can name its sources. */
async function recordSources(manager: EntityManager, runId: number, kinds: string[]): Promise<void> {
  await manager.query(
    `UPDATE job_runs SET source_import_ids = (
       SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM imports WHERE status = 'succeeded' AND kind = ANY($2::text[])
     ) WHERE id = $1`,
    [runId, kinds],
  );
}

async function loadParquet(duck: DuckDBConnection, input: ParquetInput, dataDir: string): Promise<number> {
  if (!input.exists(dataDir)) {
    await duck.run(`CREATE TABLE "${input.table}" (${input.columns})`);
    return 0;
  }
  // A view: DuckDB scans the files where the SQL needs them instead of copying them first.
  await duck.run(`CREATE VIEW "${input.table}" AS SELECT * FROM read_parquet(${sqlLiteral(input.glob(dataDir))})`);
  const reader = await duck.runAndReadAll(`SELECT count(*) AS n FROM "${input.table}"`);
  return Number(reader.getRowObjectsJS()[0].n);
}

async function runSqlFiles(duck: DuckDBConnection, files: string[], sqlDir: string): Promise<void> {
  for (const file of files) {
    const text = readFileSync(resolve(sqlDir, file), 'utf8'); // absolute paths allowed (tests)
    try {
      await duck.run(text);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
}

async function snapshot(duck: DuckDBConnection, job: JobDefinition, asOf: string, runId: number, dataDir: string) {
  const dir = join(dataDir, 'snapshots', job.name, `${asOf}_run${runId}`);
  mkdirSync(dir, { recursive: true });
  for (const output of job.outputs) {
    await duck.run(`COPY "${output.from}" TO ${sqlLiteral(join(dir, `${output.to}.parquet`))} (FORMAT parquet)`);
  }
}

/**
 * Runs a job: PostgreSQL inputs → DuckDB → the job's SQL → outputs written back in one
 * transaction. A failure anywhere leaves the previous outputs untouched and is recorded.
 */
export async function runJob(dataSource: DataSource, job: JobDefinition, options: RunOptions): Promise<RunResult> {
  const asOf = options.asOf ?? todayInTokyo();
  checkJobAsOf(asOf);
  const [{ id: runId }] = (await dataSource.query(
    `INSERT INTO job_runs (job_name, as_of, trigger, status, started_at) VALUES ($1, $2, $3, 'running', now()) RETURNING id`,
    [job.name, asOf, options.trigger],
  )) as { id: number }[];
  const duck = await openDuckDb(options.dataDir);
  const rowCounts: Record<string, number> = {};
  const timings = { load: 0, sql: 0, write: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof timings) => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark);
    mark = now;
  };
  try {
    await duck.connection.run(`SET VARIABLE as_of = DATE ${sqlLiteral(asOf)}`);
    for (const input of job.inputs) rowCounts[`in:${input.table}`] = await loadInput(dataSource.manager, duck.connection, input);
    for (const input of job.parquetInputs ?? []) rowCounts[`in:${input.table}`] = await loadParquet(duck.connection, input, options.dataDir);
    lap('load');
    await runSqlFiles(duck.connection, job.sql, options.sqlDir ?? SQL_DIR);
    lap('sql');
    await dataSource.transaction(async (manager) => {
      // Runs of one job from different processes (the server, `npm run job`) replace its outputs one after the other.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`job:${job.name}`]);
      if (job.sourceImportKinds?.length) await recordSources(manager, runId, job.sourceImportKinds);
      for (const output of job.outputs) rowCounts[output.to] = await writeOutput(manager, duck.connection, output, runId);
      await manager.query(
        `UPDATE job_runs SET status = 'succeeded', finished_at = now(), row_counts = $2 WHERE id = $1`,
        [runId, JSON.stringify(rowCounts)],
      );
    });
    lap('write');
    if (options.snapshot !== false) await snapshot(duck.connection, job, asOf, runId, options.dataDir).catch(() => undefined);
    return { runId, status: 'succeeded', rowCounts, timings };
  } catch (error) {
    const message = (error as Error).message;
    await dataSource.query(
      `UPDATE job_runs SET status = 'failed', finished_at = now(), row_counts = $2, error = $3 WHERE id = $1`,
      [runId, JSON.stringify(rowCounts), message],
    );
    return { runId, status: 'failed', rowCounts, timings, error: message };
  } finally {
    duck.close();
  }
}

/** Runs left 'running' by a process that died are marked failed at start-up. */
export async function markInterruptedRuns(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `UPDATE job_runs SET status = 'failed', finished_at = now(), error = 'interrupted (process stopped mid-run)' WHERE status = 'running'`,
  );
}
