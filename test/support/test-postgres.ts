/**
 * `node … test/support/test-postgres.ts start|stop <dir>`: the embedded PostgreSQL server of one test
 * run. Jest loads global setup as CommonJS, which cannot import the API's ES modules, so the setup
 * runs this script; pg_ctl leaves the server running after the script exits.
 */
import { rmSync } from 'node:fs';
import { openEmbeddedPostgres, stopEmbeddedPostgres } from '../../api/src/core/database/embedded-postgres.js';
import { dropDemoTemplate } from './demo-template.js';

const [command, dataDir] = process.argv.slice(2);
if (command === 'start' && dataDir) {
  const server = await openEmbeddedPostgres(dataDir);
  process.stdout.write(server.url);
} else if (command === 'stop' && dataDir) {
  await stopEmbeddedPostgres(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
} else if (command === 'drop-demo-template') {
  await dropDemoTemplate();
} else {
  console.error('usage: test-postgres.ts start|stop <dir> | drop-demo-template');
  process.exit(2);
}
