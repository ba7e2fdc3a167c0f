/** The API server the API, office and dashboard sections measure (a child process), and a bare Node server to compare. */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

/** The server in its own process, as `npm start` runs it, so the load generator does not share its event loop. */
export async function startServer(url: string, dataDir: string): Promise<{ base: string; pid: number; stop(): void }> {
  const port = 39000 + (process.pid % 1000);
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'api/src/app/main.ts'], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_DATA: 'off',
      LOG_LEVEL: 'error',
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** The bare-Node reference in its own process, serving the bodies the API just sent for the same paths. */
export async function startBareServer(base: string, cookie: string, paths: string[]): Promise<{ base: string; stop(): void }> {
  const bodies: Record<string, string> = {};
  for (const path of paths) bodies[path] = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
  const file = join(tmpdir(), `kaigo-bench-bodies-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bodies));
  const port = 38000 + (process.pid % 1000);
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', join(import.meta.dirname, 'bare-server.ts'), file, String(port)],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(file, { force: true });
    },
  };
}

/** The API server on the bench database, and the session cookie of the bench admin. */
export async function signedInServer(url: string, dataDir: string) {
  const server = await startServer(url, dataDir);
  const login = await fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-1' }),
  });
  return { server, base: server.base, cookie: login.headers.get('set-cookie')!.split(';')[0] };
}
