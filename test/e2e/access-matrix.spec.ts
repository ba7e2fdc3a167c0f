import request from 'supertest';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type Agent, type TestApp, type TestRole } from '../support/test-app.js';
import { servedRoutes } from '../../api/src/core/http/served-routes.js';

type Who = 'anonymous' | TestRole;
const WHO: Who[] = ['anonymous', 'admin', 'national', 'prefecture', 'municipality'];

interface Case {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  body?: Record<string, unknown>;
  /** Expected status per caller: a number for all signed-in roles, or one per caller. */
  expect: Record<Who, number>;
  /** Uses a newly signed-in client (the call ends or changes the session). */
  fresh?: boolean;
}

const everyone = (status: number): Record<Who, number> => ({
  anonymous: status,
  admin: status,
  national: status,
  prefecture: status,
  municipality: status,
});
const signedIn = (status = 200): Record<Who, number> => ({
  anonymous: 401,
  admin: status,
  national: status,
  prefecture: status,
  municipality: status,
});
const nationwide = (status = 200): Record<Who, number> => ({
  anonymous: 401,
  admin: status,
  national: status,
  prefecture: 403,
  municipality: 403,
});
const prefectureDetail = (status = 200): Record<Who, number> => ({
  anonymous: 401,
  admin: status,
  national: status,
  prefecture: status,
  municipality: 403,
});
const adminOnly: Record<Who, number> = { anonymous: 401, admin: 200, national: 403, prefecture: 403, municipality: 403 };

/**
 * Every route the app registers, with the status each role gets (prefecture = 07 福島県,
 * municipality = 072079 須賀川市). A route with no entry here fails the test.
 */
const MATRIX: Record<string, Case[]> = {
  'GET /api/health': [{ method: 'get', url: '/api/health', expect: everyone(200) }],
  'GET /api/live': [{ method: 'get', url: '/api/live', expect: everyone(200) }],
  'GET /api/ready': [{ method: 'get', url: '/api/ready', expect: everyone(200) }],
  'GET /api/docs': [{ method: 'get', url: '/api/docs', expect: everyone(200) }],
  'GET /api/docs/': [{ method: 'get', url: '/api/docs/', expect: everyone(200) }],
  'GET /api/docs/index.html': [{ method: 'get', url: '/api/docs/index.html', expect: everyone(200) }],
  'GET /api/docs/LICENSE': [{ method: 'get', url: '/api/docs/LICENSE', expect: everyone(404) }],
  'GET /api/docs/swagger-ui-init.js': [{ method: 'get', url: '/api/docs/swagger-ui-init.js', expect: everyone(200) }],
  'GET /api/docs/docs/swagger-ui-init.js': [{ method: 'get', url: '/api/docs/docs/swagger-ui-init.js', expect: everyone(200) }],
  'GET /api/docs-json': [{ method: 'get', url: '/api/docs-json', expect: everyone(200) }],
  'GET /api/docs-yaml': [{ method: 'get', url: '/api/docs-yaml', expect: everyone(200) }],
  'GET /*': [
    { method: 'get', url: '/prefectures/07', expect: everyone(200) },
    { method: 'get', url: '/api/v1/no-such-route', expect: everyone(404) },
  ],
  'GET /assets/*': [{ method: 'get', url: '/assets/no-such-chunk.js', expect: everyone(404) }],
  'GET /api/docs/*': [{ method: 'get', url: '/api/docs/swagger-ui.css', expect: everyone(200) }],
  'GET /api/docs/docs/*': [{ method: 'get', url: '/api/docs/docs/swagger-ui.css', expect: everyone(200) }],
  'POST /api/v1/auth/login': [
    { method: 'post', url: '/api/v1/auth/login', body: {}, expect: everyone(400) },
    { method: 'post', url: '/api/v1/auth/login', body: { username: 'nobody', password: 'wrong' }, expect: everyone(401) },
  ],
  'POST /api/v1/auth/logout': [{ method: 'post', url: '/api/v1/auth/logout', expect: everyone(200), fresh: true }],
  'GET /api/v1/auth/me': [{ method: 'get', url: '/api/v1/auth/me', expect: signedIn() }],
  'GET /api/v1/admin/audit': [{ method: 'get', url: '/api/v1/admin/audit?action=login', expect: adminOnly }],
  'POST /api/v1/auth/password': [
    { method: 'post', url: '/api/v1/auth/password', body: { current_password: 'wrong', new_password: 'x' }, expect: signedIn(400) },
  ],
  'POST /api/v1/imports/:id/undo': [
    { method: 'post', url: '/api/v1/imports/999999/undo', body: { reason: 'テスト' }, expect: nationwide(404) },
  ],
  'GET /api/v1/admin/users': [{ method: 'get', url: '/api/v1/admin/users?role=prefecture', expect: adminOnly }],
  'PATCH /api/v1/admin/users/:id': [
    { method: 'patch', url: '/api/v1/admin/users/999999', body: { display_name: 'x' }, expect: { ...adminOnly, admin: 404 } },
  ],
  'POST /api/v1/admin/users/:id/password-reset': [
    {
      method: 'post',
      url: '/api/v1/admin/users/999999/password-reset',
      body: { reason: '確認のため' },
      expect: { ...adminOnly, admin: 404 },
    },
  ],
  'POST /api/v1/admin/users/generate': [
    { method: 'post', url: '/api/v1/admin/users/generate', body: { prefectures: true, municipalities: false }, expect: adminOnly },
  ],
  'GET /api/v1/prefectures': [{ method: 'get', url: '/api/v1/prefectures', expect: signedIn() }],
  'GET /api/v1/municipalities': [{ method: 'get', url: '/api/v1/municipalities?prefecture=13', expect: signedIn() }],
  'GET /api/v1/municipalities/:code': [{ method: 'get', url: '/api/v1/municipalities/13101', expect: signedIn() }],
  'GET /api/v1/reference/summary': [{ method: 'get', url: '/api/v1/reference/summary', expect: signedIn() }],
  'GET /api/v1/jobs': [{ method: 'get', url: '/api/v1/jobs', expect: nationwide() }],
  'POST /api/v1/admin/jobs/:name/run': [
    { method: 'post', url: '/api/v1/admin/jobs/reference_summary/run', body: {}, expect: nationwide() },
    { method: 'post', url: '/api/v1/admin/jobs/nope/run', body: {}, expect: nationwide(404) },
  ],
  'GET /api/v1/imports': [{ method: 'get', url: '/api/v1/imports', expect: nationwide() }],
  'GET /api/v1/imports/previews/:id': [
    { method: 'get', url: '/api/v1/imports/previews/0123456789abcdef01234567', expect: nationwide(404) },
  ],
  'POST /api/v1/imports/previews/:id/commit': [
    { method: 'post', url: '/api/v1/imports/previews/0123456789abcdef01234567/commit', body: {}, expect: nationwide(404) },
  ],
  'GET /api/v1/imports/:id': [{ method: 'get', url: '/api/v1/imports/1', expect: nationwide() }],
  'GET /api/v1/imports/:id/figures': [{ method: 'get', url: '/api/v1/imports/1/figures', expect: nationwide() }],
  'POST /api/v1/imports/:kind': [{ method: 'post', url: '/api/v1/imports/care-offices', expect: nationwide(400) }],
  'GET /api/v1/adoption/national': [{ method: 'get', url: '/api/v1/adoption/national', expect: signedIn() }],
  'GET /api/v1/adoption/prefectures': [{ method: 'get', url: '/api/v1/adoption/prefectures', expect: signedIn() }],
  'GET /api/v1/adoption/classes': [{ method: 'get', url: '/api/v1/adoption/classes', expect: signedIn() }],
  'GET /api/v1/usage': [
    { method: 'get', url: '/api/v1/usage', expect: signedIn() },
    {
      method: 'get',
      url: '/api/v1/usage?prefecture=13',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/adoption/dates': [{ method: 'get', url: '/api/v1/adoption/dates', expect: signedIn() }],
  'DELETE /api/v1/adoption/dates/:date': [
    // A month end cannot be removed (409); only an admin gets that far.
    {
      method: 'delete',
      url: '/api/v1/adoption/dates/2025-03-31',
      expect: { anonymous: 401, admin: 409, national: 403, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/adoption/municipalities': [
    { method: 'get', url: '/api/v1/adoption/municipalities?prefecture=07', expect: prefectureDetail() },
    {
      method: 'get',
      url: '/api/v1/adoption/municipalities?prefecture=13',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
    {
      method: 'get',
      url: '/api/v1/adoption/municipalities',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/adoption/municipalities/export': [
    { method: 'get', url: '/api/v1/adoption/municipalities/export?prefecture=07&format=dictionary', expect: prefectureDetail() },
    {
      method: 'get',
      url: '/api/v1/adoption/municipalities/export',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/adoption/municipalities/:code': [
    { method: 'get', url: '/api/v1/adoption/municipalities/07207', expect: signedIn() },
    {
      method: 'get',
      url: '/api/v1/adoption/municipalities/072010',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 200, municipality: 403 },
    },
    {
      method: 'get',
      url: '/api/v1/adoption/municipalities/131016',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/adoption/trend': [
    { method: 'get', url: '/api/v1/adoption/trend?prefecture=13', expect: signedIn() },
    { method: 'get', url: '/api/v1/adoption/trend?municipality=131016', expect: nationwide() },
  ],
  // Rates of chosen municipalities are comparison figures every role may see (their offices stay scoped).
  'GET /api/v1/adoption/comparison': [{ method: 'get', url: '/api/v1/adoption/comparison?codes=072010,131016', expect: signedIn() }],
  'GET /api/v1/adoption/projections': [
    { method: 'get', url: '/api/v1/adoption/projections?level=prefecture', expect: signedIn() },
    { method: 'get', url: '/api/v1/adoption/projections?level=municipality&prefecture=07', expect: prefectureDetail() },
    { method: 'get', url: '/api/v1/adoption/projections?level=municipality', expect: nationwide() },
    {
      method: 'get',
      url: '/api/v1/adoption/projections?level=municipality&municipality=072079',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 200, municipality: 200 },
    },
  ],
  'GET /api/v1/subsidies/totals': [{ method: 'get', url: '/api/v1/subsidies/totals?as_of=2025-03-31', expect: signedIn() }],
  'GET /api/v1/figures/sources': [{ method: 'get', url: '/api/v1/figures/sources', expect: signedIn() }],
  'GET /api/v1/standardization/surveys': [{ method: 'get', url: '/api/v1/standardization/surveys', expect: signedIn() }],
  'GET /api/v1/standardization/survey/:round': [
    { method: 'get', url: '/api/v1/standardization/survey/2025-02?group=prefecture', expect: signedIn() },
  ],
  'GET /api/v1/standardization/progress': [
    { method: 'get', url: '/api/v1/standardization/progress?group=vendor', expect: signedIn() },
    { method: 'get', url: '/api/v1/standardization/progress?prefecture=07', expect: prefectureDetail() },
  ],
  'GET /api/v1/standardization/municipalities/:code': [
    { method: 'get', url: '/api/v1/standardization/municipalities/072079', expect: signedIn() },
  ],
  'GET /api/v1/standardization/at-risk': [
    { method: 'get', url: '/api/v1/standardization/at-risk?prefecture=07', expect: prefectureDetail() },
    { method: 'get', url: '/api/v1/standardization/at-risk?reason=overdue', expect: nationwide() },
  ],
  'GET /api/v1/schedule': [{ method: 'get', url: '/api/v1/schedule', expect: signedIn() }],
  'GET /api/v1/settings': [{ method: 'get', url: '/api/v1/settings', expect: signedIn() }],
  'GET /api/v1/events': [
    { method: 'get', url: '/api/v1/events', expect: signedIn() },
    // A prefecture's events: its own accounts (the prefecture and its municipalities) and nationwide roles.
    { method: 'get', url: '/api/v1/events?prefecture=07', expect: signedIn() },
    { method: 'get', url: '/api/v1/events?prefecture=13', expect: nationwide() },
    { method: 'get', url: '/api/v1/events?municipality=072079', expect: signedIn() },
    { method: 'get', url: '/api/v1/events?municipality=072010', expect: prefectureDetail() },
    { method: 'get', url: '/api/v1/events?municipality=131016', expect: nationwide() },
  ],
  'POST /api/v1/events': [
    // Each role records in its own area by default (national staff: the nation's).
    {
      method: 'post',
      url: '/api/v1/events',
      body: { occurred_on: '2025-10-01', title: '説明会', kind: 'training' },
      expect: signedIn(201),
    },
    {
      method: 'post',
      url: '/api/v1/events',
      body: { occurred_on: '2025-10-01', title: '説明会', kind: 'training', prefecture_code: '13' },
      expect: nationwide(201),
    },
    {
      method: 'post',
      url: '/api/v1/events',
      body: { occurred_on: '2025-10-01', title: '説明会', kind: 'training', municipality_code: '072010' },
      expect: nationwide(201),
    },
  ],
  'DELETE /api/v1/events/:id': [{ method: 'delete', url: '/api/v1/events/999999', expect: signedIn(404) }],
  'GET /api/v1/published-figures': [{ method: 'get', url: '/api/v1/published-figures', expect: signedIn() }],
  'POST /api/v1/published-figures': [
    {
      method: 'post',
      url: '/api/v1/published-figures',
      body: { measure: 'usage_rate', value: 0.08, as_of: '2026-02-28', source: 'WAMNET' },
      expect: nationwide(201),
    },
  ],
  'DELETE /api/v1/published-figures/:id': [{ method: 'delete', url: '/api/v1/published-figures/999999', expect: nationwide(404) }],
  // Each user's own お知らせ and subscriptions; the delivery log is the administrator's.
  'GET /api/v1/notifications': [{ method: 'get', url: '/api/v1/notifications', expect: signedIn() }],
  'GET /api/v1/notifications/unread-count': [{ method: 'get', url: '/api/v1/notifications/unread-count', expect: signedIn() }],
  'POST /api/v1/notifications/read-all': [{ method: 'post', url: '/api/v1/notifications/read-all', expect: signedIn() }],
  'POST /api/v1/notifications/:id/read': [{ method: 'post', url: '/api/v1/notifications/999999/read', expect: signedIn(404) }],
  'GET /api/v1/notifications/subscription': [{ method: 'get', url: '/api/v1/notifications/subscription', expect: signedIn() }],
  'PUT /api/v1/notifications/subscription': [
    {
      method: 'put',
      url: '/api/v1/notifications/subscription',
      body: { email: 'someone@example.jp', digest_monthly: true, digest_weekly: false, alerts: true },
      expect: signedIn(),
    },
    {
      method: 'put',
      url: '/api/v1/notifications/subscription',
      body: { email: 'not an address', digest_monthly: true, digest_weekly: false, alerts: true },
      expect: signedIn(400),
    },
  ],
  'GET /api/v1/notifications/deliveries': [{ method: 'get', url: '/api/v1/notifications/deliveries', expect: adminOnly }],
  // The link in an e-mail: no session, the signature decides (a made-up token is refused for everyone).
  'POST /api/v1/notifications/unsubscribe': [
    { method: 'post', url: '/api/v1/notifications/unsubscribe?token=1.alerts.x', expect: everyone(400) },
  ],
  'PUT /api/v1/admin/settings/:key': [
    {
      method: 'put',
      url: '/api/v1/admin/settings/conformance_date',
      body: { value: '2028-04-01', valid_from: '2025-01-01' },
      expect: nationwide(),
    },
    // The key dates set by law are the administrator's alone (README, "Accounts and roles").
    {
      method: 'put',
      url: '/api/v1/admin/settings/law_in_force_date',
      body: { value: '2026-04-01', valid_from: '2025-01-01' },
      expect: adminOnly,
    },
  ],
  'GET /api/v1/subsidies/programs': [{ method: 'get', url: '/api/v1/subsidies/programs', expect: signedIn() }],
  'GET /api/v1/subsidies/summary': [{ method: 'get', url: '/api/v1/subsidies/summary?prefecture=13', expect: signedIn() }],
  'GET /api/v1/subsidies/effect': [{ method: 'get', url: '/api/v1/subsidies/effect', expect: signedIn() }],
  'GET /api/v1/subsidies/compliance': [
    { method: 'get', url: '/api/v1/subsidies/compliance?prefecture=07', expect: prefectureDetail() },
    {
      method: 'get',
      url: '/api/v1/subsidies/compliance?prefecture=13',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 403, municipality: 403 },
    },
  ],
  'GET /api/v1/subsidies/by-municipality': [
    { method: 'get', url: '/api/v1/subsidies/by-municipality?prefecture=07', expect: prefectureDetail() },
  ],
  'GET /api/v1/subsidies/municipalities/:code': [{ method: 'get', url: '/api/v1/subsidies/municipalities/072079', expect: signedIn() }],
  // Office lists carry licence and usage columns: scoped like the municipality detail, the nation's list nationwide only.
  'GET /api/v1/offices': [
    { method: 'get', url: '/api/v1/offices', expect: nationwide() },
    { method: 'get', url: '/api/v1/offices?prefecture=07', expect: prefectureDetail() },
    { method: 'get', url: '/api/v1/offices?prefecture=13', expect: { ...nationwide(), prefecture: 403 } },
    { method: 'get', url: '/api/v1/offices?municipality=072079', expect: signedIn() },
    {
      method: 'get',
      url: '/api/v1/offices?municipality=072010',
      expect: { anonymous: 401, admin: 200, national: 200, prefecture: 200, municipality: 403 },
    },
    { method: 'get', url: '/api/v1/offices?municipality=131016', expect: { ...nationwide(), prefecture: 403 } },
  ],
  'POST /api/v1/audit/exports': [
    {
      method: 'post',
      url: '/api/v1/audit/exports',
      body: { title: '働きかけ先の事業所', format: 'xlsx', rows: 3 },
      expect: { ...signedIn(204) },
    },
    { method: 'post', url: '/api/v1/audit/exports', body: { title: 'x', format: 'pdf', rows: -1 }, expect: signedIn(400) },
  ],
};

describe('role × endpoint matrix (demo data, PostgreSQL)', () => {
  let t: TestApp;
  const clients = new Map<Who, Agent>();
  const client = async (who: Who, fresh = false): Promise<Agent> => {
    if (who === 'anonymous') return request.agent(t.app.getHttpServer());
    if (fresh) {
      const agent = request.agent(t.app.getHttpServer());
      await agent.post('/api/v1/auth/login').send({ username: TEST_USERS[who].username, password: TEST_PASSWORD }).expect(200);
      return agent;
    }
    if (!clients.has(who)) clients.set(who, await t.as(who));
    return clients.get(who)!;
  };

  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
  }, 120_000);
  afterAll(() => t.close());

  it('has an expectation for every route the app registers', () => {
    const registered = servedRoutes(t.app.getHttpAdapter().getInstance());
    const unexpected = registered.filter((r) => !(r in MATRIX));
    const missing = Object.keys(MATRIX).filter((r) => !registered.includes(r));
    expect({ unexpected, missing }).toEqual({ unexpected: [], missing: [] });
  });

  for (const [route, cases] of Object.entries(MATRIX)) {
    it(`${route}`, async () => {
      const got: string[] = [];
      const wanted: string[] = [];
      for (const c of cases) {
        for (const who of WHO) {
          const agent = await client(who, c.fresh);
          const req = agent[c.method](c.url);
          const res = c.body ? await req.send(c.body) : await req;
          got.push(`${who} ${c.method.toUpperCase()} ${c.url} → ${res.status}`);
          wanted.push(`${who} ${c.method.toUpperCase()} ${c.url} → ${c.expect[who]}`);
          if (res.status >= 400 && res.status !== 404) {
            expect(res.body.message_ja).toEqual(expect.any(String));
            expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
          }
        }
      }
      expect(got).toEqual(wanted);
    });
  }

  // An area that is present but unusable must never read as "no filter" (the nation): a 400 for every role.
  const BAD_AREAS = [
    'prefecture=',
    'prefecture=%20',
    'prefecture=48',
    'prefecture=07&prefecture=13',
    'municipality=',
    'municipality=%E3%80%80',
    'municipality=072070',
    'municipality=072079&municipality=131016',
    'municipality=&prefecture=13',
  ];
  const guardedReads = Object.values(MATRIX)
    .flat()
    .filter((c) => c.method === 'get' && c.expect.anonymous === 401);
  // One URL per registered route (its first read case).
  const routeUrls = Object.values(MATRIX)
    .map((cases) => cases.find((c) => guardedReads.includes(c)))
    .filter((c): c is Case => c !== undefined)
    .map((c) => c.url);

  it('answers 400 to an empty, blank, malformed or repeated area on every signed-in read, for every role', async () => {
    expect(routeUrls.length).toBeGreaterThan(30);
    const got: string[] = [];
    const wanted: string[] = [];
    for (const base of routeUrls) {
      for (const bad of BAD_AREAS) {
        const url = `${base}${base.includes('?') ? '&' : '?'}${bad}`;
        for (const who of WHO) {
          const res = await (await client(who)).get(url);
          got.push(`${who} ${url} → ${res.status}`);
          wanted.push(`${who} ${url} → ${who === 'anonymous' ? 401 : 400}`);
        }
      }
    }
    expect(got).toEqual(wanted);
  }, 120_000);

  it('answers 400 to a malformed municipality code in the path, for every role', async () => {
    const pathRoutes = routeUrls.filter((u) => /\/municipalities\/\d+/.test(u));
    expect(pathRoutes.length).toBe(4);
    const got: string[] = [];
    const wanted: string[] = [];
    for (const base of pathRoutes) {
      for (const bad of ['abc', '%20', '072070', '07207%20x']) {
        const url = base.replace(/\/municipalities\/\d+/, `/municipalities/${bad}`);
        for (const who of WHO.filter((w) => w !== 'anonymous')) {
          const res = await (await client(who)).get(url);
          got.push(`${who} ${url} → ${res.status}`);
          wanted.push(`${who} ${url} → 400`);
          expect(res.body.message_ja).toEqual(expect.any(String));
        }
      }
    }
    expect(got).toEqual(wanted);
  });
});
