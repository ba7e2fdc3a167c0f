import request from 'supertest';
import { startTestApp, type TestApp, type Agent } from '../support/test-app.js';
import { queryRows } from '../support/table-counts.js';

interface Issued {
  username: string;
  role: string;
  area_code: string | null;
  initial_password: string;
}

describe('accounts for 1,788 organisations (PostgreSQL)', () => {
  let t: TestApp;
  let admin: Agent;
  let issued: Issued[];
  const signIn = async (username: string, password: string) => {
    const agent = request.agent(t.app.getHttpServer());
    const res = await agent.post('/api/v1/auth/login').send({ username, password });
    return { agent, res };
  };

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    admin = t.http;
  }, 120_000);
  afterAll(() => t.close());

  it('provisions one account per prefecture and municipality from one preview: 1,788 new accounts, each initial password handed back once', async () => {
    const preview = await admin.post('/api/v1/admin/users/generate').send({}).expect(200);
    expect(preview.body).toMatchObject({ status: 'preview', kind: 'accounts', rows: 1788, inserted: 1788 });
    expect(preview.body.handback).toBeUndefined();
    const started = Date.now();
    const committed = await admin.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(201);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(committed.body).toMatchObject({ status: 'succeeded', inserted: 1788 });
    issued = committed.body.handback;
    expect(issued).toHaveLength(1788);
    expect(new Set(issued.map((i) => i.username)).size).toBe(1788);
    expect(new Set(issued.map((i) => i.initial_password)).size).toBe(1788);
    expect(issued.filter((i) => i.role === 'prefecture')).toHaveLength(47);
    expect(issued.find((i) => i.username === 'muni-072079')).toMatchObject({ role: 'municipality', area_code: '072079' });
    // Never stored in clear: not in the users table, the import history, the previews or the audit log.
    const secret = issued[0].initial_password;
    for (const [table, column] of [
      ['users', 'password_hash'],
      ['imports', 'errors::text'],
      ['import_previews', 'report::text'],
      ['audit_log', 'detail::text'],
    ]) {
      const rows = await queryRows(t.databaseUrl, `SELECT count(*)::int AS n FROM ${table} WHERE ${column} LIKE $1`, [`%${secret}%`]);
      expect([table, rows[0].n]).toEqual([table, 0]);
    }
    const history = await admin.get(`/api/v1/imports/${committed.body.import_id}`).expect(200);
    expect(JSON.stringify(history.body)).not.toContain(secret);
  }, 120_000);

  it('the same provisioning again changes nothing and hands back nothing', async () => {
    const preview = await admin.post('/api/v1/admin/users/generate').send({}).expect(200);
    expect(preview.body).toMatchObject({ inserted: 0, unchanged: 1788 });
    const again = await admin.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({});
    expect(again.body).toMatchObject({ inserted: 0, handback: [] });
  });

  it('a provisioned account must change its password before any data route answers 200', async () => {
    const mine = issued.find((i) => i.username === 'muni-072079')!;
    const { agent, res } = await signIn(mine.username, mine.initial_password);
    expect(res.status).toBe(200);
    expect(res.body.data.must_change_password).toBe(true);
    for (const path of ['/api/v1/adoption/national', '/api/v1/adoption/municipalities/072079', '/api/v1/standardization/surveys']) {
      const blocked = await agent.get(path);
      expect([path, blocked.status, blocked.body.code]).toEqual([path, 403, 'PASSWORD_CHANGE_REQUIRED']);
    }
    expect((await agent.get('/api/v1/auth/me').expect(200)).body.data.mustChangePassword).toBe(true);
    const weak = await agent.post('/api/v1/auth/password').send({ current_password: mine.initial_password, new_password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD' });
    const withName = await agent
      .post('/api/v1/auth/password')
      .send({ current_password: mine.initial_password, new_password: 'muni-072079-secret' });
    expect(withName.body.message_ja).toBe('パスワードにユーザー名を含めないでください');
    await agent.post('/api/v1/auth/password').send({ current_password: 'wrong', new_password: 'a-long-good-passphrase' }).expect(400);
    await agent
      .post('/api/v1/auth/password')
      .send({ current_password: mine.initial_password, new_password: 'a-long-good-passphrase' })
      .expect(200);
    await agent.get('/api/v1/adoption/municipalities/072079').expect((r) => expect(r.status).not.toBe(403));
    await agent.get('/api/v1/standardization/surveys').expect(200);
    expect((await signIn(mine.username, mine.initial_password)).res.status).toBe(401);
    expect((await signIn(mine.username, 'a-long-good-passphrase')).res.status).toBe(200);
  });

  it('rejects a bulk file with a bad row whole, with the row, column and reason, and lets only an admin upload accounts', async () => {
    const csv =
      'ユーザー名,役割,地域コード,表示名\nokay-user,都道府県,07,福島県 担当\nbad-user,市区町村,07,市区町村なのに都道府県コード\nUPPER CASE,国,,\n';
    const res = await admin.post('/api/v1/imports/accounts').attach('file', Buffer.from(csv), 'accounts.csv').expect(422);
    expect(res.body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '地域コード'],
      [4, 'ユーザー名'],
    ]);
    expect(await queryRows(t.databaseUrl, `SELECT 1 FROM users WHERE username = 'okay-user'`)).toEqual([]);
    const national = await t.as('national');
    await national.post('/api/v1/imports/accounts').attach('file', Buffer.from(csv), 'accounts.csv').expect(403);
    expect((await national.get('/api/v1/imports').expect(200)).body.kinds.map((k: { kind: string }) => k.kind)).not.toContain('accounts');
    await national.get('/api/v1/admin/users').expect(403);
  });

  it('disabling an account, resetting its password or changing its role ends its live session at the next request', async () => {
    const sessionOf = async (username: string) => {
      const password = 'another-good-passphrase';
      const account = issued.find((i) => i.username === username)!;
      const { agent } = await signIn(username, account.initial_password);
      await agent.post('/api/v1/auth/password').send({ current_password: account.initial_password, new_password: password }).expect(200);
      await agent.get('/api/v1/standardization/surveys').expect(200); // cached now
      const [{ id }] = await queryRows<{ id: number }>(t.databaseUrl, `SELECT id FROM users WHERE username = $1`, [username]);
      return { agent, id, password };
    };
    const disabled = await sessionOf('pref-13');
    await admin.patch(`/api/v1/admin/users/${disabled.id}`).send({ disabled: true, reason: '異動' }).expect(200);
    await disabled.agent.get('/api/v1/standardization/surveys').expect(401);
    expect((await signIn('pref-13', disabled.password)).res.status).toBe(401);

    const reset = await sessionOf('pref-14');
    // A reset says why, or it does not happen.
    await admin.post(`/api/v1/admin/users/${reset.id}/password-reset`).send({}).expect(400);
    const fresh = await admin.post(`/api/v1/admin/users/${reset.id}/password-reset`).send({ reason: 'パスワードを忘れたため' }).expect(200);

    await reset.agent.get('/api/v1/standardization/surveys').expect(401);
    const again = await signIn('pref-14', fresh.body.data.initial_password);
    expect(again.res.body.data.must_change_password).toBe(true);

    const moved = await sessionOf('pref-15');
    const changed = await admin.patch(`/api/v1/admin/users/${moved.id}`).send({ area_code: '16' }).expect(200);
    expect(changed.body.meta.sessions_ended).toBe(true);
    await moved.agent.get('/api/v1/standardization/surveys').expect(401);
    const renamed = await admin.patch(`/api/v1/admin/users/${moved.id}`).send({ display_name: '富山県 担当' }).expect(200);
    expect(renamed.body.meta.sessions_ended).toBe(false);

    const audit = await admin.get('/api/v1/admin/audit').query({ action: 'account_updated' }).expect(200);
    expect(audit.body.data.map((a: { target: string }) => a.target)).toEqual(expect.arrayContaining(['pref-13', 'pref-15']));
    expect(audit.body.data.find((a: { target: string }) => a.target === 'pref-13').detail).toMatchObject({
      reason: '異動',
      sessions_ended: true,
    });
    const resets = await admin.get('/api/v1/admin/audit').query({ action: 'password_reset' }).expect(200);
    expect(resets.body.data[0]).toMatchObject({ actor: 'test-admin', target: 'pref-14', detail: { reason: 'パスワードを忘れたため' } });
    expect(JSON.stringify(resets.body)).not.toContain(fresh.body.data.initial_password);
  });

  it('lists accounts by role, prefecture and text, and keeps an admin from locking themselves out', async () => {
    const list = await admin.get('/api/v1/admin/users').query({ role: 'municipality', prefecture: '07' }).expect(200);
    expect(list.body.meta.total).toBe(59 + 1); // the provisioned 59 and the test account of 須賀川市
    expect(list.body.data[0]).not.toHaveProperty('password_hash');
    const found = await admin.get('/api/v1/admin/users').query({ q: '須賀川' }).expect(200);
    expect(found.body.data.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['muni-072079']));
    const [{ id }] = await queryRows<{ id: number }>(t.databaseUrl, `SELECT id FROM users WHERE username = 'test-admin'`);
    await admin.patch(`/api/v1/admin/users/${id}`).send({ disabled: true }).expect(409);
    await admin.patch(`/api/v1/admin/users/${id}`).send({ role: 'municipality', area_code: '072079' }).expect(409);
  });

  it('refuses a change that names no known field (a typo changes nothing and must not answer 200)', async () => {
    const [{ id }] = await queryRows<{ id: number }>(t.databaseUrl, `SELECT id FROM users WHERE username = 'test-pref-07'`);
    const unknown = await admin.patch(`/api/v1/admin/users/${id}`).send({ disabeld: true }).expect(400);
    expect(unknown.body.message).toMatch(/disabeld/);
    await admin.patch(`/api/v1/admin/users/${id}`).send({}).expect(400);
    await admin.patch(`/api/v1/admin/users/${id}`).send({ display_name: '別の表示名', role_typo: 'admin' }).expect(400);
    const [user] = await queryRows(t.databaseUrl, `SELECT display_name FROM users WHERE id = $1`, [id]);
    expect(user).not.toEqual({ display_name: '別の表示名' });
  });

  it('keeps a preview to the account that made it: another account can neither read nor commit it', async () => {
    const file = Buffer.from('ユーザー名,役割,地域コード\npreview-owned,national,\n');
    const preview = await admin.post('/api/v1/imports/accounts?dry_run=true').attach('file', file, 'accounts.csv').expect(200);
    expect(preview.body.preview_id).toEqual(expect.any(String));
    const other = await t.as('national');
    await other.get(`/api/v1/imports/previews/${preview.body.preview_id}`).expect(404);
    await other.post(`/api/v1/imports/previews/${preview.body.preview_id}/commit`).send({}).expect(404);
    await admin.get(`/api/v1/imports/previews/${preview.body.preview_id}`).expect(200);
  });
});
