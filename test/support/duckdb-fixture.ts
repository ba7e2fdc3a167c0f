import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDuckDb, sqlLiteral } from '../../api/src/database/duckdb.js';
import { SQL_DIR } from '../../api/src/jobs/job-runner.js';

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
  return reader.getRowObjectsJS().map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v])),
  );
}
