import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/** One API server process (api/src/app/server.ts, as the supervisor runs it) on the shared database. */
function startInstance(name: string, port: number, databaseUrl: string, dataDir: string): Instance {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    INSTANCE_ID: name,
    SHUTDOWN_DRAIN_SECONDS: '2',
    TRUST_PROXY: '1',
  };
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'api/src/app/server.ts'], { env });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return { name, port, child, output: () => out, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function ready(port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/api/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`instance on ${port} not ready`);
}

/** Waits until haproxy's own health checks report each named server line of the backend UP (its CSV stats). */
async function serversUp(statsUrl: string, slots: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  let states = '';
  while (Date.now() < deadline) {
    const csv = await fetch(statsUrl).then(
      (r) => r.text(),
      () => '',
    );
    const [header = [], ...rows] = csv.split('\n').map((line) => line.split(','));
    const column = header.indexOf('status');
    const status = (slot: string) => rows.find((r) => r[0] === 'api' && r[1] === slot)?.[column];
    states = slots.map((s) => `${s}=${status(s)}`).join(' ');
    if (slots.every((s) => status(s) === 'UP')) return;
    await sleep(200);
  }
  throw new Error(`haproxy did not report the servers up: ${states}`);
}

/** Load through the balancer while `during` runs; every request that did not get a 2xx counts. */
async function loadWhile(url: string, seconds: number, during: () => Promise<void>) {
  const run = autocannon({ url, connections: 50, duration: seconds, timeout: 10 });
  await during();
  const result = await run;
  const { errors, timeouts, non2xx } = result;
  return { total: result.requests.total, failed: errors + timeouts + non2xx, kinds: { errors, timeouts, non2xx } };
}

/**
 * Two instances on one PostgreSQL behind a real haproxy (Debian's), 50 connections reading (#28): one stopped
 * with SIGTERM drains (readiness says so, the balancer moves away, in-flight requests finish): no request
 * fails. One killed with -9 loses at most the requests in flight on it.
 */
describe('two instances behind haproxy', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const instances: Instance[] = [];
  let proxy: ChildProcess;
  let front: string;
  let stats: string;

  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-lb-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    db = await createTestDatabase('kaigo_lb');
    const [pa, pb, ph, ps] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    // The first instance runs the migrations; the second starts on the migrated database.
    instances.push(startInstance('a', pa, db.url, dataDir()));
    await ready(pa);
    instances.push(startInstance('b', pb, db.url, dataDir()));
    await ready(pb);
    const config = join(dataDir(), 'haproxy.cfg');
    writeFileSync(
      config,
      [
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 30s',
        '  timeout server 30s',
        // Without it a check times out after \`inter\` (500 ms): on a loaded CI machine the survivor, now taking
        // all 50 connections, answered its check later than that, was marked down, and every request got a 503.
        '  timeout check 5s',
        '  retries 3',
        '  option redispatch',
        '  retry-on conn-failure empty-response',
        'frontend stats',
        `  bind 127.0.0.1:${ps}`,
        '  stats enable',
        '  stats uri /stats',
        'frontend kaigo',
        `  bind 127.0.0.1:${ph}`,
        '  default_backend api',
        'backend api',
        '  option httpchk GET /api/ready',
        '  http-check expect status 200',
        `  server a 127.0.0.1:${pa} check inter 500ms fall 2 rise 2`,
        `  server b 127.0.0.1:${pb} check inter 500ms fall 2 rise 2`,
        '',
      ].join('\n'),
    );
    proxy = spawn('/usr/sbin/haproxy', ['-db', '-f', config], { stdio: 'ignore' });
    front = `http://127.0.0.1:${ph}`;
    stats = `http://127.0.0.1:${ps}/stats;csv`;
    await ready(ph);
    await serversUp(stats, ['a', 'b']);
  }, 180_000);

  afterAll(async () => {
    proxy?.kill('SIGKILL');
    for (const i of instances) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await db?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGTERM on one instance under 50 connections: it drains, exits 0, and no request fails', async () => {
    const b = instances[1];
    const { total, failed } = await loadWhile(`${front}/api/live`, 8, async () => {
      await sleep(2_000);
      b.child.kill('SIGTERM');
      // While draining it still answers, but readiness sends the balancer away.
      await sleep(300);
      const readiness = await fetch(`http://127.0.0.1:${b.port}/api/ready`).then((r) => r.status);
      expect(readiness).toBe(503);
    });
    expect(await b.exited).toBe(0);
    expect(total).toBeGreaterThan(1_000);
    expect({ total, failed }).toEqual({ total, failed: 0 });
  }, 60_000);

  it('kill -9 of one instance: only the requests in flight on it can fail (counted)', async () => {
    const c = startInstance('c', instances[1].port, db.url, dataDir());
    instances.push(c);
    await ready(c.port);
    // A fixed wait was not enough on a loaded CI machine: the load began before haproxy had c up again.
    await serversUp(stats, ['a', 'b']); // c listens where b did: haproxy's server line b
    const a = instances[0];
    const { total, failed, kinds } = await loadWhile(`${front}/api/live`, 6, async () => {
      await sleep(2_000);
      a.child.kill('SIGKILL');
    });
    console.log(`kill -9 under 50 connections: ${failed} of ${total} requests failed ${JSON.stringify(kinds)}`);
    expect(total).toBeGreaterThan(1_000);
    // At most one request per connection can be in flight on the killed instance.
    expect(failed).toBeLessThanOrEqual(50);
  }, 60_000);
});
