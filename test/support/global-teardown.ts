import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Drops the run's demo template, then stops the run's embedded server (when global-setup started one) and removes its files. */
export default function globalTeardown(): void {
  const script = ['--import', '@swc-node/register/esm-register', join(__dirname, 'test-postgres.ts')];
  const env = { ...process.env, NODE_OPTIONS: '' };
  execFileSync(process.execPath, [...script, 'drop-demo-template'], { env, stdio: 'inherit' });
  const dataDir = process.env.KAIGO_TEST_EMBEDDED_DIR;
  if (dataDir) execFileSync(process.execPath, [...script, 'stop', dataDir], { env, stdio: 'inherit' });
}
