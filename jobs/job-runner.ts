import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobDefinition, JobInput, JobOutput, JobTrigger, ParquetInput } from './job-definition.js';
import type { ExportedColumn, OutputFile, RunPlanRecord, RunStore } from './run-store.js';
import { openDuckDb, sqlLiteral } from './engine/duckdb.js';
import { processTag } from './engine/process-tag.js';

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

export type { JobTrigger };

export interface RunOptions {
  dataDir: string;
  trigger: JobTrigger;
  /** Date the job computes for (YYYY-MM-DD; the API passes today in Asia/Tokyo when none is asked for). */
  asOf: string;
  /** Where the job's SQL files are (its inputs always come from sql/inputs/); absolute paths in a job win. */
  sqlDir?: string;
  /** Write a Parquet copy of each output under DATA_DIR/snapshots. */
  snapshot?: boolean;
  /** Recompute everything even when the job could recompute only what changed. */
  full?: boolean;
}

/** How a run is done: everything, only the dates from `recomputeFrom` on (and dates not computed yet), or nothing. */
export interface RunPlan extends RunPlanRecord {
  /** Why, in a few words. */
  why: string;
}

export interface RunResult {
  runId: number;
  status: 'succeeded' | 'failed';
  mode: RunPlan['mode'];
  recomputeFrom: string | null;
  /** Why the run took its mode (logged by the service and the CLI). */
  why: string;
  rowCounts: Record<string, number>;
  /** Milliseconds spent reading inputs, running the SQL, and writing outputs back. */
  timings: { load: number; sql: number; write: number };
  error?: string;
}

/** PostgreSQL type OIDs → DuckDB types for the CSV reader; anything else stays text. */
const PG_TO_DUCKDB: Record<number, string> = {
  16: 'BOOLEAN',
  20: 'BIGINT',
  21: 'INTEGER',
  23: 'INTEGER',
  700: 'DOUBLE',
  701: 'DOUBLE',
  1700: 'DOUBLE',
  1082: 'DATE',
  1114: 'TIMESTAMP',
  1184: 'TIMESTAMPTZ',
};

/** A hash of every SQL file a job runs (its inputs and its DuckDB SQL): a changed job reruns at start-up. */
export function jobSqlHash(job: JobDefinition, sqlDir = SQL_DIR): string {
  const hash = createHash('sha256');
  for (const file of [...job.inputs.map((i) => i.sql), ...job.sql])
    hash.update(file).update(readFileSync(resolve(file.startsWith('inputs/') ? SQL_DIR : sqlDir, file)));
  return hash.digest('hex');
}

/**
 * PostgreSQL's CSV exactly (COPY … FORMAT csv): comma, `"` quoting with `""` inside, line breaks inside
 * quotes, an unquoted empty field is NULL. Nothing is sniffed: DuckDB's dialect detection misread quoted
 * commas in names and shifted whole columns.
 */
const POSTGRES_CSV = `auto_detect = false, header = true, delim = ',', quote = '"', escape = '"', new_line = '\\n', allow_quoted_nulls = false, strict_mode = true`;

/** Copies one PostgreSQL query's rows into a typed DuckDB table through a CSV file (COPY out, DuckDB's reader in). */
async function loadInput(io: RunStore, duck: DuckDBConnection, input: JobInput, sqlDir: string, scratch: string): Promise<number> {
  const file = join(scratch, `${input.table}.csv`);
  const columns: ExportedColumn[] = await io.exportQuery(readFileSync(resolve(sqlDir, input.sql), 'utf8').trim().replace(/;$/, ''), file);
  const types = columns.map((c) => `${sqlLiteral(c.name)}: ${sqlLiteral(PG_TO_DUCKDB[c.typeId] ?? 'VARCHAR')}`).join(', ');
  await duck.run(`CREATE TABLE "${input.table}" AS SELECT * FROM read_csv(${sqlLiteral(file)}, ${POSTGRES_CSV}, columns = {${types}})`);
  const reader = await duck.runAndReadAll(`SELECT count(*) AS n FROM "${input.table}"`);
  return Number(reader.getRowObjectsJS()[0].n);
}

/** Writes a DuckDB output table to CSV in the PostgreSQL table's column order (job_run_id filled in). */
async function exportOutput(
  io: RunStore,
  duck: DuckDBConnection,
  output: JobOutput,
  runId: number,
  scratch: string,
): Promise<OutputFile & { rows: number }> {
  const pgColumns = await io.tableColumns(output.to);
  if (pgColumns.length === 0) throw new Error(`output table ${output.to} does not exist in PostgreSQL`);
  const described = (await duck.runAndReadAll(`DESCRIBE "${output.from}"`)).getRowObjectsJS() as { column_name: string }[];
  const duckColumns = new Set(described.map((d) => d.column_name));
  const missing = pgColumns.filter((c) => !duckColumns.has(c) && c !== 'job_run_id');
  if (missing.length) throw new Error(`job output ${output.from} lacks columns ${missing.join(', ')} of ${output.to}`);
  const select = pgColumns.map((c) => (c === 'job_run_id' && !duckColumns.has(c) ? `${runId} AS job_run_id` : `"${c}"`)).join(', ');
  const file = join(scratch, `out-${output.to}.csv`);
  await duck.run(`COPY (SELECT ${select} FROM "${output.from}") TO ${sqlLiteral(file)} (FORMAT csv, HEADER false)`);
  const rows = Number((await duck.runAndReadAll(`SELECT count(*) AS n FROM "${output.from}"`)).getRowObjectsJS()[0].n);
  return { table: output.to, file, columns: pgColumns, rows };
}

/** The dates an incremental run computed (from the job's list of them), which its outputs replace. */
async function computedDates(duck: DuckDBConnection, partition: { column: string; computed: string }): Promise<string[]> {
  const reader = await duck.runAndReadAll(
    `SELECT DISTINCT strftime("${partition.column}", '%Y-%m-%d') AS d FROM "${partition.computed}" ORDER BY d`,
  );
  return (reader.getRowObjectsJS() as { d: string }[]).map((r) => r.d);
}

const inputSql = (table: string, job: JobDefinition) => {
  const input = job.inputs.find((i) => i.table === table);
  if (!input) throw new Error(`job ${job.name}: basis input ${table} is not one of its inputs`);
  return readFileSync(resolve(SQL_DIR, input.sql), 'utf8').trim().replace(/;$/, '');
};

/**
 * Why a run of a job whose outputs hold the state on the run date must recompute although no data changed,
 * or null when its state on `asOf` is the one its last run wrote.
 */
async function calendarMoved(io: RunStore, calendarSql: string, lastAsOf: string, asOf: string): Promise<string | null> {
  if (asOf < lastAsOf) return `an earlier run date than the last run's (${lastAsOf})`;
  if (asOf.slice(0, 7) !== lastAsOf.slice(0, 7)) return `a new month since the last run (${lastAsOf})`;
  if (asOf === lastAsOf) return null;
  const sql = readFileSync(resolve(SQL_DIR, calendarSql), 'utf8');
  return (await io.calendarMoved(sql, lastAsOf, asOf)) ? `a date of its inputs lies from ${lastAsOf} to ${asOf}` : null;
}

/**
 * Decides how much a run recomputes. Full when asked, on the first run, when the SQL or a basis input changed,
 * or when a logged change may alter any date; skipped when nothing the job reads changed (and the run date
 * adds nothing, or passed none of its inputs' dates); otherwise incremental from the earliest date the
 * changes logged since the last run alter.
 */
export async function planRun(io: RunStore, job: JobDefinition, sqlHash: string, force: boolean, asOf: string): Promise<RunPlan> {
  const changesSeen = await io.latestDataChange();
  const spec = job.incremental;
  const full = (why: string, basisHash: string | null = null): RunPlan => ({
    mode: 'full',
    recomputeFrom: null,
    changesSeen,
    basisHash,
    why,
  });
  if (!spec) return full('the job always recomputes everything');
  const basisHash = await io.fingerprint(spec.basis.map((table) => inputSql(table, job)));
  if (force) return full('a full run was asked for', basisHash);
  const last = await io.lastSucceeded(job.name);
  if (!last || last.changes_seen === null) return full('no earlier incremental-ready run', basisHash);
  if (last.sql_hash !== sqlHash) return full('the SQL changed', basisHash);
  if (last.basis_hash !== basisHash) return full(`a basis input changed (${spec.basis.join(', ')})`, basisHash);
  const pending = await io.pendingChanges(job.sourceImportKinds ?? [], Number(last.changes_seen), changesSeen);
  if (pending.anyDate) return full('a change may alter any date', basisHash);
  if (pending.count === 0 && spec.calendar) {
    const moved = await calendarMoved(io, spec.calendar, last.as_of, asOf);
    if (moved) return full(moved, basisHash);
    return {
      mode: 'skipped',
      recomputeFrom: null,
      changesSeen,
      basisHash,
      why: 'nothing it reads changed and no date of its inputs passed',
    };
  }
  if (pending.count === 0 && !spec.runDateAddsDates)
    return { mode: 'skipped', recomputeFrom: null, changesSeen, basisHash, why: 'nothing it reads changed' };
  if (!spec.partition) return full('its outputs are not kept per date', basisHash);
  return {
    mode: 'incremental',
    recomputeFrom: pending.from,
    changesSeen,
    basisHash,
    why: pending.from ? `${pending.count} changes from ${pending.from}` : 'only dates not computed yet',
  };
}

async function loadParquet(
  io: RunStore,
  duck: DuckDBConnection,
  input: ParquetInput,
  dataDir: string,
  fromMonth?: string,
): Promise<number> {
  const files = input.files(dataDir, fromMonth);
  if (files.length === 0) {
    await refuseMissingFiles(io, input, dataDir);
    await duck.run(`CREATE TABLE "${input.table}" (${input.columns})`);
    return 0;
  }
  // A view: DuckDB scans the files where the SQL needs them instead of copying them first.
  await duck.run(`CREATE VIEW "${input.table}" AS SELECT * FROM read_parquet([${files.map(sqlLiteral).join(', ')}])`);
  const reader = await duck.runAndReadAll(`SELECT count(*) AS n FROM "${input.table}"`);
  return Number(reader.getRowObjectsJS()[0].n);
}

/**
 * No file at all while the database holds imports that wrote some: this instance does not see the store
 * (a DATA_DIR that is not shared). The run fails rather than write zeros over the figures.
 */
async function refuseMissingFiles(io: RunStore, input: ParquetInput, dataDir: string): Promise<void> {
  if (input.files(dataDir).length > 0) return;
  const imports = await io.succeededImports(input.writtenBy);
  if (imports === 0) return;
  throw new Error(
    `${input.table}: ${dataDir} に Parquet ファイルがありません（書き込んだ取込 ${imports} 件）。複数台で動かすときは DATA_DIR を共有してください / ` +
      `no Parquet files under ${dataDir} although ${imports} import(s) wrote them: with several instances, DATA_DIR must be shared`,
  );
}

async function runSqlFiles(duck: DuckDBConnection, files: string[], sqlDir: string): Promise<void> {
  for (const file of files) {
    const text = readFileSync(resolve(sqlDir, file), 'utf8'); // absolute paths allowed (tests)
    try {
      await duck.run(text);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
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
export async function runJob(io: RunStore, job: JobDefinition, options: RunOptions): Promise<RunResult> {
  const { asOf } = options;
  const sqlDir = options.sqlDir ?? SQL_DIR;
  const sqlHash = jobSqlHash(job, sqlDir);
  const plan = await planRun(io, job, sqlHash, options.full ?? false, asOf);
  const { id: runId, release } = await io.start(job.name, asOf, options.trigger, sqlHash, plan);
  try {
    return await runStarted(io, job, options, { asOf, sqlDir, plan, runId });
  } finally {
    await release();
  }
}

/** The run after its row is written (and its owner lock held). */
async function runStarted(
  io: RunStore,
  job: JobDefinition,
  options: RunOptions,
  { asOf, sqlDir, plan, runId }: { asOf: string; sqlDir: string; plan: Awaited<ReturnType<typeof planRun>>; runId: number },
): Promise<RunResult> {
  const outcome = { runId, mode: plan.mode, recomputeFrom: plan.recomputeFrom, why: plan.why };
  if (plan.mode === 'skipped') {
    await io.replaceOutputs(job.name, runId, job.sourceImportKinds ?? [], [], {});
    return { ...outcome, status: 'succeeded', rowCounts: {}, timings: { load: 0, sql: 0, write: 0 } };
  }
  // Far in the future when only new dates are due: nothing already computed is recomputed.
  const recomputeFrom = plan.mode === 'incremental' ? (plan.recomputeFrom ?? '9999-12-31') : null;
  const duck = await openDuckDb(options.dataDir);
  mkdirSync(join(options.dataDir, 'tmp'), { recursive: true });
  const scratch = mkdtempSync(join(options.dataDir, 'tmp', `job-${job.name}-${processTag()}-`));
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
    await duck.connection.run(`SET VARIABLE recompute_from = ${recomputeFrom ? `DATE ${sqlLiteral(recomputeFrom)}` : 'NULL::DATE'}`);
    for (const input of job.inputs) rowCounts[`in:${input.table}`] = await loadInput(io, duck.connection, input, SQL_DIR, scratch);
    const fromMonth = recomputeFrom && job.incremental?.prunesParquetByMonth ? recomputeFrom.slice(0, 7) : undefined;
    for (const input of job.parquetInputs ?? [])
      rowCounts[`in:${input.table}`] = await loadParquet(io, duck.connection, input, options.dataDir, fromMonth);
    lap('load');
    await runSqlFiles(duck.connection, job.sql, sqlDir);
    lap('sql');
    const partition = job.incremental?.partition;
    const replaced =
      recomputeFrom && partition
        ? { column: partition.column, from: recomputeFrom, dates: await computedDates(duck.connection, partition) }
        : undefined;
    const files: OutputFile[] = [];
    for (const output of job.outputs) {
      const file = await exportOutput(io, duck.connection, output, runId, scratch);
      rowCounts[output.to] = file.rows;
      files.push({ ...file, partition: replaced });
    }
    await io.replaceOutputs(job.name, runId, job.sourceImportKinds ?? [], files, rowCounts);
    lap('write');
    // A snapshot is a whole output: an incremental run holds only the dates it recomputed.
    if (options.snapshot !== false && plan.mode === 'full')
      await snapshot(duck.connection, job, asOf, runId, options.dataDir).catch(() => undefined);
    return { ...outcome, status: 'succeeded', rowCounts, timings };
  } catch (error) {
    const message = (error as Error).message;
    await io.fail(runId, rowCounts, message);
    return { ...outcome, status: 'failed', rowCounts, timings, error: message };
  } finally {
    duck.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
