import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { TEST_PASSWORD, TEST_USERS, type TestRole } from '../support/test-app.js';

/** The dashboard as its users tried it (#26): where each role lands, and a server that goes away under an open page. */
describe('the dashboard as its users tried it (headless Chromium, demo data)', () => {
  let app: BrowserApp;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  async function signIn(role: TestRole) {
    context = await app.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'ja-JP' });
    page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('ユーザー名').fill(TEST_USERS[role].username);
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    // Signed in once the header names the account (the session cookie is set by then).
    await page.getByTestId('user').waitFor();
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    base = app.base;
  }, 120_000);
  afterEach(() => context?.close());
  afterAll(() => app?.close().catch(() => undefined)); // the last test stopped its HTTP server

  it('lands each role on its own page: a prefecture on its prefecture, a municipality on itself, the nation on 全国', async () => {
    for (const [role, path] of [
      ['prefecture', '/prefectures/07'],
      ['municipality', '/municipalities/072079'],
      ['national', '/'],
    ] as const) {
      await signIn(role);
      await page.waitForURL((url) => url.pathname === path);
      await page.locator('h1').first().waitFor();
      // The tab names the area, not its code.
      if (role === 'prefecture') await page.waitForFunction(() => document.title.startsWith('都道府県 福島県｜'));
      if (role === 'municipality') await page.waitForFunction(() => document.title.includes('福島県須賀川市｜'));
      // 全国 stays one click away.
      await page.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '全国' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await context.close();
    }
  });

  it('prints each report with every table heading and no chart past its box; a report is of a date and names the filters', async () => {
    await signIn('national');
    await page.waitForURL((url) => url.pathname === '/');
    const pages: Record<string, number> = {};
    for (const path of ['/reports/national', '/reports/prefectures/07?target=below&sort=-rate', '/reports/municipalities/072079']) {
      await page.goto(`${base}${path}`);
      // Opened without a date: it takes the latest computed one, in the URL and in its head.
      await page.waitForURL(/as_of=\d{4}-\d{2}-\d{2}/);
      await page.locator('.kpi[data-as-of]').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('report-as-of').textContent()).toMatch(/^基準日 \d{4}年\d{1,2}月\d{1,2}日/);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const shown = (el: Element) => getComputedStyle(el).display !== 'none' && (el as HTMLElement).getBoundingClientRect().width > 0;
        const headings = [...document.querySelectorAll('main table:not(.report-frame) th')].filter(shown);
        return {
          headings: headings.map((th) => (th as HTMLElement).innerText.trim()),
          wide: [...document.querySelectorAll('canvas')]
            .filter(shown)
            .filter((c) => c.getBoundingClientRect().width > c.parentElement!.getBoundingClientRect().width + 1)
            .map((c) => c.closest('[data-testid]')?.getAttribute('data-testid')),
        };
      });
      expect(printed.headings.length).toBeGreaterThan(0);
      expect([path, printed.headings.filter((h) => h === ''), printed.wide]).toEqual([path, [], []]);
      // The PDF itself: every heading's text is in it (compared without white space, which PDF text runs break anywhere,
      // and in NFKC: the CJK font maps some kanji to their Kangxi radical code points, ⽬ for 目).
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const { totalPages, text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      const squeeze = (t: string) => t.normalize('NFKC').replace(/\s+/g, '');
      const inPdf = squeeze(text);
      expect([path, [...new Set(printed.headings)].filter((h) => !inPdf.includes(squeeze(h)))]).toEqual([path, []]);
      pages[path] = totalPages;
      await page.emulateMedia({ media: 'screen' });
    }
    // The national report in a sensible length: its long lists are trimmed and point to the xlsx (it was 50 pages).
    expect(pages['/reports/national']).toBeLessThanOrEqual(12);
    await page.goto(`${base}/reports/national`);
    expect(await page.getByTestId('report-trimmed').textContent()).toMatch(/全 [\d,]+ 件のうち.*20 件/);
    await page.goto(`${base}/reports/prefectures/07?as_of=2025-03-31&target=below&sort=-rate`);
    expect(await page.getByTestId('report-filters').textContent()).toBe('絞り込み・並び順: 目標未達・並び順: 申請率の高い順');
  }, 120_000);

  it('saves a chart as a PNG with its title, date and source drawn around it', async () => {
    ({ context, page } = await app.signIn('national', { width: 1440, height: 1000 }));
    await page.goto(`${base}/?as_of=2026-03-31`);
    const card = page.locator('.chart-card').first();
    await card.locator('canvas').waitFor();
    const canvas = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/2026-03-31\.png$/);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: the chart at its own resolution, with room above for the title and below for the date and source.
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width).toBeGreaterThan(canvas.width);
    expect(height).toBeGreaterThan(canvas.height + 80);
  });

  it('at 390 px: the page never scrolls sideways and no text stands one character per line', async () => {
    ({ context, page } = await app.signIn('national', { width: 390, height: 844 }));
    for (const path of ['/?as_of=2026-03-31', '/prefectures/07?as_of=2026-03-31', '/municipalities/072079?as_of=2026-03-31']) {
      await page.goto(`${base}${path}`);
      await page.locator('.kpi[data-as-of]').first().waitFor();
      await page.waitForLoadState('networkidle');
      const layout = await page.evaluate(() => {
        // A text whose every line box is about one character wide: squeezed into a column too narrow for it.
        const squeezed: string[] = [];
        const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent!.trim();
          const parent = node.parentElement!;
          if ([...text].length < 3 || parent.closest('[hidden], details:not([open]), canvas, .sr-only')) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const lines = new Set(rects.map((r) => Math.round(r.top))).size;
          const em = parseFloat(getComputedStyle(parent).fontSize);
          if (lines >= 3 && rects.every((r) => r.width <= em * 1.6)) squeezed.push(text.slice(0, 20));
        }
        return { sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth, squeezed };
      });
      expect([path, layout]).toEqual([path, { sideways: 0, squeezed: [] }]);
    }
    await screenshot(page, 'municipality-390');
  }, 120_000);

  it('exports read back with numbers and dates typed and no column that is only a control', async () => {
    ({ context, page } = await app.signIn('national', { width: 1440, height: 1000 }));
    await page.goto(`${base}/?as_of=2026-03-31`);
    const readBack = async (testid: string) => {
      const card = page.getByTestId(testid);
      await card.locator('table tbody tr').first().waitFor({ state: 'attached' });
      const [download] = await Promise.all([page.waitForEvent('download'), card.getByTestId('export-xlsx').first().click()]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile((await download.path())!);
      const rows: ExcelJS.CellValue[][] = [];
      book.worksheets[0].eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
      const header = rows.findIndex((r) => r.includes('コード') || r.includes('順位'));
      return { header: rows[header] as string[], body: rows.slice(header + 1) };
    };
    const bars = await readBack('prefecture-bars');
    expect(bars.header).not.toContain('選択');
    expect(bars.body).toHaveLength(47);
    expect(typeof bars.body[0][bars.header.indexOf('申請率')]).toBe('number');
    const late = await readBack('late-municipalities');
    const pace = late.header.indexOf('直近6か月のペース（ポイント/月）');
    expect(pace).toBeGreaterThan(-1);
    // A number wherever there is a pace (an empty cell where six months are not there yet); never text.
    expect(late.body.filter((r) => r[pace] !== null && r[pace] !== undefined && typeof r[pace] !== 'number')).toEqual([]);
    expect(late.body.some((r) => typeof r[pace] === 'number')).toBe(true);
    const reaches = late.body.map((r) => r[late.header.indexOf('到達の見込み')]);
    // A projected date is a date cell; only the words (伸びていない …) are text.
    expect(reaches.filter((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))).toEqual([]);
  });

  it('標準化 follows the 基準日, and its step ① count is the national tile on the same date', async () => {
    ({ context, page } = await app.signIn('national', { width: 1440, height: 1000 }));
    for (const query of ['', '?as_of=2026-03-31']) {
      await page.goto(`${base}/${query}`);
      const tile = page.getByTestId('kpi-step1');
      await page.waitForFunction(() => /\d+ 団体/.test(document.querySelector('[data-testid=kpi-step1]')?.textContent ?? ''));
      const onTile = /([\d,]+) 団体/.exec((await tile.textContent())!)![1];
      const shownAsOf = await page.getByTestId('kpi-rate').getAttribute('data-as-of');
      await page.goto(`${base}/standardization${query}`);
      const funnel = page.getByTestId('funnel');
      await funnel.locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('as-of').inputValue()).toBe(query ? '2026-03-31' : shownAsOf);
      const onPage = /^([\d,]+) \//.exec((await funnel.locator('tbody tr').first().locator('td').nth(1).textContent())!.trim())![1];
      expect([query, onPage]).toEqual([query, onTile]);
    }
  });

  it('補助金 follows the 基準日: an earlier date counts only the grants decided by then, and says so', async () => {
    ({ context, page } = await app.signIn('national', { width: 1440, height: 1000 }));
    const totalOn = async (query: string) => {
      await page.goto(`${base}/subsidies${query}`);
      const bars = page.getByTestId('subsidy-bars');
      await bars.locator('h2').waitFor();
      return { title: (await bars.locator('h2').textContent())!, card: (await bars.textContent())! };
    };
    const latest = await totalOn('');
    const earlier = await totalOn('?as_of=2025-09-30');
    expect(await page.getByTestId('as-of').inputValue()).toBe('2025-09-30');
    expect(earlier.card).toContain('2025年9月30日');
    expect(earlier.title).not.toBe(latest.title);
  });

  it('a municipality with no offices (飛島村) says so: no rate, no rank, no trend, no "null"', async () => {
    ({ context, page } = await app.signIn('national', { width: 1440, height: 1000 }));
    await page.goto(`${base}/municipalities/234273`);
    await page.getByTestId('no-offices').waitFor();
    await page.getByTestId('outreach-enough').waitFor();
    expect(await page.getByTestId('kpi-rank-value').textContent()).toBe('—');
    expect(await page.getByTestId('kpi-projection-value').textContent()).toBe('—');
    expect(await page.getByTestId('comparison-trend').count()).toBe(0);
    expect(await page.getByTestId('outreach-enough').textContent()).toContain('対象となる事業所がありません');
    const text = (await page.locator('main').textContent())!;
    for (const wrong of ['null', '1 位 / 0', 'そろっていない', 'NaN', 'undefined'])
      expect([wrong, text.includes(wrong)]).toEqual([wrong, false]);
    expect(await page.getByTestId('peers').textContent()).toContain('対象事業所なし');
  });

  it('compares a municipality with ones its user chooses: searched, added, kept in the URL, side by side and on one chart', async () => {
    ({ context, page } = await app.signIn('municipality', { width: 1440, height: 1000 }));
    await page.goto(`${base}/municipalities/072079?as_of=2025-03-31`);
    const card = page.getByTestId('chosen-comparison');
    for (const name of ['郡山', '世田谷']) {
      await card.getByTestId('compare-search').fill(name);
      await card.getByTestId('compare-add').first().click();
    }
    await card
      .getByRole('button', { name: '東京都世田谷区を比較から外す' })
      .waitFor({ timeout: 10_000 })
      .catch(async () => {
        throw new Error(`not added: ${page.url()} ${await card.textContent()}`);
      });
    expect(new URL(page.url()).searchParams.get('compare')).toBe('072036,131121');
    const rows = card.locator('tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=chosen-comparison] tbody tr').length === 3);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(['福島県須賀川市', '福島県郡山市', '東京都世田谷区']);
    // The same figure as the page's own tile.
    expect(await rows.first().locator('td').nth(2).textContent()).toBe(await page.getByTestId('kpi-rate-value').textContent());
    const trend = page.getByTestId('chosen-comparison-trend');
    expect(await trend.locator('h2').textContent()).toContain('選んだ 2 団体');

    // The URL alone gives the same comparison (a shared link); removing one leaves the other.
    await page.goto(`${base}/municipalities/072079?as_of=2025-03-31&compare=131121,072036`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=chosen-comparison] tbody tr').length === 3);
    await card.getByRole('button', { name: '東京都世田谷区を比較から外す' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('compare') === '072036');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=chosen-comparison] tbody tr').length === 2);
  });

  it('says when the server cannot be reached: a banner, no figure claiming the date chosen after, ログアウト says why not, and it recovers', async () => {
    await signIn('national');
    await page.goto(`${base}/?as_of=2026-03-31`);
    await page.waitForFunction(() => document.querySelector('[data-testid=kpi-rate]')?.getAttribute('data-as-of') === '2026-03-31');
    // The page has loaded all it shows (the dates to choose from too) before the server goes.
    await page.locator('[data-testid=as-of] option[value="2025-09-30"]').waitFor({ state: 'attached' });
    const server = app.t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

    await page.getByTestId('as-of').selectOption('2025-09-30');
    const banner = page.getByTestId('connection-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('サーバーに接続できません');
    expect(await page.locator('main').getAttribute('data-stale')).toBe('true');
    // Every figure still says the date it is of; none claims the date asked for.
    const dates = await page.locator('.kpi').evaluateAll((els) => els.map((el) => el.getAttribute('data-as-of')));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.filter((d) => d === '2025-09-30')).toEqual([]);
    expect(await page.locator('main').textContent()).not.toContain('Failed to fetch');
    await screenshot(page, 'connection-lost');

    await page.getByRole('button', { name: 'ログアウト' }).click();
    expect(await page.getByTestId('logout-error').textContent()).toContain('サーバーに接続できないため、ログアウトできませんでした');
    expect(await page.getByTestId('user').count()).toBe(1);

    // The server comes back on the same port: the banner goes and the page loads the date asked for.
    await new Promise<void>((resolve) => server.listen(Number(new URL(base).port), '127.0.0.1', () => resolve()));
    await page.getByTestId('connection-retry').click();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=kpi-rate]')?.getAttribute('data-as-of') === '2025-09-30');
  }, 60_000);
});
