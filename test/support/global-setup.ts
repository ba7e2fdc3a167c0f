import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEST_POSTGRES_SCRIPT = ['--import', '@swc-node/register/esm-register', join(__dirname, 'test-postgres.ts')];

/**
 * `npm test` needs no PostgreSQL server: without TEST_POSTGRES_URL one embedded server is started for
 * the whole run (each test file makes and drops its own database on it). Workers inherit the URL and
 * the run's id (which names the demo template built once per run, see demo-template.ts).
 */
export default function globalSetup(): void {
  process.env.KAIGO_TEST_RUN_ID = randomBytes(4).toString('hex');
  if (process.env.TEST_POSTGRES_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-test-postgres-'));
  const env = { ...process.env, NODE_OPTIONS: '' };
  process.env.TEST_POSTGRES_URL = execFileSync(process.execPath, [...TEST_POSTGRES_SCRIPT, 'start', dataDir], { env, encoding: 'utf8' });
  process.env.KAIGO_TEST_EMBEDDED_DIR = dataDir;
}
