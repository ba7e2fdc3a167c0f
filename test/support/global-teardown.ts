import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Stops the run's embedded server (when global-setup started one) and removes its files. */
export default function globalTeardown(): void {
  const dataDir = process.env.KAIGO_TEST_EMBEDDED_DIR;
  if (!dataDir) return;
  const script = ['--import', '@swc-node/register/esm-register', join(__dirname, 'test-postgres.ts')];
  execFileSync(process.execPath, [...script, 'stop', dataDir], { env: { ...process.env, NODE_OPTIONS: '' }, stdio: 'inherit' });
}
