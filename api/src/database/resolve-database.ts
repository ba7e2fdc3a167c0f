import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { embeddedInfoFile, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
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

/**
 * DATABASE_URL when set; otherwise the embedded database. A command-line tool joins the
 * embedded database of a running server rather than opening the same directory twice.
 */
export async function resolveDatabase(config: AppConfig, opts: { joinRunning: boolean }): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const info = embeddedInfoFile(config.dataDir);
  if (existsSync(info)) {
    const { url } = JSON.parse(readFileSync(info, 'utf8')) as { url: string };
    if (await reachable(url)) {
      if (opts.joinRunning) return { url, embedded: true, stop: async () => undefined };
      // Two PGlite instances on one directory would corrupt it.
      throw new Error(`another server already uses the embedded database in ${config.dataDir} (${url}); stop it or set DATA_DIR`);
    }
  }
  const server: EmbeddedPostgres = await startEmbeddedPostgres(config.dataDir);
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
