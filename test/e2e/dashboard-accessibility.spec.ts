import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { TEST_PASSWORD, TEST_USERS, type TestRole } from '../support/test-app.js';

/** Every page, as the role that uses it, and what shows it has finished loading. */
const PAGES: { path: string; role: TestRole; ready: string; name: string }[] = [
  { path: '/?as_of=2025-09-30', role: 'national', ready: '[data-testid=late-municipalities]', name: 'national' },
  { path: '/prefectures/07', role: 'prefecture', ready: '[data-testid=outreach-table] tbody tr', name: 'prefecture' },
  { path: '/municipalities/072079', role: 'municipality', ready: '[data-testid=peer-distribution] canvas', name: 'municipality' },
  { path: '/at-risk', role: 'national', ready: '[data-testid=at-risk-row]', name: 'at-risk' },
  { path: '/offices', role: 'national', ready: '[data-testid=outreach-table] tbody tr', name: 'offices' },
  { path: '/standardization', role: 'national', ready: '[data-testid=vendors] tbody tr', name: 'standardization' },
  { path: '/subsidies', role: 'national', ready: '[data-testid=subsidy-bars]', name: 'subsidies' },
  { path: '/data', role: 'admin', ready: '[data-testid=job-runs]', name: 'data' },
  { path: '/definitions', role: 'municipality', ready: '[data-testid=projection-method]', name: 'definitions' },
  { path: '/notifications', role: 'prefecture', ready: '[data-testid=subscription]', name: 'notifications' },
  { path: '/reports/prefectures/07?as_of=2025-09-30', role: 'national', ready: '[data-testid=at-risk-row]', name: 'report' },
  { path: '/prefectures/13', role: 'municipality', ready: '[data-testid=forbidden] dd', name: 'forbidden' },
  { path: '/admin/users', role: 'admin', ready: '[data-testid=user-row]', name: 'admin-users' },
  { path: '/admin/audit', role: 'admin', ready: '[data-testid=audit-row]', name: 'admin-audit' },
  { path: '/account/password', role: 'prefecture', ready: '[data-testid=password-submit]', name: 'password' },
];

describe('accessibility and phones (axe-core in headless Chromium, demo data)', () => {
  let app: BrowserApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function open(role: TestRole | undefined, width: number, path: string, ready: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ja-JP' });
    contexts.push(context);
    if (role)
      await context.request.post(`${base}/api/v1/auth/login`, { data: { username: TEST_USERS[role].username, password: TEST_PASSWORD } });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    return page;
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ base, browser } = app);
  }, 120_000);
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(() => app?.close());

  it('finds no axe-core violations on the sign-in page', async () => {
    const page = await open(undefined, 1280, '/', 'form');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('would report a violation axe-core knows (the check is live)', async () => {
    const page = await open('national', 1280, '/definitions', '[data-testid=projection-method]');
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/x.png">'));
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
  });

  it.each(PAGES)('finds no axe-core violations on $name, signed in, with 表で見る open', async ({ path, role, ready }) => {
    const page = await open(role, 1280, path, ready);
    await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    expect(await axeViolations(page)).toEqual([]);
  });

  it.each(PAGES)('does not scroll sideways at 390 px on $name', async ({ path, role, ready, name }) => {
    const page = await open(role, 390, path, ready);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    if (widths.scroll > widths.inner) await screenshot(page, `phone-overflow-${name}`);
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  });

  it('folds the nav behind a button on a phone, moves the focus to the heading and changes the title on every route', async () => {
    const page = await open('national', 390, '/', '[data-testid=tile]');
    const nav = page.getByRole('navigation', { name: 'メイン' });
    expect(await nav.isVisible()).toBe(false);
    const header = await page.locator('.site-header .header-bar').boundingBox();
    expect(header!.height).toBeLessThan(120);
    await page.getByTestId('menu-toggle').click();
    expect(await page.getByTestId('menu-toggle').getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: '用語と定義' }).click();
    await page.getByRole('heading', { level: 1, name: '用語と定義' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.title()).toBe('用語と定義｜介護DX ロールアウトダッシュボード');
    expect(await nav.isVisible()).toBe(false);
    await screenshot(page, 'phone-definitions');
    await page.goBack();
    await page.waitForFunction(() => document.activeElement?.textContent === '全国の導入状況');
    expect(await page.title()).toBe('全国の導入状況｜介護DX ロールアウトダッシュボード');
  });

  it('puts the focus on the heading after sign-in', async () => {
    const page = await open(undefined, 1280, '/', 'form');
    await page.getByLabel('ユーザー名').fill(TEST_USERS.national.username);
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('全国の導入状況');
  });

  it('marks the sorted column with aria-sort', async () => {
    const page = await open('prefecture', 1280, '/prefectures/07?sort=-rate', '[data-testid=municipality-row]');
    expect(
      await page
        .locator('[data-testid=municipality-table] th[aria-sort]')
        .evaluateAll((ths) => ths.map((th) => [th.textContent?.trim(), th.getAttribute('aria-sort')])),
    ).toEqual([['申請率 ▼', 'descending']]);
  });
});
