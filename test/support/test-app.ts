import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../api/src/core/config/app-config.js';
import { createApp } from '../../api/src/app/create-app.js';
import { resolveDatabase } from '../../api/src/core/database/resolve-database.js';
import { UsersService } from '../../api/src/auth/users.service.js';
import type { Role } from '../../api/src/auth/user.js';
import { createTestDatabase } from './test-database.js';
import { copyDemoDatabase } from './demo-template.js';

export type Agent = ReturnType<typeof request.agent>;
export type TestRole = Role;

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  databaseUrl: string;
  /** An HTTP client signed in with that role (prefecture 07, municipality 072079 須賀川市). */
  as(role: TestRole): Promise<Agent>;
  /** The admin client most tests use. */
  http: Agent;
  close(): Promise<void>;
}

export type Backend = 'postgresql' | 'embedded';

export const TEST_PASSWORD = 'test-password-123';
export const TEST_USERS: Record<TestRole, { username: string; prefectureCode?: string; municipalityCode?: string }> = {
  admin: { username: 'test-admin' },
  national: { username: 'test-national' },
  prefecture: { username: 'test-pref-07', prefectureCode: '07' },
  municipality: { username: 'test-muni-072079', municipalityCode: '072079' },
};

/**
 * An HTTP client of the app. It asks uploads and undos to wait for their jobs (`Prefer: wait`, as a script
 * that reads the figures next would), so a test reads the figures of what it imported; the answer on commit
 * without waiting has its own tests (test/integration/import-answers.spec.ts).
 */
export const testAgent = (app: INestApplication): Agent => request.agent(app.getHttpServer()).set('Prefer', 'wait=300');

async function withUsers(app: INestApplication, config: AppConfig, databaseUrl: string, close: () => Promise<void>): Promise<TestApp> {
  const users = app.get(UsersService);
  for (const [role, u] of Object.entries(TEST_USERS)) await users.create({ ...u, role: role as Role, password: TEST_PASSWORD });
  const agents = new Map<TestRole, Agent>();
  const as = async (role: TestRole) => {
    if (!agents.has(role)) {
      const agent = testAgent(app);
      await agent.post('/api/v1/auth/login').send({ username: TEST_USERS[role].username, password: TEST_PASSWORD }).expect(200);
      agents.set(role, agent);
    }
    return agents.get(role)!;
  };
  return { app, config, databaseUrl, as, http: await as('admin'), close };
}

/**
 * A test app's configuration: no demo data unless asked, quiet logs, no sign-in rate limit in the way, and the
 * office lists built on request (the jobs run constantly here; offices.spec.ts turns prebuilding on).
 */
function testConfig(dataDir: string, env: Record<string, string>): AppConfig {
  return loadConfig({
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT: '1000',
    OFFICE_LISTS_PREBUILD: 'off',
    ...env,
  });
}

/**
 * The whole application on a fresh database: on the run's PostgreSQL server, or on the embedded default
 * in its own DATA_DIR (pass `dataDir` to reopen one, and `keepDataDir` to restart on it later).
 */
export async function startTestApp(
  backend: Backend = 'postgresql',
  env: Record<string, string> = {},
  options: { dataDir?: string; keepDataDir?: boolean } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kaigo-test-'));
  const removeDataDir = () => (options.keepDataDir ? undefined : rmSync(dataDir, { recursive: true, force: true }));
  const config = testConfig(dataDir, env);
  if (backend === 'embedded') {
    const embedded = await resolveDatabase(config, undefined, { supervise: true });
    const app = await createApp(config, embedded.url, embedded.kind, embedded.state).catch(async (error) => {
      await embedded.stop();
      throw error;
    });
    return withUsers(app, config, embedded.url, async () => {
      await app.close();
      await embedded.stop();
      removeDataDir();
    });
  }
  // Demo data comes from the run's template (built once), not loaded again for every suite.
  const demo = config.demoData === 'auto';
  const database = await createTestDatabase('kaigo_test', undefined, demo ? (name) => copyDemoDatabase(name, dataDir) : undefined);
  const app = await createApp({ ...config, databaseUrl: database.url }, database.url, 'postgresql');
  return withUsers(app, config, database.url, async () => {
    await app.close();
    await database.drop();
    removeDataDir();
  });
}

/** Another instance of the application on the same database, with its own DATA_DIR (as a second machine would run it). */
export async function startSecondInstance(
  first: TestApp,
  env: Record<string, string> = {},
): Promise<{ app: INestApplication; config: AppConfig; agent(): Agent; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-test-b-'));
  const config = testConfig(dataDir, env);
  const app = await createApp({ ...config, databaseUrl: first.databaseUrl }, first.databaseUrl, 'postgresql');
  return {
    app,
    config,
    agent: () => testAgent(app),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
