import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDuckDb, sqlLiteral } from './duckdb.js';
import { processTag } from './process-tag.js';

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
export const stagedName = (finalPath: string, random: string) => `${finalPath}.staged-${processTag()}-${random}`;

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
  /** Puts the new month files in place (after the import is committed), then lets the months go. */
  commit(): Promise<void>;
  /** Throws the staged files away (the import was rolled back), then lets the months go. */
  discard(): Promise<void>;
}

/** Holds the months (YYYY-MM) against other writers until the returned release is called. */
export type MonthLocker = (months: string[]) => Promise<() => Promise<void>>;

/** A row problem found by a check over the staged rows (the import pipeline adds the file label). */
export interface StagedRowError {
  row: number;
  file?: string;
  column: string;
  value: string;
  reason_ja: string;
  reason_en: string;
}

const CHECK_BATCH = 50_000;

/**
 * An upload's rows staged on disk as they pass validation, so an import's memory does not grow with the
 * file: a DuckDB database file in its own directory under DATA_DIR/tmp, with a memory limit beyond which
 * DuckDB spills. The checks across rows run there in SQL; write() merges the rows into their months.
 */
export class UsageStage {
  private appender: DuckDBAppender | undefined;
  private sequence = 0;
  private closed = false;

  private constructor(
    private readonly dataDir: string,
    private readonly dir: string,
    private readonly duck: { connection: DuckDBConnection; close(): void },
  ) {}

  static async open(dataDir: string): Promise<UsageStage> {
    mkdirSync(join(dataDir, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(dataDir, 'tmp', `usage-import-${processTag()}-`));
    const duck = await openDuckDb(dataDir, { file: join(dir, 'stage.duckdb'), memoryLimit: '64MB' });
    await duck.connection.run(`SET temp_directory = ${sqlLiteral(join(dir, 'spill'))}`);
    await duck.connection.run(
      `CREATE TABLE incoming (seq BIGINT, row INTEGER, file VARCHAR, office_number VARCHAR, month VARCHAR, sent BIGINT, received BIGINT)`,
    );
    const stage = new UsageStage(dataDir, dir, duck);
    stage.appender = await duck.connection.createAppender('incoming');
    return stage;
  }

  private get c(): DuckDBConnection {
    return this.duck.connection;
  }

  /** Appends one checked row (DuckDB's appender writes in chunks; nothing is kept here). */
  add(row: number, file: string | undefined, r: UsageRow): void {
    const a = this.appender!;
    a.appendBigInt(BigInt(this.sequence++));
    a.appendInteger(row);
    if (file === undefined) a.appendNull();
    else a.appendVarchar(file);
    a.appendVarchar(r.office_number);
    a.appendVarchar(r.month);
    a.appendBigInt(BigInt(r.sent));
    a.appendBigInt(BigInt(r.received));
    a.endRow();
  }

  private seal(): void {
    this.appender?.closeSync();
    this.appender = undefined;
  }

  /**
   * The checks across rows, in SQL: a second row for the same office and month (naming the first), and
   * offices that are not registered (looked up `knownOffices` in batches). At most `limit` problems are
   * listed; `count` is all of them.
   */
  async check(
    knownOffices: (numbers: string[]) => Promise<Set<string>>,
    limit: number,
  ): Promise<{ errors: StagedRowError[]; count: number }> {
    this.seal();
    const c = this.c;
    await c.run(`CREATE TABLE duplicates AS
      SELECT seq, row, file, office_number, month, first_row FROM (
        SELECT row, file, office_number, month, seq,
               first_value(row) OVER (PARTITION BY office_number, month ORDER BY seq) AS first_row,
               min(seq) OVER (PARTITION BY office_number, month) AS first_seq
        FROM incoming)
      WHERE seq <> first_seq`);
    // Numbered once, so each batch is a range scan rather than a sort.
    await c.run(
      `CREATE TABLE offices AS SELECT office_number, row_number() OVER () - 1 AS i FROM (SELECT DISTINCT office_number FROM incoming)`,
    );
    await c.run(`CREATE TABLE unknown_offices (office_number VARCHAR)`);
    const offices = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM offices`)).getRowObjectsJS()[0].n);
    for (let offset = 0; offset < offices; offset += CHECK_BATCH) {
      const reader = await c.runAndReadAll(`SELECT office_number FROM offices WHERE i >= ${offset} AND i < ${offset + CHECK_BATCH}`);
      const batch = reader.getColumnsJS()[0] as string[];
      const known = await knownOffices(batch);
      const unknown = batch.filter((n) => !known.has(n));
      if (unknown.length) await c.run(`INSERT INTO unknown_offices VALUES ${unknown.map((n) => `(${sqlLiteral(n)})`).join(', ')}`);
    }
    const problems = `
      SELECT seq, row, file, '事業所番号' AS column, office_number || ':' || month AS value,
             '事業所番号・年月が重複しています（' || first_row || '行目と同じ）' AS reason_ja,
             'duplicate office and month (same as row ' || first_row || ')' AS reason_en
      FROM duplicates
      UNION ALL
      SELECT seq, row, file, '事業所番号', office_number, '事業所が登録されていません', 'unknown office'
      FROM incoming WHERE office_number IN (SELECT office_number FROM unknown_offices)`;
    const count = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM (${problems})`)).getRowObjectsJS()[0].n);
    const listed = count
      ? ((
          await c.runAndReadAll(`SELECT * EXCLUDE (seq) FROM (${problems}) ORDER BY seq LIMIT ${limit}`)
        ).getRowObjectsJS() as unknown as (StagedRowError & {
          file: string | null;
        })[])
      : [];
    return { errors: listed.map(({ file, ...e }) => ({ ...e, row: Number(e.row), ...(file === null ? {} : { file }) })), count };
  }

  /** The first day of the earliest month staged (a month's exchanges count only toward that month). */
  async changesFrom(): Promise<string | null> {
    this.seal();
    const [row] = (await this.c.runAndReadAll(`SELECT min(month) AS m FROM incoming`)).getRowObjectsJS() as { m: string | null }[];
    return row.m === null ? null : `${row.m}-01`;
  }

  /**
   * Merges the rows into their months: a row replaces the stored one of the same office and month. New
   * files are written beside the old ones and swapped in only by commit(). The months are locked from the
   * read of what is stored until commit() or discard(), so two imports of one month both keep their rows.
   */
  async write(lockMonths: MonthLocker): Promise<StagedUsage> {
    this.seal();
    const c = this.c;
    const staged: { month: string; tmp: string; final: string }[] = [];
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    const columns = 'office_number, month, sent, received';
    const months = (
      (await c.runAndReadAll(`SELECT DISTINCT month FROM incoming ORDER BY month`)).getRowObjectsJS() as { month: string }[]
    ).map((r) => r.month);
    const release = await lockMonths(months);
    try {
      for (const month of months) {
        const final = usageFile(this.dataDir, month);
        const existing = existsSync(final)
          ? `SELECT ${columns} FROM read_parquet(${sqlLiteral(final)})`
          : `SELECT ${columns} FROM incoming WHERE false`;
        const merge = `old AS (${existing}), new AS (SELECT ${columns} FROM incoming WHERE month = ${sqlLiteral(month)})`;
        const reader = await c.runAndReadAll(`
          WITH ${merge}
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
        mkdirSync(join(usageDir(this.dataDir), `month=${month}`), { recursive: true });
        const tmp = stagedName(final, randomBytes(6).toString('hex'));
        await c.run(`COPY (
            WITH ${merge}
            SELECT * FROM old WHERE office_number NOT IN (SELECT office_number FROM new)
            UNION ALL SELECT * FROM new ORDER BY office_number
          ) TO ${sqlLiteral(tmp)} (FORMAT parquet)`);
        staged.push({ month, tmp, final });
      }
    } catch (error) {
      for (const s of staged) rmSync(s.tmp, { force: true });
      await release();
      throw error;
    }
    const finish = (each: (s: { tmp: string; final: string }) => void) => async () => {
      try {
        staged.forEach(each);
      } finally {
        await release();
      }
    };
    return {
      counts,
      commit: finish((s) => renameSync(s.tmp, s.final)),
      discard: finish((s) => rmSync(s.tmp, { force: true })),
    };
  }

  /** Closes the staging database and removes it (always, whatever became of the import). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.appender?.closeSync();
    } catch {
      // already closed or failed: the database goes anyway
    }
    this.appender = undefined;
    this.duck.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
