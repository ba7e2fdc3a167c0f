import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDuckDb, sqlLiteral } from './duckdb.js';

/**
 * Monthly exchange logs as Parquet, one file per month: DATA_DIR/cpdl_usage/month=YYYY-MM/data.parquet.
 * Parquet rather than PostgreSQL because the usage job scans millions of rows: DuckDB reads the files
 * directly instead of copying them out of PostgreSQL row by row (measured in BENCHMARKS.md).
 */
export interface UsageRow {
  office_number: string;
  month: string; // YYYY-MM
  sent: number;
  received: number;
}

/** A month file being written is named `<final>.staged-<pid>-<random>` until its import commits (swept at start-up if the process died). */
export const stagedName = (finalPath: string, random: string) => `${finalPath}.staged-${process.pid}-${random}`;

export const usageDir = (dataDir: string) => join(dataDir, 'cpdl_usage');
export const usageFile = (dataDir: string, month: string) => join(usageDir(dataDir), `month=${month}`, 'data.parquet');
/** The month files in month order; with `fromMonth` (YYYY-MM), only that month's and later ones. */
export function usageFiles(dataDir: string, fromMonth = ''): string[] {
  const dir = usageDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^month=\d{4}-\d{2}$/.test(name) && name.slice('month='.length) >= fromMonth)
    .sort()
    .map((name) => join(dir, name, 'data.parquet'))
    .filter((file) => existsSync(file));
}

export interface StagedUsage {
  counts: { inserted: number; updated: number; unchanged: number };
  /** Puts the new month files in place (after the import is committed). */
  commit(): void;
  /** Throws the staged files away (the import was rolled back). */
  discard(): void;
}

/**
 * Merges rows into their months: a row replaces the stored one of the same office and month. New
 * files are written beside the old ones and swapped in only by commit().
 */
export async function stageUsage(dataDir: string, rows: UsageRow[]): Promise<StagedUsage> {
  const duck = await openDuckDb(dataDir);
  const staged: { month: string; tmp: string; final: string }[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  try {
    const c = duck.connection;
    await c.run(`CREATE TABLE incoming (office_number VARCHAR, month VARCHAR, sent BIGINT, received BIGINT)`);
    const appender = await c.createAppender('incoming');
    for (const r of rows) {
      appender.appendVarchar(r.office_number);
      appender.appendVarchar(r.month);
      appender.appendBigInt(BigInt(r.sent));
      appender.appendBigInt(BigInt(r.received));
      appender.endRow();
    }
    appender.closeSync();
    const months = [...new Set(rows.map((r) => r.month))].sort();
    for (const month of months) {
      const final = usageFile(dataDir, month);
      const existing = existsSync(final)
        ? `SELECT office_number, month, sent, received FROM read_parquet(${sqlLiteral(final)})`
        : `SELECT * FROM incoming WHERE false`;
      const reader = await c.runAndReadAll(`
        WITH old AS (${existing}), new AS (SELECT * FROM incoming WHERE month = ${sqlLiteral(month)})
        SELECT
          count(*) FILTER (WHERE old.office_number IS NULL) AS inserted,
          count(*) FILTER (WHERE old.office_number IS NOT NULL AND (old.sent <> new.sent OR old.received <> new.received)) AS updated,
          count(*) FILTER (WHERE old.office_number IS NOT NULL AND old.sent = new.sent AND old.received = new.received) AS unchanged
        FROM new LEFT JOIN old USING (office_number)`);
      const [row] = reader.getRowObjectsJS() as { inserted: bigint; updated: bigint; unchanged: bigint }[];
      counts.inserted += Number(row.inserted);
      counts.updated += Number(row.updated);
      counts.unchanged += Number(row.unchanged);
      if (Number(row.inserted) + Number(row.updated) === 0) continue;
      mkdirSync(join(usageDir(dataDir), `month=${month}`), { recursive: true });
      const tmp = stagedName(final, randomBytes(6).toString('hex'));
      await c.run(`COPY (
          WITH old AS (${existing}), new AS (SELECT * FROM incoming WHERE month = ${sqlLiteral(month)})
          SELECT * FROM old WHERE office_number NOT IN (SELECT office_number FROM new)
          UNION ALL SELECT * FROM new ORDER BY office_number
        ) TO ${sqlLiteral(tmp)} (FORMAT parquet)`);
      staged.push({ month, tmp, final });
    }
  } catch (error) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw error;
  } finally {
    duck.close();
  }
  return {
    counts,
    commit: () => staged.forEach((s) => renameSync(s.tmp, s.final)),
    discard: () => staged.forEach((s) => rmSync(s.tmp, { force: true })),
  };
}
