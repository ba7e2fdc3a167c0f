import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from '../support/test-app.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));

describe('cached summaries and static assets over HTTP', () => {
  let t: TestApp;
  let base: string;
  let cookie: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { cookie, ...headers } });

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    await t.http.post('/api/v1/imports/care-offices').attach('file', fixture('care-offices-valid.csv'), 'offices.csv').expect(201);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: TEST_USERS.admin.username, password: TEST_PASSWORD }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0];
  });
  afterAll(() => t.close());

  it('answers a cached summary compressed as the client accepts, with an ETag that a repeat request revalidates for free', async () => {
    const path = '/api/v1/adoption/municipalities?prefecture=07';
    const plain = await get(path, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const body = await plain.json();
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    for (const encoding of ['br', 'gzip']) {
      const res = await get(path, { 'accept-encoding': encoding });
      expect([encoding, res.headers.get('content-encoding'), res.headers.get('etag'), res.headers.get('vary')]).toEqual([
        encoding,
        encoding,
        etag,
        'Accept-Encoding, Cookie',
      ]);
      expect(await res.json()).toEqual(body); // fetch decodes it
    }
    const again = await get(path, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Still checked per request: without the session cookie, 401 even with the ETag.
    expect((await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(401);
  });

  it('a job run invalidates it: the old ETag no longer matches and the new body names the new run', async () => {
    const path = '/api/v1/adoption/national';
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const before = await first.json();
    await t.http.post('/api/v1/admin/jobs/adoption/run').send({}).expect(200);
    const after = await get(path, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).meta.job_run_id).toBeGreaterThan(before.meta.job_run_id);
  });

  it('serves the hashed dashboard assets precompressed and immutable, and index.html revalidated', async () => {
    const html = await fetch(`${base}/`);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = /src="\/assets\/([^"]+\.js)"/.exec(await html.text())![1];
    const res = await fetch(`${base}/assets/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The bytes sent are the brotli body, well under half of the script it decodes to.
    const sent = Number(res.headers.get('content-length'));
    const decoded = await res.text();
    expect(decoded.length).toBeGreaterThan(5_000);
    expect(sent).toBeLessThan(decoded.length / 2);
    const again = await fetch(`${base}/assets/${script}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
  it('never lets a cache keep an answer that belongs to one person (who am I, accounts, the audit log)', async () => {
    for (const path of ['/api/v1/auth/me', '/api/v1/admin/users', '/api/v1/admin/audit']) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('cache-control')]).toEqual([path, 200, 'no-store']);
    }
  });
});
