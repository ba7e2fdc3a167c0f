import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A job run asked for an ad-hoc date computes it, but it never becomes everyone's default, and an admin can remove it. */
describe('as-of dates asked of a job run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
  });
  afterAll(() => t.close());

  it('computes an ad-hoc date without making it the default, and removes it on request', async () => {
    const run = await t.http.post('/api/v1/admin/jobs/adoption/run').send({ as_of: '2025-03-15' }).expect(200);
    expect(run.body.data.status).toBe('succeeded');
    const dates = (await t.http.get('/api/v1/adoption/dates').expect(200)).body;
    expect(dates.data).toContain('2025-03-15');
    expect(dates.data.at(-1) <= todayInTokyo()).toBe(true);
    const national = (await t.http.get('/api/v1/adoption/national').expect(200)).body;
    expect(national.meta.as_of).toBe(dates.meta.latest_month_end);
    expect(national.meta.as_of).not.toBe('2025-03-15');
    await t.http.get('/api/v1/adoption/national?as_of=2025-03-15').expect(200);

    const removed = await t.http.delete('/api/v1/adoption/dates/2025-03-15').expect(200);
    expect(removed.body.data).toMatchObject({ as_of: '2025-03-15', rows_removed: expect.any(Number) });
    expect(removed.body.data.rows_removed).toBeGreaterThan(1741);
    await t.http.get('/api/v1/adoption/national?as_of=2025-03-15').expect(404);
    // The next run no longer carries it forward.
    await t.http.post('/api/v1/admin/jobs/adoption/run').send({}).expect(200);
    expect((await t.http.get('/api/v1/adoption/dates').expect(200)).body.data).not.toContain('2025-03-15');
    // A month end is recomputed by every run: it cannot be removed.
    const monthEnd = await t.http.delete('/api/v1/adoption/dates/2025-03-31').expect(409);
    expect(monthEnd.body).toMatchObject({ code: 'MONTH_END_NOT_REMOVABLE', message_ja: expect.stringMatching(/月末/) });
  });
});
