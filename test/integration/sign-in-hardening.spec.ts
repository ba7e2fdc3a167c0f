import request from 'supertest';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';

describe('sign-in: per-address rate limit, per-account lockout and the client address behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgresql', {
      LOGIN_LOCKOUT_ATTEMPTS: '3',
      LOGIN_LOCKOUT_MINUTES: '15',
      TRUST_PROXY: '1',
      LOGIN_RATE_LIMIT: '10',
    });
  });
  afterAll(() => t.close());
  const login = (username: string, password: string, from = '203.0.113.7') =>
    request(t.app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('locks an account after repeated failures from any address, even for the right password, and audits it', async () => {
    const { username } = TEST_USERS.national;
    await login(username, 'wrong-1', '203.0.113.1').expect(401);
    await login(username, 'wrong-2', '203.0.113.2').expect(401);
    const locked = await login(username, 'wrong-3', '203.0.113.3').expect(423);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', message_ja: expect.stringMatching(/ロック/) });
    await login(username, TEST_PASSWORD, '203.0.113.4').expect(423);
    // Other accounts are unaffected.
    await login(TEST_USERS.prefecture.username, TEST_PASSWORD).expect(200);
    const audit = await queryRows(t.databaseUrl, `SELECT action, result, ip FROM audit_log WHERE actor = $1 ORDER BY id`, [username]);
    expect(audit).toEqual(expect.arrayContaining([{ action: 'account_locked', result: 'locked', ip: '203.0.113.3' }]));
    // Once the lock has passed, the right password works and the count starts again.
    await queryRows(t.databaseUrl, `UPDATE users SET locked_until = now() - interval '1 second' WHERE username = $1`, [username]);
    await login(username, TEST_PASSWORD).expect(200);
    const [row] = await queryRows(t.databaseUrl, `SELECT failed_logins FROM users WHERE username = $1`, [username]);
    expect(row).toEqual({ failed_logins: 0 });
  });

  it('answers an unknown username exactly as a known one: 401, then locked (423) after as many failures', async () => {
    const answers = async (username: string) => {
      const out: string[] = [];
      for (const password of ['wrong-1', 'wrong-2', 'wrong-3', 'wrong-4']) {
        const res = await login(username, password, '203.0.113.20');
        out.push(`${res.status} ${res.body.code}`);
      }
      return out;
    };
    const known = await answers(TEST_USERS.municipality.username);
    expect(known).toEqual(['401 UNAUTHORIZED', '401 UNAUTHORIZED', '423 ACCOUNT_LOCKED', '423 ACCOUNT_LOCKED']);
    expect(await answers('no-such-user-anywhere')).toEqual(known);
  });

  it('refuses an address its 11th sign-in attempt within a minute (429, bilingual, Retry-After), and no other address', async () => {
    for (let i = 1; i <= 10; i++) await login(`nobody-${i}`, 'wrong', '198.51.100.77').expect(401);
    const refused = await login('nobody-11', 'wrong', '198.51.100.77').expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED', message_ja: expect.stringMatching(/ログインの試行が多すぎます/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await login('nobody-12', 'wrong', '198.51.100.78').expect(401);
  });

  it("with TRUST_PROXY the audit records the client's address from X-Forwarded-For, not the proxy's", async () => {
    await login(TEST_USERS.admin.username, TEST_PASSWORD, '198.51.100.9').expect(200);
    const [last] = await queryRows(t.databaseUrl, `SELECT ip FROM audit_log WHERE actor = $1 ORDER BY id DESC LIMIT 1`, [
      TEST_USERS.admin.username,
    ]);
    expect(last).toEqual({ ip: '198.51.100.9' });
  });
});
