import type { AppConfig } from '../config/app-config.js';
import type { DatabaseKind } from '../config/database-kind.js';
import { openEmbeddedPostgres, otherClients, stopEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  kind: DatabaseKind;
  /** Where it is, for the start-up log (never the password). */
  description: string;
  /** Called after the caller's own connections are closed. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR, joined when another of our
 * processes (the server, a CLI) runs it and started otherwise. The last process to leave stops it, so a
 * CLI run beside the server never stops the server's database.
 */
export async function resolveDatabase(config: AppConfig, log: (line: string) => void = () => undefined): Promise<ResolvedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, kind: 'postgresql', description: 'PostgreSQL (DATABASE_URL)', stop: async () => undefined };
  }
  const embedded = await openEmbeddedPostgres(config.dataDir, log);
  return {
    url: embedded.url,
    kind: 'embedded',
    description: `embedded PostgreSQL in ${config.dataDir}/postgres (${embedded.started ? 'started' : 'joined the running server'})`,
    async stop() {
      const others = await otherClients(embedded.url).catch(() => 0);
      if (others === 0) await stopEmbeddedPostgres(config.dataDir);
    },
  };
}
