import { todayInTokyo } from '../../api/src/core/domain/dates.js';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import type { OfficeList } from '../../api/src/offices/dto/offices.responses.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { TEST_USERS, type TestApp, type TestRole } from '../support/test-app.js';

/** How many unapplied offices of the list lift every municipality below the target to it (each at most its unapplied). */
function expectedEnough(list: OfficeList, municipality?: string): number {
  return list.meta.municipalities
    .filter((m) => m.offices_needed > 0 && (!municipality || m.code === municipality))
    .reduce((sum, m) => {
      const unapplied = list.data.filter((r) => r.municipality_code === m.code && r.licence_status === 'not_applied').length;
      return sum + Math.min(unapplied, m.offices_needed);
    }, 0);
}

describe('the outreach list in the browser (headless Chromium, demo data, Arrow)', () => {
  let app: BrowserApp;
  let t: TestApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const signIn = async (role: TestRole) => ({ context, page } = await app.signIn(role));
  const json = async (path: string) => (await context.request.get(`${base}${path}`)).json();
  const count = async () => Number(((await page.getByTestId('outreach-count').textContent()) ?? '').split(' 件')[0].replace(/,/g, ''));

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ t, base } = app);
  }, 120_000);
  afterAll(() => app?.close());
  afterEach(() => context?.close());

  it('a prefecture filters and sorts its offices, sees how many are enough for 30%, and exports the call list (xlsx read back, audited)', async () => {
    await signIn('prefecture');
    const list = (await json('/api/v1/offices?prefecture=07')) as OfficeList;
    const arrowResponse = page.waitForResponse((r) => r.url().includes('/api/v1/offices?prefecture=07'));
    await page.goto(`${base}/prefectures/07`);
    expect((await arrowResponse).headers()['content-type']).toBe('application/vnd.apache.arrow.stream');
    const card = page.getByTestId('outreach');
    await card.getByTestId('outreach-table').waitFor();
    // What an office asks first on the phone: the licence fee in force today, from the settings' dated schedule.
    await card.getByTestId('fee-talking-point').waitFor();
    expect(await card.getByTestId('fee-talking-point').textContent()).toBe(
      todayInTokyo() < '2027-04-01'
        ? 'ライセンス料: 現在無料（2027-03-31まで）。'
        : 'ライセンス料: 現在の料金は未定です（用語と定義を参照）。',
    );

    // The default view: every unapplied office of the prefecture; the enough count over all its municipalities.
    expect(await count()).toBe(list.data.filter((r) => r.licence_status === 'not_applied').length);
    expect(await card.getByTestId('enough-count').textContent()).toBe(expectedEnough(list).toLocaleString('ja-JP'));

    // One municipality below the target with enough unapplied offices: exactly offices_needed are marked.
    const below = list.meta.municipalities.find(
      (m) =>
        m.offices_needed > 1 &&
        list.data.filter((r) => r.municipality_code === m.code && r.licence_status === 'not_applied').length > m.offices_needed,
    )!;
    await card.getByTestId('outreach-municipality').selectOption(below.code);
    expect(await card.getByTestId('enough-count').textContent()).toBe(String(below.offices_needed));
    await card.getByTestId('outreach-enough-only').check();
    expect(await count()).toBe(below.offices_needed);
    const marks = await card.locator('tbody tr:not(.spacer) td:first-child').allTextContents();
    expect(marks.every((m) => m.includes('30%に足りる'))).toBe(true);
    await card.getByTestId('outreach-enough-only').uncheck();

    // Subsidy condition at risk, whole prefecture, any licence status.
    await card.getByTestId('outreach-municipality').selectOption('');
    await card.getByTestId('outreach-status').selectOption('');
    await card.getByTestId('outreach-subsidy').check();
    const atRisk = list.data.filter((r) => r.subsidy_status === 'pending' || r.subsidy_status === 'overdue');
    expect(atRisk.length).toBeGreaterThan(0);
    expect(await count()).toBe(atRisk.length);

    // Sort by office number, descending: the first row is the largest number of the filtered rows.
    const numberHeader = card.getByRole('button', { name: /^事業所番号/ });
    await numberHeader.click();
    await numberHeader.click();
    const first = await card.locator('tbody tr').first().locator('td').nth(1).textContent();
    expect(first).toBe(
      atRisk
        .map((r) => r.office_number)
        .sort()
        .at(-1),
    );

    // The export holds every filtered row in the order shown, codes as text, with title, date and filters.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), card.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`働きかけ先の事業所_福島県_補助金の連携要件=未達のおそれ_${list.meta.as_of}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[0][0])).toContain('働きかけ先の事業所　福島県');
    const header = rows.findIndex((r) => r[1] === '事業所番号');
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(atRisk.length);
    expect(body.map((r) => r[1])).toEqual(
      atRisk
        .map((r) => r.office_number)
        .sort()
        .reverse(),
    );
    expect(body.every((r) => typeof r[1] === 'string' && (r[1] as string).startsWith('07'))).toBe(true);

    const audit = await t.http.get('/api/v1/admin/audit').query({ action: 'list_exported', actor: TEST_USERS.prefecture.username });
    expect(audit.body.data[0]).toMatchObject({
      target: '働きかけ先の事業所',
      detail: { format: 'xlsx', rows: atRisk.length, area: '福島県' },
    });

    // When the export cannot be put on record, no file is written and the page says why.
    await page.route('**/api/v1/audit/exports', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'AUDIT_UNAVAILABLE', message_ja: '監査ログに記録できないため、この操作を行えません。' }),
      }),
    );
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await card.getByTestId('export-csv').click();
    await card.getByTestId('export-refused').waitFor();
    expect(await card.getByTestId('export-refused').textContent()).toContain('監査ログに記録できない');
    expect(downloaded).toBe(false);
    await page.unroute('**/api/v1/audit/exports');
  });

  it('states the licence fee period by period with its sources on the definitions page', async () => {
    await signIn('municipality');
    await page.goto(`${base}/definitions`);
    const card = page.getByTestId('licence-fee');
    await card.locator('li').first().waitFor();
    expect(await card.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^2023-04-01〜2025-05-31: 年21,000円（ケアプランデータ連携システム 利用料/),
      expect.stringMatching(/^2025-06-01〜2027-03-31: 無料（ライセンス料の1年間無料.*Vol\.1405/),
    ]);
    expect(await card.textContent()).toContain('2027-04-01 以降の料金は未定です');
    // The programmes' linkage conditions as the data holds them: one programme may carry two, each with its rule.
    const conditions = page.getByTestId('linkage-conditions');
    const items = await conditions.locator('li').allTextContents();
    const usage = items.find((t) => t.startsWith('訪問・通所: ケアプランデータ連携システムの利用実績の報告'));
    expect(usage).toMatch(/送受信した実績.*対象: 介護職員等処遇改善加算/);
    expect(items.find((t) => t.startsWith('居宅介護支援: ケアプランデータ連携システムへの参加'))).toContain(
      '参加の誓約（連携誓約日）でも満たします',
    );
  });

  it('a municipality sees its own offices only, and the search finds one by name', async () => {
    await signIn('municipality');
    const list = (await json('/api/v1/offices?municipality=072079')) as OfficeList;
    await page.goto(`${base}/municipalities/072079`);
    const card = page.getByTestId('outreach');
    await card.getByTestId('outreach-table').waitFor();
    // What an office asks first on the phone: the licence fee in force today, from the settings' dated schedule.
    await card.getByTestId('fee-talking-point').waitFor();
    expect(await card.getByTestId('fee-talking-point').textContent()).toBe(
      todayInTokyo() < '2027-04-01'
        ? 'ライセンス料: 現在無料（2027-03-31まで）。'
        : 'ライセンス料: 現在の料金は未定です（用語と定義を参照）。',
    );
    const [need] = list.meta.municipalities;
    const summary = await card.getByTestId('outreach-enough').textContent();
    if (need.offices_needed > 0) expect(await card.getByTestId('enough-count').textContent()).toBe(String(expectedEnough(list)));
    else expect(summary).toContain('目標（30%）を達成しています');
    await card.getByTestId('outreach-status').selectOption('');
    expect(await count()).toBe(list.data.length);
    const target = list.data[Math.floor(list.data.length / 2)];
    await card.getByTestId('outreach-q').fill(target.office_name);
    expect(await card.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(target.office_number);
    const municipalities = new Set(await card.locator('tbody tr td:nth-child(6)').allTextContents());
    expect([...municipalities]).toEqual(['須賀川市']);
  });
});
