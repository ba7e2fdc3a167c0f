import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { TEST_PASSWORD, TEST_USERS } from '../support/test-app.js';

import { formatRate } from '../../api/src/core/domain/rates.js';

describe('dashboard in headless Chromium on the demo data', () => {
  let app: BrowserApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const api = async (path: string) => (await context.request.get(`${base}${path}`)).json();

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ base, browser } = app);
  }, 120_000);
  afterAll(() => app?.close());
  beforeEach(async () => {
    ({ context, page } = await app.signIn('national'));
  });
  afterEach(() => context.close());

  it('asks to sign in, and a prefecture account sees only its own prefecture as a link', async () => {
    const fresh = await browser.newContext({ locale: 'ja-JP' });
    const p = await fresh.newPage();
    await p.goto(`${base}/`);
    await p.getByRole('heading', { name: 'ログイン' }).waitFor();
    await screenshot(p, 'login');
    await p.getByLabel('ユーザー名').fill(TEST_USERS.prefecture.username);
    await p.getByLabel('パスワード').fill('wrong-password');
    await p.getByTestId('login-submit').click();
    await p.getByRole('alert').getByText('ユーザー名またはパスワードが違います').waitFor();
    await p.getByLabel('パスワード').fill(TEST_PASSWORD);
    await p.getByTestId('login-submit').click();
    // It lands on its own prefecture; on 全国 only its own tile is a link.
    await p.waitForURL((url) => url.pathname === '/prefectures/07');
    await p.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '全国' }).click();
    await p.getByTestId('tile').first().waitFor();
    expect(await p.getByTestId('user').textContent()).toContain('都道府県');
    expect(await p.locator('a[data-testid=tile]').count()).toBe(1);
    expect(await p.locator('a[data-testid=tile]').getAttribute('data-code')).toBe('07');
    expect(await p.getByRole('link', { name: 'データ' }).count()).toBe(0);
    await fresh.close();
  });

  it('national page: 47 tiles, the KPI values the API gives, the demo banner and Japanese text', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('tile').first().waitFor();
    expect(await page.getByTestId('tile').count()).toBe(47);
    const national = await api('/api/v1/adoption/national');
    expect(await page.getByTestId('kpi-rate-value').textContent()).toBe(
      formatRate(national.data.application_rate, national.data.target_rate),
    );
    expect(await page.getByTestId('kpi-meeting-value').textContent()).toBe(
      `${national.data.municipalities_meeting_target.toLocaleString('ja-JP')} / 1,741`,
    );
    expect(await page.getByTestId('demo-banner').textContent()).toContain('デモデータ');
    await page.getByTestId('survey').waitFor();
    expect(await page.locator('h1').textContent()).toBe('全国の導入状況');
    await screenshot(page, 'national');
    // The late municipalities open with the 20 needing the most offices; 「すべて表示」 loads every one of them.
    const late = page.getByTestId('late-municipalities');
    await late.getByTestId('projection-partial').waitFor();
    expect(await late.getByTestId('projection-row').count()).toBe(20);
    const total = (await api('/api/v1/adoption/projections?level=municipality&by_fiscal_year_end=false')).data.length;
    await late.getByTestId('projection-show-all').click();
    await late.getByTestId('projection-partial').waitFor({ state: 'detached' });
    expect(await late.getByTestId('projection-row').count()).toBe(total);
  });

  it('national page: changing the 基準日 changes every KPI tile or labels it with its own date', async () => {
    const snapshot = () =>
      page.locator('.kpi').evaluateAll((els) =>
        els.map((el) => ({
          id: el.getAttribute('data-testid')!,
          asOf: el.getAttribute('data-as-of'),
          value: el.querySelector('.kpi-value')?.textContent ?? '',
          sub: el.querySelector('.kpi-sub')?.textContent ?? '',
          date: el.querySelector('.kpi-date')?.textContent ?? '',
        })),
      );
    /** The tiles once every figure has arrived: all dated, and unchanged over a second. */
    const tiles = async () => {
      await page.waitForFunction(() => {
        const kpis = [...document.querySelectorAll('.kpi')];
        return kpis.length >= 8 && kpis.every((k) => k.querySelector('.kpi-date') && k.querySelector('.kpi-value')?.textContent !== '—');
      });
      for (;;) {
        const first = await snapshot();
        await page.waitForTimeout(1000);
        const second = await snapshot();
        if (JSON.stringify(first) === JSON.stringify(second)) return second;
      }
    };
    await page.goto(`${base}/?as_of=2026-03-31`);
    const before = await tiles();
    await page.getByTestId('as-of').selectOption('2025-09-30');
    await page.waitForURL(/as_of=2025-09-30/);
    await page.waitForFunction(() => document.querySelector('[data-testid=kpi-rate]')?.getAttribute('data-as-of') === '2025-09-30');
    const after = await tiles();
    expect(after.map((t) => t.id)).toEqual(before.map((t) => t.id));
    for (const tile of after) {
      const old = before.find((b) => b.id === tile.id)!;
      if (tile.asOf === '2025-09-30') {
        expect(tile.date).toBe('2025年9月30日時点');
        expect(old.date).toBe('2026年3月31日時点');
      } else {
        expect(tile.date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日時点（基準日と異なる）$/);
      }
    }
    // Six months earlier the days to full operation, the rate and the subsidy total (exact yen under the 億円) all differ.
    const shown = (tile: { value: string; sub: string }) => `${tile.value} ${tile.sub}`;
    for (const id of ['kpi-days', 'kpi-rate', 'kpi-subsidy', 'kpi-meeting']) {
      expect(shown(after.find((t) => t.id === id)!)).not.toBe(shown(before.find((t) => t.id === id)!));
    }
    const followed = after.filter((t) => t.asOf === '2025-09-30').map((t) => t.id);
    expect(followed).toEqual(
      expect.arrayContaining(['kpi-rate', 'kpi-meeting', 'kpi-days', 'kpi-subsidy', 'kpi-step1', 'kpi-at-risk', 'kpi-projection']),
    );
    await page.goto(`${base}/?as_of=2025-03-31`);
    await page.getByTestId('kpi-days-value').getByText('1,097 日').waitFor();
    expect(await page.getByTestId('kpi-meeting-value').textContent()).toBe('73 / 1,741');
  });

  it('national page at 2025-05-31 shows 7.2%, and choosing a prefecture filters the trend', async () => {
    await page.goto(`${base}/?as_of=2025-05-31`);
    await page.getByTestId('kpi-rate').waitFor();
    expect(await page.getByTestId('kpi-rate').locator('.kpi-sub').textContent()).toContain('利用率（ライセンス有効）7.2%');
    await page.getByTestId('cross-filter').selectOption('07');
    await page.getByTestId('trend').getByText('月次推移（福島県').waitFor();
    expect(page.url()).toContain('pref=07');
    expect(await page.locator('.tile.selected').getAttribute('data-code')).toBe('07');
  });

  it('clicking a tile opens the prefecture page; 福島県 at 2025-03-31 lists its 14 municipalities meeting the target', async () => {
    await page.goto(`${base}/?as_of=2025-03-31`);
    await page.locator('[data-testid=tile][data-code="07"]').click();
    await page.getByTestId('municipality-row').first().waitFor();
    expect(page.url()).toContain('/prefectures/07?as_of=2025-03-31');
    expect(await page.getByTestId('municipality-row').count()).toBe(59);
    await page.getByTestId('filter-target').selectOption('meets');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=municipality-row]').length === 14);
    const api14 = await api('/api/v1/adoption/municipalities?prefecture=07&as_of=2025-03-31&meets_target=true');
    const shown = await page.getByTestId('municipality-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(shown.sort()).toEqual(api14.data.map((m: { code: string }) => m.code).sort());
    await screenshot(page, 'prefecture-07');
  });

  it('municipality page shows how many more offices reach 30%', async () => {
    const below = await api('/api/v1/adoption/municipalities?prefecture=07&as_of=2025-03-31&meets_target=false&sort=-offices&limit=1');
    const m = below.data[0];
    await page.goto(`${base}/municipalities/${m.code}?as_of=2025-03-31`);
    await page.getByTestId('kpi-needed-value').waitFor();
    expect(await page.getByTestId('kpi-needed-value').textContent()).toBe(`あと ${m.offices_needed.toLocaleString('ja-JP')} 事業所`);
    await page.getByTestId('peers').waitFor();
    await screenshot(page, 'municipality');
    await page.goto(`${base}/municipalities/072079?as_of=2025-03-31`);
    await page.getByTestId('kpi-needed-value').waitFor();
    expect(await page.getByTestId('kpi-needed-value').textContent()).toBe('達成済み');
  });

  it('uploads a CSV from the data page and shows the row, column and reason of a bad row before anything is written', async () => {
    await page.goto(`${base}/data`);
    await page.getByTestId('upload-form').waitFor();
    await page.getByLabel('種類').selectOption('care-offices');
    const csv =
      '事業所番号,事業所名,サービス種類コード,所在市区町村コード,指定年月日\n0770000901,良い行,430,072079,2020-04-01\n0770000902,悪い行,430,072070,2020-04-01\n';
    await page.getByLabel(/^ファイル/).setInputFiles({ name: 'offices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('upload-preview').click();
    const report = page.getByTestId('import-report');
    await report.getByText('ファイル全体を取り込みませんでした').waitFor();
    const errors = report.getByTestId('import-errors');
    expect(await errors.locator('tbody tr').count()).toBe(1);
    expect(await errors.locator('tbody tr td').first().textContent()).toBe('3行目');
    expect(await errors.textContent()).toContain('検査数字');
    expect(await page.getByTestId('upload-commit').count()).toBe(0);
    await screenshot(page, 'upload-rejected');
  });

  it('imports MHLW open-data files from the data page: the rows set aside and the closures of a partial list named, each confirmed, or the list taken as additions only', async () => {
    const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', 'open-data', name));
    const open110 = fixture('jigyosho_110.csv').toString('utf8');
    // One more row, whose municipality code is no municipality: set aside, not a reason to refuse the list.
    const withUnknown = `${open110}${open110
      .split('\r\n')[1]
      .replace(/^011011,/, '019999,')
      .replace('0170100011', '0170100019')}\r\n`;
    const files = [
      { name: 'jigyosho_110.csv', mimeType: 'text/csv', buffer: Buffer.from(withUnknown) },
      { name: 'jigyosho_430.csv', mimeType: 'text/csv', buffer: fixture('jigyosho_430.csv') },
    ];
    await page.goto(`${base}/data`);
    await page.getByTestId('upload-form').waitFor();
    await page.getByLabel('種類').selectOption('care-offices');
    await page.getByLabel(/^一覧の基準日/).fill('令和8年11月1日');
    await page.getByLabel(/^ファイル/).setInputFiles(files);
    await page.getByTestId('upload-preview').click();
    const preview = page.locator('[data-testid=import-report][data-status=preview]');
    await preview.waitFor();
    expect(await preview.getByTestId('layout').allTextContents()).toEqual([
      '介護サービス情報公表システム オープンデータ（厚生労働省）',
      '介護サービス情報公表システム オープンデータ（厚生労働省）',
    ]);
    // Six offices in a demo that holds thousands of these services: the preview says what it would close, plainly.
    const closures = preview.locator('[data-testid=closures][data-partial=true]');
    expect(await closures.getByRole('alert').textContent()).toMatch(
      /一部だけの一覧の可能性があります。\s*この一覧にない.+の訪問介護 [\d,]+ 事業所/,
    );
    expect(await closures.getByTestId('closure-scopes').locator('tbody tr').count()).toBeGreaterThan(0);
    const setAside = preview.getByTestId('set-aside');
    expect(await setAside.getByTestId('set-aside-rows').locator('tbody tr').count()).toBe(1);
    expect(await setAside.textContent()).toContain('jigyosho_110.csv 6行目');
    const [download] = await Promise.all([page.waitForEvent('download'), setAside.getByTestId('export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeff除外した行')).toBe(true);
    expect(csv).toContain('jigyosho_110.csv,6,都道府県コード又は市町村コード,');
    await screenshot(page, 'upload-preview');
    // Both need a second confirmation, each naming how many.
    const commit = page.getByTestId('upload-commit');
    expect(await commit.isDisabled()).toBe(true);
    expect(await page.getByTestId('accept-set-aside').textContent()).toContain('除外した 1 行を除いて');
    await page.getByTestId('accept-set-aside').getByRole('checkbox').check();
    expect(await commit.isDisabled()).toBe(true);
    expect(await page.getByTestId('accept-closures').textContent()).toMatch(/一覧にない [\d,]+ 件を廃止扱いにします/);

    // It is part of the list: as additions only, nothing closes.
    await page.getByTestId('snapshot-mode').selectOption('additions-only');
    await page.getByTestId('upload-preview').click();
    await page.locator('[data-testid=closures][data-partial=false]').waitFor();
    expect(await preview.getByTestId('count-closed').textContent()).toBe('0');
    expect(await preview.getByTestId('count-inserted').textContent()).toBe('6');
    expect(await page.getByTestId('accept-closures').count()).toBe(0);
    await page.getByTestId('accept-set-aside').getByRole('checkbox').check();
    await commit.click();
    // The commit answers on commit; the page then follows the dependent jobs on the demo data until the figures include it.
    await page.getByTestId('upload-report').getByText('取り込みました').waitFor({ timeout: 30_000 });
    await page.getByTestId('upload-jobs').getByText('集計に反映しました').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('upload-jobs').textContent()).toContain('事業所一覧（働きかけ先） 完了');
    const [latest] = (await api('/api/v1/imports')).data;
    expect(latest).toMatchObject({
      kind: 'care-offices',
      status: 'succeeded',
      file_name: 'jigyosho_110.csv, jigyosho_430.csv',
      inserted: 6,
      set_aside_count: 1,
    });
  }, 180_000);

  it('a national account moves the conformance date earlier from the 標準化 page and the at-risk counts grow', async () => {
    const atRisk = async () => (await api('/api/v1/standardization/at-risk')).data.length as number;
    const before = await atRisk();
    await page.goto(`${base}/standardization`);
    await page.getByTestId('conformance-form').waitFor();
    await page.getByLabel(/適合基準日（現在/).fill('2026-10-01');
    await page.getByRole('button', { name: '変更して再集計' }).click();
    await page.getByText('適合基準日を 2026-10-01 に変更し').waitFor({ timeout: 30_000 });
    expect(await atRisk()).toBeGreaterThan(before);
    await screenshot(page, 'standardization-conformance');
  });

  it('standardisation, subsidies and data views render', async () => {
    for (const [path, testid, name] of [
      ['/standardization', 'funnel', 'standardization'],
      ['/subsidies', 'subsidy-bars', 'subsidies'],
      ['/data', 'job-runs', 'data'],
    ]) {
      await page.goto(`${base}${path}`);
      await page.getByTestId(testid).waitFor();
      await screenshot(page, name);
    }
    await page.goto(`${base}/standardization`);
    await page.getByTestId('vendors').getByText('ベンダーA').waitFor();
  });
});
