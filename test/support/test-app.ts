import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '../../api/src/config/app-config.js';
import { createApp } from '../../api/src/create-app.js';
import { startEmbeddedPostgres } from '../../api/src/database/embedded-postgres.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  databaseUrl: string;
  close(): Promise<void>;
}

export type Backend = 'postgresql' | 'embedded';

/** The whole application on a fresh database: the real PostgreSQL server or the embedded default. */
export async function startTestApp(backend: Backend = 'postgresql', env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-test-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'error', ...env });
  if (backend === 'embedded') {
    const embedded = await startEmbeddedPostgres(dataDir);
    const app = await createApp(config, embedded.url, 'embedded (PGlite)');
    return {
      app, config, databaseUrl: embedded.url,
      async close() {
        await app.close();
        await embedded.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await createTestDatabase();
  const app = await createApp({ ...config, databaseUrl: database.url }, database.url, 'postgresql');
  return {
    app, config, databaseUrl: database.url,
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
