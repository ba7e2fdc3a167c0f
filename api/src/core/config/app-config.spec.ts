import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from './app-config.js';

describe('configuration', () => {
  it('has defaults for a bare machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, jobTimezone: 'Asia/Tokyo', demoData: 'auto' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/kaigo',
      DATA_DIR: '/tmp/x',
      JOB_SCHEDULE: '0 0 3 * * *',
      DEMO_DATA: 'off',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/kaigo',
      dataDir: '/tmp/x',
      jobSchedule: '0 0 3 * * *',
      demoData: 'off',
    });
  });

  it('names each bad value', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    const bad = () => loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', JOB_TIMEZONE: 'UTC' });
    expect(bad).toThrow(/PORT/);
    expect(bad).toThrow(/DATABASE_URL: must start with postgres/);
    expect(bad).toThrow(/JOB_TIMEZONE/);
  });

  it('makes the server exit non-zero with the message', () => {
    const run = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'api/src/app/main.ts'], {
      env: { ...process.env, NODE_OPTIONS: '', PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Invalid configuration.*\n.*PORT/);
  });
});
