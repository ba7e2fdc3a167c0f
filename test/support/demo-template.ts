import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../api/src/core/config/app-config.js';
import { createApp } from '../../api/src/app/create-app.js';
import { usageDir } from '../../jobs/engine/usage-parquet-store.js';
import { ADMIN_URL, databaseUrl } from './test-database.js';

/**
 * The demo database is built once per test run (migrations, demo data, every job) and each suite that
 * needs it gets a copy (CREATE DATABASE … TEMPLATE) with a copy of its Parquet usage logs: about 20 s
 * once instead of per suite. Jest workers build it under an advisory lock, so only the first one does.
 */
const RUN = process.env.KAIGO_TEST_RUN_ID ?? String(process.ppid);
export const DEMO_TEMPLATE_DB = `kaigo_demo_template_${RUN}`;
export const DEMO_TEMPLATE_DIR = join(tmpdir(), `kaigo-demo-template-${RUN}`);
const READY = 'demo template ready';

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function isReady(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [
    DEMO_TEMPLATE_DB,
  ]);
  return rows[0]?.note === READY && existsSync(DEMO_TEMPLATE_DIR);
}

async function build(client: pg.Client): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${DEMO_TEMPLATE_DB} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${DEMO_TEMPLATE_DB}`);
  rmSync(DEMO_TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(DEMO_TEMPLATE_DIR, { recursive: true });
  const url = databaseUrl(DEMO_TEMPLATE_DB);
  const config = loadConfig({
    DATA_DIR: DEMO_TEMPLATE_DIR,
    DEMO_DATA: 'auto',
    LOG_LEVEL: 'error',
    DATABASE_URL: url,
    OFFICE_LISTS_PREBUILD: 'off',
  });
  const app = await createApp(config, url, 'postgresql');
  await app.close();
  await client.query(`COMMENT ON DATABASE ${DEMO_TEMPLATE_DB} IS '${READY}'`);
}

/** A new database holding the demo data and every job's output, and a DATA_DIR holding its usage logs. */
export async function copyDemoDatabase(name: string, dataDir: string): Promise<void> {
  await withAdmin(async (client) => {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [DEMO_TEMPLATE_DB]);
    try {
      if (!(await isReady(client))) await build(client);
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${DEMO_TEMPLATE_DB}`);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [DEMO_TEMPLATE_DB]);
    }
  });
  cpSync(usageDir(DEMO_TEMPLATE_DIR), usageDir(dataDir), { recursive: true });
}

/** Called by global teardown (through test-postgres.ts): removes the run's template. */
export async function dropDemoTemplate(): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${DEMO_TEMPLATE_DB} WITH (FORCE)`));
  rmSync(DEMO_TEMPLATE_DIR, { recursive: true, force: true });
}
