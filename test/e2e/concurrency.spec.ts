import request from 'supertest';
import { UsersService } from '../../api/src/auth/users.service.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type Agent, type TestApp } from '../support/test-app.js';
import { careOfficesCsv } from '../support/factories.js';

/**
 * Several users at once while imports and job runs loop, on the embedded default (the set-up where
 * PGlite once answered one user's request with another's session): every /auth/me must name its own
 * user, with no false 401 and no 5xx.
 */
describe('sessions never cross under concurrent imports and job runs (embedded PostgreSQL)', () => {
  let t: TestApp;
  const users: { username: string; agent: Agent }[] = [];

  beforeAll(async () => {
    t = await startTestApp('embedded');
    const accounts = t.app.get(UsersService);
    const areas = ['011002', '131016', '271004', '401005', '472018', '072079'];
    for (const [i, code] of areas.entries()) {
      const username = `muni-${i}-${code}`;
      await accounts.create({ username, role: 'municipality', municipalityCode: code, password: TEST_PASSWORD });
      const agent = request.agent(t.app.getHttpServer());
      await agent.post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
      users.push({ username, agent });
    }
    for (const role of ['admin', 'national', 'prefecture'] as const)
      users.push({ username: TEST_USERS[role].username, agent: await t.as(role) });
  }, 120_000);
  afterAll(() => t.close());

  it('answers every look-up with its own user while uploads and jobs run', async () => {
    const files = [careOfficesCsv(3000, 1), careOfficesCsv(3000, 2)];
    let writing = true;
    const writes = { uploads: 0, jobs: 0, failures: [] as string[] };
    const importer = (async () => {
      for (let i = 0; writing; i++) {
        const res = await t.http.post('/api/v1/imports/care-offices').attach('file', Buffer.from(files[i % 2]), `offices-${i % 2}.csv`);
        if (res.status >= 300) writes.failures.push(`upload ${res.status} ${res.body.message ?? ''}`);
        writes.uploads++;
      }
    })();
    const jobRunner = (async () => {
      while (writing) {
        const res = await t.http.post('/api/v1/admin/jobs/adoption/run').send({});
        if (res.status !== 200 || res.body.data.status !== 'succeeded') writes.failures.push(`job ${res.status}`);
        writes.jobs++;
      }
    })();

    const tally = { lookups: 0, wrongUser: 0, unauthorized: 0, serverErrors: 0 };
    // At least 60 rounds, and on until two uploads and three job runs are done (a 90 s guard).
    const deadline = Date.now() + 90_000;
    let rounds = 0;
    for (; rounds < 60 || ((writes.uploads < 2 || writes.jobs < 3) && Date.now() < deadline); rounds++) {
      await Promise.all(
        users.map(async ({ username, agent }) => {
          const [me, data] = await Promise.all([agent.get('/api/v1/auth/me'), agent.get('/api/v1/adoption/national')]);
          tally.lookups++;
          if (me.status === 401) tally.unauthorized++;
          else if (me.status >= 500 || data.status >= 500) tally.serverErrors++;
          else if (me.body.data.username !== username) tally.wrongUser++;
        }),
      );
    }
    writing = false;
    await Promise.all([importer, jobRunner]);

    expect(tally).toEqual({ lookups: rounds * users.length, wrongUser: 0, unauthorized: 0, serverErrors: 0 });
    expect(writes.failures).toEqual([]);
    // The writers really overlapped the look-ups.
    expect(writes.uploads).toBeGreaterThanOrEqual(2);
    expect(writes.jobs).toBeGreaterThanOrEqual(3);
  }, 180_000);
});
