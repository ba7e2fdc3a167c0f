import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import type { DatabaseKind } from '../config/database-kind.js';
import { DatabaseState } from './database-state.js';
import { DatabaseWatch } from './database-watch.js';
import { holdPresence, openEmbeddedPostgres, portOf, restartEmbeddedPostgres, stopIfAlone } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  kind: DatabaseKind;
  /** Where it is, for the start-up log (never the password). */
  description: string;
  /** What the watch connection sees (always "up" for a process that does not supervise). */
  state: DatabaseState;
  /** Called after the caller's own connections are closed. */
  stop(): Promise<void>;
}

async function plainConnection(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: 'kaigo watch' });
  await client.connect();
  return client;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR, joined when another of our
 * processes (the server, a CLI) runs it and started otherwise. Each process holds a presence lock while it
 * runs and the last one to leave stops the server, so a CLI never stops the database of a server that sat
 * idle. `supervise` (the server): the watch brings a database that went away back and reconnects.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
  { supervise = false }: { supervise?: boolean } = {},
): Promise<ResolvedDatabase> {
  const state = new DatabaseState();
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const watch = supervise
      ? new DatabaseWatch(
          state,
          () => plainConnection(url),
          async () => undefined,
          log,
        )
      : undefined;
    await watch?.start();
    return { url, kind: 'postgresql', description: 'PostgreSQL (DATABASE_URL)', state, stop: async () => watch?.close() };
  }
  const embedded = await openEmbeddedPostgres(config.dataDir, log);
  const port = portOf(embedded.url);
  const recover = supervise ? () => restartEmbeddedPostgres(config.dataDir, port) : () => Promise.reject(new Error('not supervised'));
  const watch = new DatabaseWatch(state, () => holdPresence(embedded.url), recover, supervise ? log : () => undefined);
  await watch.start();
  return {
    url: embedded.url,
    kind: 'embedded',
    description: `embedded PostgreSQL in ${config.dataDir} (${embedded.started ? 'started' : 'joined the running server'})`,
    state,
    async stop() {
      await watch.close();
      await stopIfAlone(embedded.url, config.dataDir);
    },
  };
}
