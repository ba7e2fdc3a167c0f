import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { embeddedPaths } from '../../api/src/core/database/embedded-postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const asRoot = process.getuid?.() === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `npm start` without the dashboard build: the supervisor (main.ts) and the server it runs. */
function npmStart(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const clean: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', DEMO_DATA: 'off', ...env };
  if (!env.DATABASE_URL) delete clean.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'api/src/app/main.ts'], { env: clean });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return { child, output: () => out, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

interface Health {
  status: string;
  process: { pid: number; restarts: number; last_exit: string | null };
}

async function health(port: number): Promise<{ status: number; body: Health } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    return { status: res.status, body: (await res.json()) as Health };
  } catch {
    return undefined;
  }
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * The server as `npm start` runs it: a newcomer's clone in root's private home directory starts, the
 * supervisor brings back a server process that died, and a start-up failure is one line with exit code 2.
 */
describe('the server process under npm start', () => {
  const home = mkdtempSync(join(tmpdir(), 'kaigo-home-')); // 0700, like /root
  const dataDir = join(home, 'kaigo', 'data');
  let server: ReturnType<typeof npmStart> | undefined;
  let port = 0;

  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const cluster = existsSync(dataDir) ? embeddedPaths(dataDir).cluster : undefined;
    if (cluster && !cluster.startsWith(home)) rmSync(dirname(cluster), { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('starts in a private (0700) directory, as root too, and prints its URL', async () => {
    mkdirSync(dataDir, { recursive: true });
    port = await freePort();
    server = npmStart({ DATA_DIR: dataDir, PORT: String(port) });
    await until('the URL', async () => server!.output().includes(`http://localhost:${port}`), 120_000);
    expect((await health(port))?.status).toBe(200);
    const cluster = embeddedPaths(dataDir).cluster;
    // The postgres user cannot pass root's private directory: the cluster lives where it can, recorded in DATA_DIR.
    if (asRoot)
      expect([cluster.startsWith('/var/lib/kaigo-dx/clusters/'), readFileSync(embeddedPaths(dataDir).location, 'utf8').trim()]).toEqual([
        true,
        cluster,
      ]);
    else expect(cluster).toBe(join(dataDir, 'postgres'));
    expect(existsSync(join(cluster, 'PG_VERSION'))).toBe(true);
  }, 150_000);

  it('restarts a server process that died, says so on /api/health, and keeps its database', async () => {
    const before = (await health(port))!.body;
    process.kill(before.process.pid, 'SIGKILL');
    const after = await until('the restarted server', async () => {
      const h = await health(port);
      return h?.status === 200 && h.body.process.pid !== before.process.pid ? h.body : undefined;
    });
    expect(after.process).toMatchObject({ restarts: 1, last_exit: 'signal SIGKILL' });
    expect(server!.output()).toMatch(/restarting it \(restart 1\)/);
  }, 90_000);

  it('stops on SIGTERM with exit code 0, and its database with it', async () => {
    const cluster = embeddedPaths(dataDir).cluster;
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(existsSync(join(cluster, 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('a start-up failure is one line that says what to do, with exit code 2 and no stack trace', async () => {
    const failing = npmStart({
      DATA_DIR: join(home, 'other'),
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(await failing.exited).toBe(2);
    const lines = failing.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^起動できません \/ cannot start: .* — check DATABASE_URL/);
    expect(failing.output()).not.toMatch(/^\s+at /m);
  }, 60_000);
});
