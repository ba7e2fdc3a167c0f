import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default: PGlite (PostgreSQL compiled to WASM) served over the PostgreSQL wire
 * protocol, so the same `pg` driver, TypeORM and migrations serve it and a real server alike.
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export const EMBEDDED_MAX_CONNECTIONS = 20;

/** Written while the server runs so `npm run job` / `npm run import` can reach the same database. */
export function embeddedInfoFile(dataDir: string): string {
  return join(dataDir, 'embedded-postgres.json');
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  // maxConnections must cover the pool: the server's default of 1 drops further connections.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  writeFileSync(embeddedInfoFile(dataDir), JSON.stringify({ url, pid: process.pid }));
  return {
    url,
    async stop() {
      rmSync(embeddedInfoFile(dataDir), { force: true });
      await server.stop();
      await db.close();
    },
  };
}
