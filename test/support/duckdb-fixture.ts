import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuckDb, sqlLiteral } from '../../jobs/engine/duckdb.js';
import { SQL_DIR } from '../../jobs/job-runner.js';

/** An in-memory DuckDB for SQL tests: load given rows, run a file from sql/, read a table back. */
export async function withDuckDb<T>(fn: (duck: DuckDBConnection) => Promise<T>): Promise<T> {
  const duck = await openDuckDb(join(process.cwd(), 'data', 'test-duckdb'));
  try {
    return await fn(duck.connection);
  } finally {
    duck.close();
  }
}

export async function setAsOf(duck: DuckDBConnection, asOf: string): Promise<void> {
  await duck.run(`SET VARIABLE as_of = DATE ${sqlLiteral(asOf)}`);
}

export async function runSqlFile(duck: DuckDBConnection, file: string): Promise<void> {
  await duck.run(readFileSync(join(SQL_DIR, file), 'utf8'));
}

export async function readTable(duck: DuckDBConnection, query: string): Promise<Record<string, unknown>[]> {
  const reader = await duck.runAndReadAll(query);
  return reader
    .getRowObjectsJS()
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v]),
      ),
    );
}

/** Runs a job's DuckDB SQL in order, as the runner does (staging models first, then the marts). */
export async function runJobSql(duck: DuckDBConnection, job: { sql: string[] }): Promise<void> {
  for (const file of job.sql) await runSqlFile(duck, file);
}

/** A mart's declared invariants (jaffle-shop style): checked on whatever rows the fixture produced. */
export interface MartInvariants {
  /** Columns that together identify a row. */
  unique?: string[];
  notNull?: string[];
  acceptedValues?: Record<string, (string | number | boolean)[]>;
  /** SQL boolean expressions every row satisfies (null counts as satisfied, as in dbt). */
  expressions?: string[];
}

/** Every violation of a mart's invariants, as readable lines (an empty list means it holds). */
export async function invariantViolations(duck: DuckDBConnection, table: string, spec: MartInvariants): Promise<string[]> {
  const problems: string[] = [];
  const count = async (sql: string) => Number((await readTable(duck, sql))[0].n);
  if (spec.unique) {
    const key = spec.unique.map((c) => `"${c}"`).join(', ');
    const n = await count(`SELECT count(*) AS n FROM (SELECT ${key} FROM "${table}" GROUP BY ${key} HAVING count(*) > 1)`);
    if (n) problems.push(`${table}: ${n} duplicate (${spec.unique.join(', ')})`);
  }
  for (const column of spec.notNull ?? []) {
    const n = await count(`SELECT count(*) AS n FROM "${table}" WHERE "${column}" IS NULL`);
    if (n) problems.push(`${table}.${column}: ${n} nulls`);
  }
  for (const [column, values] of Object.entries(spec.acceptedValues ?? {})) {
    const list = values.map((v) => (typeof v === 'string' ? sqlLiteral(v) : String(v))).join(', ');
    const n = await count(`SELECT count(*) AS n FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" NOT IN (${list})`);
    if (n) problems.push(`${table}.${column}: ${n} values outside ${values.join('/')}`);
  }
  for (const expression of spec.expressions ?? []) {
    const n = await count(`SELECT count(*) AS n FROM "${table}" WHERE NOT coalesce((${expression}), true)`);
    if (n) problems.push(`${table}: ${n} rows break ${expression}`);
  }
  return problems;
}
