/**
 * `npm run bench [-- --scale 10]`: national-scale data generated deterministically, then side by side
 * on this machine: the DuckDB jobs against the same aggregation in PostgreSQL, import throughput of a
 * 1,000,000-row Shift_JIS file, API latency under 100 connections, JSON against Arrow IPC, and the
 * dashboard's first paint and JavaScript size. Prints a table and writes BENCHMARKS.md.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, chmodSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../api/src/core/database/data-source-options.js';
import { ReferenceRepository } from '../../api/src/reference/reference.repository.js';
import { ImportsRepository } from '../../api/src/imports/imports.repository.js';
import { UsersRepository } from '../../api/src/auth/users.repository.js';
import { loadDemoData } from '../../api/src/demo/demo-loader.js';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import { mb, record, results, seconds, timed } from './measures.js';
import { freshnessSection } from './freshness.js';
import { officeListsAfterRunSection } from './office-lists.js';
import { adaptersSection, apiSection, hostileUploadSection, officesSection } from './api.js';
import { dashboardSection } from './dashboard.js';
import { importSection, refreshSection } from './imports.js';
import { generateUsage, jobsSection, nightlySection, quietNightSection, runEveryJob } from './jobs.js';
import { signedInServer } from './server.js';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `--scale N` runs the jobs at that scale only; by default at scale 1 and then at scale 10 (360 months). */
const onlyScale = process.argv.includes('--scale') ? Number(process.argv[process.argv.indexOf('--scale') + 1]) : undefined;
const scales = onlyScale ? [onlyScale] : [1, 10];
/**
 * `--only refresh`: the demo load, then only the national refresh of the office lists; `--only freshness`: the
 * demo load, then only an import committed → its figures served; `--only nightly`: the nightly runs at scale 1;
 * `--only dashboard`: the dashboard in Chromium; `--only api`: the cached summaries against bare Node and the adapter
 * alone (each printed, BENCHMARKS.md left as it is).
 */
const onlySection = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
function writeReport(machine: string) {
  const lines = [
    '# Benchmarks',
    '',
    `Latest run: ${new Date().toISOString()} · command: \`npm run bench${onlyScale ? ` -- --scale ${onlyScale}` : ''}\``,
    '',
    `Machine: ${machine}`,
    '',
    '| section | measure | value | goal |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.section} | ${r.measure.trim()} | ${r.value} | ${r.goal ?? ''} |`),
    '',
  ];
  const notes = readFileSync(join(import.meta.dirname, 'NOTES.md'), 'utf8');
  writeFileSync(join(process.cwd(), 'BENCHMARKS.md'), lines.join('\n') + '\n' + notes);
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-bench-'));
  chmodSync(dataDir, 0o755);
  const db = await createTestDatabase('kaigo_bench', ADMIN_URL);
  const ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
  const pgVersion = (await ds.query('SHOW server_version'))[0].server_version;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${mb(totalmem())} RAM, Linux ${release()}, Node ${process.version}, PostgreSQL ${pgVersion}, scales ${scales.join(' and ')}`;
  console.log(`machine: ${machine}\n`);
  let server: Awaited<ReturnType<typeof apiSection>>['server'] | undefined;
  try {
    await ds.runMigrations();
    await new ReferenceRepository(ds).seed();
    const demoDir = mkdtempSync(join(tmpdir(), 'kaigo-bench-demo-'));
    const [, demoMs] = await timed(() => loadDemoData({ imports: new ImportsRepository(ds), users: new UsersRepository(ds) }, demoDir));
    rmSync(demoDir, { recursive: true, force: true });
    await new UsersRepository(ds).upsert({ username: 'bench-admin', password: 'bench-password-1', role: 'admin' });
    record('setup', 'demo offices and licences loaded into PostgreSQL', seconds(demoMs));
    if (onlySection === 'refresh') {
      await refreshSection(db.url, dataDir);
      return;
    }
    if (onlySection === 'offices') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await officeListsAfterRunSection(api.base, api.cookie);
      return;
    }
    if (onlySection === 'nightly') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      await nightlySection(ds, dataDir, 1);
      await quietNightSection(ds, dataDir, 1);
      return;
    }
    if (onlySection === 'dashboard') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await dashboardSection(api.base);
      return;
    }
    if (onlySection === 'api') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      server = (await apiSection(db.url, dataDir)).server;
      await adaptersSection();
      return;
    }
    if (onlySection === 'freshness') {
      await generateUsage(ds, dataDir, 1);
      await runEveryJob(ds, dataDir, todayInTokyo(), true);
      const api = await signedInServer(db.url, dataDir);
      server = api.server;
      await freshnessSection(api.base, api.cookie, ds);
      return;
    }
    const [first, ...more] = scales;
    const [usage, genMs] = await timed(() => generateUsage(ds, dataDir, first));
    record('setup', `usage logs generated (DuckDB → Parquet) [scale ${first}]`, seconds(genMs));
    await jobsSection(ds, dataDir, usage, first, scales.length > 1);
    const nightly = new Map([[first, await nightlySection(ds, dataDir, first)]]);
    await quietNightSection(ds, dataDir, first);
    await importSection(db.url, dataDir);
    await refreshSection(db.url, dataDir);
    await runEveryJob(ds, dataDir, todayInTokyo(), true);
    const api = await apiSection(db.url, dataDir);
    server = api.server;
    await adaptersSection();
    await officesSection(api.base, api.cookie);
    await officeListsAfterRunSection(api.base, api.cookie);
    await freshnessSection(api.base, api.cookie, ds);
    await hostileUploadSection(api.server);
    await dashboardSection(api.base);
    server.stop();
    server = undefined;
    for (const scale of more) {
      const [bigger, ms] = await timed(() => generateUsage(ds, dataDir, scale));
      record('setup', `usage logs generated (DuckDB → Parquet) [scale ${scale}]`, seconds(ms));
      await jobsSection(ds, dataDir, bigger, scale, scales.length > 1);
      nightly.set(scale, await nightlySection(ds, dataDir, scale));
    }
    if (nightly.has(1) && nightly.has(10))
      record('jobs', 'nightly run, scale 10 / scale 1', `${(nightly.get(10)! / nightly.get(1)!).toFixed(1)}×`, '≤ 1.5×');
  } finally {
    server?.stop();
    await ds.destroy();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (onlySection) return;
  writeReport(machine);
  console.log('\nwrote BENCHMARKS.md');
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
