import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, todayInTokyo } from '../../api/src/core/domain/dates.js';
import { JOBS, officesJob } from '../../jobs/job-definitions.js';
import { JobsService, type JobRun } from '../../api/src/jobs/jobs.service.js';
import { queryRows } from '../support/table-counts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The jobs that can recompute only what changed (the others always recompute everything) and their tables. */
const INCREMENTAL = JOBS.filter((job) => job.incremental);
const OUTPUT_TABLES = INCREMENTAL.flatMap((job) => job.outputs.map((o) => o.to));
const runEach = (jobs: JobsService, full: boolean) =>
  Promise.all(INCREMENTAL.map((job) => jobs.run(job.name, full ? 'manual' : 'schedule', undefined, full)));

/**
 * Each summary table's contents without the run that wrote a row (an incremental run leaves the rows of
 * dates it did not recompute with their earlier run's id): a count and an order-independent hash of rows.
 */
async function summaries(url: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of OUTPUT_TABLES) {
    const [row] = await queryRows<{ n: string; h: string }>(
      url,
      `SELECT count(*) AS n, coalesce(sum(hashtextextended((to_jsonb(r) - 'job_run_id')::text, 0)::numeric), 0)::text AS h FROM ${table} r`,
    );
    out[table] = `${row.n}:${row.h}`;
  }
  return out;
}

const byName = (runs: JobRun[]) => Object.fromEntries(runs.map((r) => [r.name, r]));

/**
 * Incremental jobs on the demo data: after a sequence of imports (a new month of exchanges, back-dated
 * licences, an office closed and one moved, an undo) recomputed only from the dates they change, every
 * table of the incremental jobs equals a full recompute of everything (the other jobs always recompute).
 */
describe('incremental jobs (PostgreSQL, demo data)', () => {
  let t: TestApp;
  let jobs: JobsService;
  beforeAll(async () => {
    t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
    jobs = t.app.get(JobsService);
  }, 180_000);
  afterAll(() => t.close());

  const upload = async (kind: string, csv: string) => {
    const res = await t.http.post(`/api/v1/imports/${kind}`).attach('file', Buffer.from(csv), `${kind}.csv`).expect(201);
    expect(res.body.status).toBe('succeeded');
    return res.body as { import_id: number; jobs: JobRun[] };
  };

  it('a sequence of imports, including back-dated ones and an undo, recomputed incrementally equals a full recompute', async () => {
    // The demo's figures were computed when it was loaded; since then nothing changed: the jobs do nothing
    // (adoption would only compute a run date it does not hold yet).
    const idle = byName(await Promise.all(['reference_summary', 'usage', 'adoption'].map((name) => jobs.run(name, 'schedule'))));
    expect([idle.reference_summary.mode, idle.usage.mode]).toEqual(['skipped', 'skipped']);
    expect(idle.adoption).toMatchObject({ mode: 'incremental', recomputeFrom: null, status: 'succeeded' });
    // Run again on the same date (the first may have met a new day in Tokyo): nothing left to compute.
    const again = await jobs.run('adoption', 'schedule');
    expect([again.mode, again.recomputeFrom, again.rowCounts.adoption_municipality]).toEqual(['incremental', null, 0]);
    const monthsBefore = await queryRows(t.databaseUrl, `SELECT as_of FROM usage_national`);

    const licensed = await queryRows<{ office_number: string }>(
      t.databaseUrl,
      `SELECT office_number FROM cpdl_licenses WHERE starts_on <= '2026-01-01' AND ends_on IS NULL ORDER BY office_number LIMIT 3`,
    );
    const usage = await upload(
      'cpdl-usage',
      `事業所番号,年月,送信件数,受信件数\n${licensed.map((o, i) => `${o.office_number},2026-11,${i + 3},${i + 1}`).join('\n')}\n`,
    );
    const usageRun = byName(usage.jobs).usage;
    expect([usageRun.mode, usageRun.recomputeFrom, usageRun.status]).toEqual(['incremental', '2026-11-01', 'succeeded']);
    expect(usageRun.rowCounts['in:cpdl_usage']).toBe(3); // only the new month's file is read
    expect(usageRun.rowCounts.usage_national).toBe(1);

    const unlicensed = await queryRows<{ office_number: string; municipality_code: string }>(
      t.databaseUrl,
      `SELECT s.office_number, o.municipality_code FROM office_services s JOIN care_offices o USING (office_number)
       JOIN service_types st ON st.code = s.service_type_code AND st.counts_toward_adoption
       WHERE s.abolished_on IS NULL AND s.designated_on < '2023-01-01'
         AND NOT EXISTS (SELECT 1 FROM cpdl_licenses l WHERE l.office_number = s.office_number)
       ORDER BY s.office_number LIMIT 2`,
    );
    const licences = await upload(
      'cpdl-licenses',
      `office_number,applied_on,starts_on,ends_on\n${unlicensed[0].office_number},2023-06-15,2023-07-01,\n${unlicensed[1].office_number},2024-02-10,2024-03-01,2025-03-31\n`,
    );
    expect(byName(licences.jobs).adoption).toMatchObject({ mode: 'incremental', recomputeFrom: '2023-06-15', status: 'succeeded' });

    const offices = await queryRows<Record<string, string>>(
      t.databaseUrl,
      `WITH single_service AS (SELECT office_number FROM office_services GROUP BY office_number HAVING count(*) = 1)
       SELECT s.office_number, o.name, s.service_type_code, o.municipality_code, to_char(s.designated_on, 'YYYY-MM-DD') AS designated_on
       FROM office_services s JOIN single_service USING (office_number) JOIN care_offices o USING (office_number)
       JOIN cpdl_licenses l USING (office_number)
       WHERE s.abolished_on IS NULL AND s.designated_on BETWEEN '2020-01-01' AND '2023-12-31'
       ORDER BY s.office_number LIMIT 2`,
    );
    const otherMunicipality = (
      await queryRows<{ code: string }>(
        t.databaseUrl,
        `SELECT code FROM municipalities WHERE code <> $1 AND valid_to IS NULL ORDER BY code LIMIT 1`,
        [offices[1].municipality_code],
      )
    )[0].code;
    const [closed, moved] = offices;
    const officeChange = await upload(
      'care-offices',
      [
        '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日,廃止年月日',
        `${closed.office_number},${closed.name},${closed.service_type_code},${closed.municipality_code},${closed.designated_on},2024-09-30`,
        `${moved.office_number},${moved.name},${moved.service_type_code},${otherMunicipality},${moved.designated_on},`,
      ].join('\n'),
    );
    const officeRuns = byName(officeChange.jobs);
    const earliest = [closed.designated_on, moved.designated_on].sort()[0];
    expect([officeRuns.adoption.mode, officeRuns.adoption.recomputeFrom]).toEqual(['incremental', earliest]);
    expect([officeRuns.usage.mode, officeRuns.usage.recomputeFrom]).toEqual(['incremental', earliest]);

    // A back-dated correction undone: its dates are recomputed again.
    const undone = (await t.http.post(`/api/v1/imports/${licences.import_id}/undo`).send({ reason: '誤った申請日' }).expect(200)).body.data;
    expect(byName(undone.jobs).adoption).toMatchObject({ mode: 'incremental', recomputeFrom: '2023-06-15', status: 'succeeded' });

    const nightly = byName(await runEach(jobs, false));
    expect(Object.values(nightly).every((r) => r.status === 'succeeded')).toBe(true);
    const incremental = await summaries(t.databaseUrl);

    const recomputed = byName(await runEach(jobs, true));
    expect(Object.values(recomputed).every((r) => r.mode === 'full' && r.status === 'succeeded')).toBe(true);
    expect(await summaries(t.databaseUrl)).toEqual(incremental);
    // The sequence changed the figures: the comparison is not between two unchanged tables.
    expect(recomputed.usage.rowCounts.usage_national).toBe(monthsBefore.length + 1);
    // Four imports, each with its jobs, and two recomputes of every job: 67–80 s alone, over 180 s once in CI
    // beside the browser suites.
  }, 420_000);

  it('the office list: a night on which neither data nor a date of its inputs moved is skipped, a new month rewrites only the offices whose values changed, and each equals a full recompute', async () => {
    const officeTables = async () => {
      const all = await summaries(t.databaseUrl);
      return { list: all.office_outreach, window: all.office_outreach_window };
    };
    const today = todayInTokyo();
    const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const calendar = readFileSync(join(process.cwd(), 'sql', officesJob.incremental!.calendar!), 'utf8');
    // Two days of last month between which the calendar holds none of the list's dates (found, not assumed).
    let quiet: [string, string] | undefined;
    for (let day = 2; day <= 27 && !quiet; day++) {
      const [a, b] = [day, day + 1].map((d) => `${lastMonth}-${String(d).padStart(2, '0')}`);
      const [{ moved }] = await queryRows<{ moved: boolean }>(t.databaseUrl, calendar, [a, b]);
      if (!moved) quiet = [a, b];
    }
    expect(quiet).toBeDefined();
    const [a, b] = quiet!;

    expect(await jobs.run('offices', 'manual', a, true)).toMatchObject({ mode: 'full', status: 'succeeded' });
    const skipped = await jobs.run('offices', 'schedule', b);
    expect(skipped).toMatchObject({ mode: 'skipped', status: 'succeeded' });
    const served = await t.http.get('/api/v1/offices').query({ municipality: '072079' }).expect(200);
    expect(served.body.meta.as_of).toBe(b);
    const afterSkip = await officeTables();
    expect(await jobs.run('offices', 'manual', b, true)).toMatchObject({ mode: 'full', status: 'succeeded' });
    expect(await officeTables()).toEqual(afterSkip);

    // The night the month turns: recomputed, but only offices whose values changed are written again.
    const night = await jobs.run('offices', 'schedule', today);
    expect(night).toMatchObject({ mode: 'full', status: 'succeeded', why: expect.stringMatching(/new month/) });
    const [{ total, rewritten }] = await queryRows<{ total: string; rewritten: string }>(
      t.databaseUrl,
      `SELECT count(*) AS total, count(*) FILTER (WHERE job_run_id = $1) AS rewritten FROM office_outreach`,
      [night.runId],
    );
    expect(Number(rewritten)).toBeLessThan(Number(total) / 10);
    const afterNight = await officeTables();
    expect(await jobs.run('offices', 'manual', today, true)).toMatchObject({ mode: 'full', status: 'succeeded' });
    expect(await officeTables()).toEqual(afterNight);
  }, 180_000);

  it('a changed setting (a basis input) makes the next run a full one', async () => {
    await queryRows(t.databaseUrl, `UPDATE settings SET value = value || '0' WHERE key = 'cpdl_target_rate' AND value LIKE '%.%'`);
    const run = await jobs.run('adoption', 'manual');
    expect(run).toMatchObject({ mode: 'full', status: 'succeeded' });
  });
});
