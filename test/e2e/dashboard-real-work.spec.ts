import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { TEST_PASSWORD, type TestRole } from '../support/test-app.js';
import { DigestsService } from '../../api/src/notifications/digests.service.js';
import { UnsubscribeLinks } from '../../api/src/notifications/unsubscribe-links.js';
import { UsersService } from '../../api/src/auth/users.service.js';
import { todayInTokyo } from '../../api/src/core/domain/dates.js';

interface Row {
  code: string;
  name: string;
  prefecture_code: string;
  application_rate: number;
  applied_offices: number;
  target_offices: number;
  offices_needed: number;
}

/** Reads back an exported workbook with the same library the product writes it with. */
async function readXlsx(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

describe('the dashboard for real work (headless Chromium, demo data)', () => {
  let app: BrowserApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const api = async (path: string) => (await context.request.get(`${base}${path}`)).json();
  const signIn = async (role: TestRole) => ({ context, page } = await app.signIn(role));

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ base } = app);
  }, 120_000);
  afterAll(() => app?.close());
  afterEach(() => context?.close());

  it('never shows a rate just under 30% as "30.0%" (宮崎市-like cases) on the municipality and prefecture pages', async () => {
    await signIn('national');
    const dates: string[] = (await api('/api/v1/adoption/dates')).data.filter((d: string) => d.endsWith('-31') || d.endsWith('-30'));
    let found: { asOf: string; m: Row } | undefined;
    for (const asOf of dates.reverse()) {
      const all: Row[] = (await api(`/api/v1/adoption/municipalities?as_of=${asOf}`)).data;
      const m = all.find((r) => r.application_rate >= 0.2995 && r.application_rate < 0.3);
      if (m) {
        found = { asOf, m };
        break;
      }
    }
    expect(found).toBeDefined();
    const { asOf, m } = found!;
    expect(m.offices_needed).toBeGreaterThan(0);
    await page.goto(`${base}/municipalities/${m.code}?as_of=${asOf}`);
    await page.getByTestId('kpi-rate-value').waitFor();
    expect(await page.getByTestId('kpi-rate-value').textContent()).toBe('29.9%');
    expect(await page.getByTestId('kpi-needed-value').textContent()).toBe(`あと ${m.offices_needed} 事業所`);
    await page.goto(`${base}/prefectures/${m.prefecture_code}?as_of=${asOf}`);
    const cell = page.locator(`[data-testid=municipality-row][data-code="${m.code}"] td`).nth(5);
    await cell.waitFor();
    expect(await cell.textContent()).toBe('29.9%');
    expect(await page.locator('body').textContent()).not.toContain(`${m.name}30.0%`);
  });

  it('the municipality page says whether it is at risk and why, with the same reasons as the lists, and follows its 基準日', async () => {
    await signIn('national');
    // The page opens on the latest month end; the list on that date (not the run date, days later).
    const isMonthEnd = (d: string) => new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 0)).toISOString().slice(0, 10) === d;
    const monthEnd = ((await api('/api/v1/adoption/dates')).data as string[]).filter(isMonthEnd).at(-1);
    const list = await api(`/api/v1/standardization/at-risk?prefecture=07&as_of=${monthEnd}&as_of_rule=on_or_before`);
    const risky = list.data[0];
    await page.goto(`${base}/municipalities/${risky.code}`);
    const reasons = page.getByTestId('at-risk-reasons').locator('li');
    await reasons.first().waitFor();
    expect(await reasons.count()).toBe(risky.details.length);
    expect(await page.getByTestId('at-risk-reasons').textContent()).toContain(risky.details[0].detail_ja);
    expect(await page.getByTestId('kpi-standardization-value').textContent()).toBe('あり');
    const listed = new Set(list.data.map((m: { code: string }) => m.code));
    const progress = await api('/api/v1/standardization/progress?prefecture=07');
    const safe = progress.data.municipalities.find((m: { code: string }) => !listed.has(m.code));
    await page.goto(`${base}/municipalities/${safe.code}`);
    await page.getByTestId('at-risk-verdict').getByText('遅延リスクなし').waitFor();
    // The page has its own 基準日 selector; the standardisation part follows it (latest progress date not after it).
    await page.getByTestId('as-of').selectOption('2025-09-30');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=kpi-standardization]')?.getAttribute('data-as-of') === '2025-09-30',
    );
    expect(await page.getByTestId('kpi-rate').getAttribute('data-as-of')).toBe('2025-09-30');
    await page.getByTestId('peer-distribution').waitFor();
    await page.getByTestId('comparison-trend').waitFor();
    await screenshot(page, 'municipality-at-risk');
  });

  it('the national at-risk page filters by prefecture, class, vendor and reason, and exports what it shows (xlsx and CSV read back)', async () => {
    await signIn('national');
    await page.goto(`${base}/at-risk`);
    await page.getByTestId('at-risk-row').first().waitFor();
    // The page's 基準日 is the latest month end; the list is the one on or before it.
    const asOf = await page.getByTestId('as-of').inputValue();
    const all = await api(`/api/v1/standardization/at-risk?as_of=${asOf}&as_of_rule=on_or_before`);
    expect(await page.getByTestId('at-risk-row').count()).toBe(all.data.length);
    await page.getByTestId('filter-reason').selectOption('overdue');
    await page.getByTestId('filter-prefecture').selectOption('13');
    const expected = await api(`/api/v1/standardization/at-risk?reason=overdue&prefecture=13&as_of=${asOf}&as_of_rule=on_or_before`);
    expect(expected.data.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=at-risk-row]').length === n, expected.data.length);
    const shown = await page.getByTestId('at-risk-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(shown).toEqual(expected.data.map((m: { code: string }) => m.code));
    expect(page.url()).toContain('reason=overdue');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('at-risk').getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(
      /^標準化の遅延リスクのある市区町村_東京都_都道府県=東京都_理由=予定日を過ぎて未完了_\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const { sheet, rows } = await readXlsx((await xlsx.path())!);
    expect(rows[0][0]).toBe('標準化の遅延リスクのある市区町村　東京都');
    expect(String(rows[1][0])).toMatch(/^基準日: \d{4}-\d{2}-\d{2}$/);
    expect(rows[2][0]).toBe('絞り込み: 都道府県=東京都、理由=予定日を過ぎて未完了');
    expect(rows.some((r) => String(r[0]).startsWith('デモデータ'))).toBe(true);
    const header = rows.findIndex((r) => r[0] === 'コード');
    expect(rows[header]).toEqual(['コード', '都道府県', '市区町村', '区分', '事業者', '理由', '詳細']);
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[0])).toEqual(shown);
    expect(body.every((r) => typeof r[0] === 'string' && /^13\d{4}$/.test(r[0] as string))).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    expect(sheet.autoFilter).toBe(`A${header + 1}:G${header + 1}`);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('at-risk').getByTestId('export-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    const csvHeader = lines.findIndex((l) => l.startsWith('コード,'));
    expect(lines.slice(csvHeader + 1).map((l) => l.split(',')[0])).toEqual(shown.map((c) => `="${c}"`));
    await screenshot(page, 'at-risk-national');
  });

  it('exports the prefecture table as xlsx with codes as text with leading zeros and the rows on the screen, in a named file', async () => {
    await signIn('prefecture');
    await page.goto(`${base}/prefectures/07?as_of=2025-03-31&target=meets`);
    await page.getByTestId('municipality-row').first().waitFor();
    const shown = await page.getByTestId('municipality-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(shown).toHaveLength(14);
    const card = page.getByTestId('municipality-card');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), card.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('市区町村一覧_福島県_目標=目標達成_2025-03-31.xlsx');
    const { rows } = await readXlsx((await xlsx.path())!);
    const header = rows.findIndex((r) => r[0] === 'コード');
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[0])).toEqual(shown);
    expect(body[0][0]).toMatch(/^07\d{4}$/);
    // Rates are percentages (numbers formatted 0.0%), equal to what the screen shows.
    const screenRate = await page.locator('[data-testid=municipality-row]').first().locator('td').nth(5).textContent();
    expect(`${((body[0][5] as number) * 100).toFixed(1)}%`).toBe(screenRate);
  });

  it("an event a prefecture account records shows on its trend chart, in the chart's table and its xlsx, and not on the nation's or another prefecture's (which may neither list nor delete it), where the published figures stand beside the series", async () => {
    await signIn('prefecture');
    await page.goto(`${base}/prefectures/07`);
    const form = page.getByTestId('event-form');
    await form.waitFor();
    await form.getByLabel('日付').fill('2025-09-10');
    await form.getByLabel('種類').selectOption('training');
    await form.getByLabel('出来事').fill('福島県 事業所向け説明会');
    await form.getByRole('button', { name: '記録する' }).click();
    await page.getByTestId('events-message').getByText('記録しました').waitFor();
    const trend = page.getByTestId('trend');
    await trend.getByTestId('chart-events').getByText('2025-09-10 福島県 事業所向け説明会').waitFor();
    // The policy changes seeded as data are marked too.
    expect(await trend.getByTestId('chart-events').textContent()).toContain('介護情報基盤への統合方針');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), trend.getByTestId('export-xlsx').click()]);
    const { rows } = await readXlsx((await xlsx.path())!);
    const header = rows.findIndex((r) => r[0] === '月末');
    expect(rows[header]).toEqual(['月末', '申請率', '利用率', '出来事']);
    const september = rows.find((r) => r[3] === '2025-09-10 福島県 事業所向け説明会');
    // The month-end cell is a date (Excel's own): 2025-09-30.
    expect(september && new Date(september[0] as Date).toISOString().slice(0, 10)).toBe('2025-09-30');
    expect(await trend.locator('details.chart-table').textContent()).toContain('2025-09-10 福島県 事業所向け説明会');
    await screenshot(page, 'prefecture-events');
    const recorded = (await api('/api/v1/events?prefecture=07')).data.find((e: { title: string }) => e.title === '福島県 事業所向け説明会');
    await context.close();

    // Another prefecture (東京都) neither sees it on its own page nor may read 福島県's list or delete the event.
    await app.t.app
      .get(UsersService)
      .create({ username: 'test-pref-13', role: 'prefecture', prefectureCode: '13', password: TEST_PASSWORD });
    context = await app.browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
    await context.request.post(`${base}/api/v1/auth/login`, { data: { username: 'test-pref-13', password: TEST_PASSWORD } });
    page = await context.newPage();
    await page.goto(`${base}/prefectures/13`);
    const tokyoEvents = page.getByTestId('trend').getByTestId('chart-events');
    await tokyoEvents.getByText('介護情報基盤への統合方針').waitFor();
    expect(await tokyoEvents.textContent()).not.toContain('福島県 事業所向け説明会');
    expect(await page.getByTestId('trend').locator('details.chart-table').textContent()).not.toContain('福島県 事業所向け説明会');
    expect((await context.request.get(`${base}/api/v1/events?prefecture=07`)).status()).toBe(403);
    expect((await context.request.delete(`${base}/api/v1/events/${recorded.id}`)).status()).toBe(404);
    await context.close();

    await signIn('national');
    await page.goto(`${base}/`);
    await page.getByTestId('trend').getByTestId('chart-events').waitFor();
    expect(await page.getByTestId('trend').getByTestId('chart-events').textContent()).not.toContain('福島県 事業所向け説明会');
    // The published national usage rates stand beside the tracked series (◆ on the chart, a column in its table).
    const table = await page.getByTestId('trend').locator('details.chart-table').textContent();
    expect(table).toContain('利用率 7.2%（厚生労働省資料');
    expect(table).toContain('利用率 7.6%（WAMNET）');
    expect(await page.getByTestId('published-figures').textContent()).toContain('利用事業所 19,283');
  });

  it('a prefecture account subscribes on the お知らせ page, sees the unread count when its digest is written, and reads it', async () => {
    await signIn('prefecture');
    await page.goto(`${base}/notifications`);
    const form = page.getByTestId('subscription');
    await page.getByTestId('inbox-empty').waitFor();
    await form.getByLabel(/月次ダイジェスト/).check();
    await form.getByLabel('メールアドレス（任意）').fill('fukushima@example.jp');
    await form.getByRole('button', { name: '保存する' }).click();
    await page.getByTestId('sub-saved').waitFor();
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    expect(await api('/api/v1/notifications/subscription')).toMatchObject({
      data: { email: 'fukushima@example.jp', digest_monthly: true, digest_weekly: false, alerts: false },
    });

    expect(await app.t.app.get(DigestsService).sendDue()).toBe(1);
    await page.goto(`${base}/prefectures/07`);
    await page.getByTestId('unread-count').getByText('1').waitFor();
    await page.getByTestId('notifications-link').click();
    await page.getByTestId('message').getByRole('button').click();
    const body = await page.getByTestId('message-body').textContent();
    expect(body).toMatch(/福島県: \d+\.\d%/);
    expect(body).toContain('基準日');
    await page.getByTestId('unread-count').waitFor({ state: 'detached' });
    await screenshot(page, 'notifications');

    // The e-mail's unsubscribe page: a changed link is refused; the real one turns the digest off on a click.
    const me = (await api('/api/v1/auth/me')).data;
    const link = await app.t.app.get(UnsubscribeLinks).pageUrl(base, me.id, 'digest_monthly');
    await page.goto(`${link}x`);
    await page.getByTestId('unsubscribe-confirm').click();
    expect(await page.getByTestId('unsubscribe-result').textContent()).toMatch(/リンクが無効です/);
    await page.goto(link);
    await page.getByTestId('unsubscribe-confirm').click();
    expect(await page.getByTestId('unsubscribe-result').textContent()).toContain('「月次ダイジェスト」の配信を停止しました');
    expect((await api('/api/v1/notifications/subscription')).data.digest_monthly).toBe(false);
  });

  it("prints a prefecture's report to an A4-landscape PDF with every row and no controls", async () => {
    await signIn('national');
    await page.goto(`${base}/prefectures/07?as_of=2025-03-31`);
    await page.getByTestId('report-link').click();
    await page.waitForURL(/\/reports\/prefectures\/07\?as_of=2025-03-31/);
    await page.getByTestId('municipality-row').first().waitFor();
    await page.getByTestId('at-risk').waitFor();
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const visible = (el: Element) => {
        const box = (el as HTMLElement).getBoundingClientRect();
        return getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && box.width > 0 && box.height > 0;
      };
      return {
        rows: [...document.querySelectorAll('[data-testid=municipality-row]')].filter(visible).length,
        atRiskRows: [...document.querySelectorAll('[data-testid=at-risk-row]')].filter(visible).length,
        // A sortable heading's button prints as the heading's text: it is no control on paper.
        controls: [...document.querySelectorAll('button:not(th button), select, input, nav, .export-buttons')].filter(visible).length,
        head: document.querySelector('[data-testid=report-as-of]')?.textContent,
        source: document.querySelector('[data-testid=report-source]')?.textContent,
      };
    });
    const atRisk = await api('/api/v1/standardization/at-risk?prefecture=07&as_of=2025-03-31&as_of_rule=on_or_before');
    expect(printed).toMatchObject({ rows: 59, controls: 0 });
    expect(printed.atRiskRows).toBe(atRisk.data?.length ?? 0);
    expect(printed.head).toContain('基準日 2025年3月31日');
    expect(printed.source).toContain('出典');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const raw = pdf.toString('latin1');
    const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(raw)!;
    // A4 landscape: 297 × 210 mm = 841.9 × 595.3 pt.
    expect(Math.round(Number(box[1]))).toBe(842);
    expect(Math.round(Number(box[2]))).toBe(595);
    const pages = (raw.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'report-prefecture-07');
  });

  it('a role that opens a forbidden page gets a heading, a way back and the aggregates it may see, without 403s', async () => {
    await signIn('municipality');
    const forbidden: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) forbidden.push(r.url());
    });
    await page.goto(`${base}/prefectures/13`);
    await page.getByRole('heading', { level: 1, name: 'このページは表示できません' }).waitFor();
    await page.getByTestId('forbidden').getByText('東京都（都道府県計）').waitFor();
    expect(await page.getByRole('link', { name: '自分の市区町村のページへ' }).getAttribute('href')).toBe('/municipalities/072079');
    expect(forbidden).toEqual([]);
    await screenshot(page, 'forbidden');
  });

  it('lists subsidised offices per linkage condition on the prefecture page, and narrows the list to one condition', async () => {
    // A 令和7年度補正 wage grant, without a pledge, to a 居宅介護支援 office of 須賀川市 that has not applied.
    const offices = (await app.t.http.get('/api/v1/offices').query({ municipality: '072079' }).expect(200)).body.data;
    const office = offices.find(
      (o: { service_type_codes: string; licence_status: string; subsidy_status: string }) =>
        o.service_type_codes.split(',').includes('430') && o.licence_status === 'not_applied' && o.subsidy_status === 'none',
    );
    const header =
      '年度,都道府県コード,市区町村コード,事業所番号,事業区分,機器区分,補助対象経費,補助金額,交付決定日,連携事業所数,連携誓約日';
    const csv = `${header}\n2025,07,072079,${office.office_number},賃上げ・職場環境改善支援,,300000,300000,2026-01-05,,\n`;
    await app.t.http.post('/api/v1/imports/subsidy-grants').attach('file', Buffer.from(csv), 'wage.csv').expect(201);
    const listed = (await app.t.http.get('/api/v1/subsidies/compliance').query({ prefecture: '07' }).expect(200)).body.data;
    const wage = listed.filter((c: { condition_code: string }) => c.condition_code === 'r7_wage_cpdl_join');
    expect(wage.map((c: { office_number: string }) => c.office_number)).toEqual([office.office_number]);

    await signIn('prefecture');
    await page.goto(`${base}/prefectures/07`);
    const card = page.getByTestId('compliance');
    await card.getByTestId('compliance-condition').waitFor();
    expect(await card.locator('tbody tr').count()).toBe(listed.length);
    await card.getByTestId('compliance-condition').selectOption('r7_wage_cpdl_join');
    await card.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    const row = await card.locator('tbody tr').first().locator('td').allTextContents();
    expect([row[0], row[4], row[7]]).toEqual([
      office.office_number,
      '居宅介護支援: ケアプランデータ連携システムへの参加（誓約書でも可）',
      todayInTokyo() <= '2027-03-31' ? '期限前・未申請' : '期限超過・未申請',
    ]);
    expect(await card.locator('.toolbar').textContent()).toContain('1 件');
  });
});
