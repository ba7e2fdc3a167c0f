import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDuckDb, sqlLiteral } from '../../../jobs/engine/duckdb.js';
import { usageDir } from '../../../jobs/engine/usage-parquet-store.js';
import type { DemoLicense } from './adoption-demo.js';
import { DEMO_END } from './adoption-demo.js';

/**
 * Synthetic monthly exchange logs for every licensed office from its first month to the demo's end,
 * written as the cpdl-usage import stores them (Parquet per month). Counts come from a hash of office
 * and month, so they are the same on every machine; about three offices in four exchange in a month.
 */
export async function writeUsageDemo(dataDir: string, licenses: DemoLicense[]): Promise<number> {
  const duck = await openDuckDb(dataDir);
  try {
    const c = duck.connection;
    await c.run(`CREATE TABLE licences (office_number VARCHAR, starts_on DATE, ends_on DATE)`);
    const appender = await c.createAppender('licences');
    for (const l of licenses) {
      appender.appendVarchar(l.office_number);
      appender.appendVarchar(l.starts_on);
      if (l.ends_on) appender.appendVarchar(l.ends_on);
      else appender.appendNull();
      appender.endRow();
    }
    appender.closeSync();
    await c.run(`CREATE TABLE usage AS
      WITH months AS (
        SELECT strftime(m, '%Y-%m') AS month, last_day(cast(m AS DATE)) AS month_end
        FROM range(date '2023-04-01', ${sqlLiteral(DEMO_END)}::DATE + 1, interval 1 month) t(m)
      )
      SELECT l.office_number, m.month,
             CASE WHEN hash(l.office_number || m.month) % 4 < 3 THEN cast(1 + hash(m.month || l.office_number) % 30 AS BIGINT) ELSE 0 END AS sent,
             CASE WHEN hash(l.office_number || m.month) % 4 < 3 THEN cast(hash(l.office_number || 'r' || m.month) % 25 AS BIGINT) ELSE 0 END AS received
      FROM licences l JOIN months m ON l.starts_on <= m.month_end AND (l.ends_on IS NULL OR l.ends_on >= m.month_end - 27)`);
    const months = (await c.runAndReadAll('SELECT DISTINCT month FROM usage ORDER BY month')).getRowObjectsJS() as { month: string }[];
    for (const { month } of months) {
      const dir = join(usageDir(dataDir), `month=${month}`);
      mkdirSync(dir, { recursive: true });
      await c.run(
        `COPY (SELECT * FROM usage WHERE month = ${sqlLiteral(month)} ORDER BY office_number) TO ${sqlLiteral(join(dir, 'data.parquet'))} (FORMAT parquet)`,
      );
    }
    return Number((await c.runAndReadAll('SELECT count(*) AS n FROM usage')).getRowObjectsJS()[0].n);
  } finally {
    duck.close();
  }
}
