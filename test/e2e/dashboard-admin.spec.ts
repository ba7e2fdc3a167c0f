import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser.js';
import { axeViolations } from '../support/axe.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp, type TestRole } from '../support/test-app.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'test', 'fixtures', 'imports', name));

describe('admin pages: users, audit log, passwords, undo (headless Chromium)', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let passwords: Map<string, string>;

  async function open(role: TestRole | undefined, path: string) {
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true, locale: 'ja-JP' });
    if (role)
      await context.request.post(`${base}/api/v1/auth/login`, { data: { username: TEST_USERS[role].username, password: TEST_PASSWORD } });
    page = await context.newPage();
    await page.goto(`${base}${path}`);
  }

  beforeAll(async () => {
    t = await startTestApp('postgresql');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterEach(() => context?.close());
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('provisions one account per prefecture and municipality and downloads each initial password once as xlsx', async () => {
    await open('admin', '/admin/users');
    await page.getByTestId('generate-accounts').waitFor();
    await page.getByTestId('generate-accounts').focus();
    await page.keyboard.press('Enter');
    const commit = page.getByTestId('generate-commit');
    await commit.waitFor();
    expect(await commit.textContent()).toContain('1,788 件を作成');
    // The preview lists the accounts themselves, not only how many.
    const list = page.getByTestId('generated-accounts');
    expect(await list.locator('h2').textContent()).toContain('1,788 件');
    expect(await list.locator('tbody tr').count()).toBe(1788);
    expect(await list.locator('tbody tr', { hasText: 'muni-072079' }).textContent()).toContain('福島県須賀川市');
    await commit.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^初期パスワード_取込ID_\d+_/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows.findIndex((r) => r[0] === 'ユーザー名');
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(1788);
    passwords = new Map(body.map((r) => [String(r[0]), String(r[4])]));
    expect(new Set(passwords.values()).size).toBe(1788);
    expect(body.find((r) => r[0] === 'muni-012203')![2]).toBe('012203');
    await page.getByTestId('users-message').getByText('1,788 件のアカウントを作成').waitFor();
    await screenshot(page, 'admin-users');
  });

  it('a provisioned account is sent to the password page first, and reaches the dashboard after changing it', async () => {
    await open(undefined, '/');
    await page.getByLabel('ユーザー名').fill('pref-07');
    await page.getByLabel('パスワード').fill(passwords.get('pref-07')!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-forced').waitFor();
    expect(await page.getByRole('navigation', { name: 'メイン' }).isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('現在のパスワード').fill(passwords.get('pref-07')!);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('password1234');
    await page.getByLabel('新しいパスワード（確認）').fill('password1234');
    await page.getByTestId('password-submit').click();
    await page.getByRole('alert').getByText('よく使われるパスワード').waitFor();
    await page.getByLabel('新しいパスワード', { exact: true }).fill('fukushima-keeps-going');
    await page.getByLabel('新しいパスワード（確認）').fill('fukushima-keeps-going');
    await page.getByTestId('password-submit').click();
    await page.getByRole('heading', { level: 1, name: '全国の導入状況' }).waitFor();
    await page.getByRole('link', { name: '自分の都道府県' }).waitFor();
  });

  it('filters users by keyboard, disables one (its session ends) and resets another password, shown once', async () => {
    const victim = await browser.newContext();
    await victim.request.post(`${base}/api/v1/auth/login`, {
      data: { username: TEST_USERS.municipality.username, password: TEST_PASSWORD },
    });
    expect((await victim.request.get(`${base}/api/v1/auth/me`)).status()).toBe(200);

    await open('admin', '/admin/users');
    await page.getByTestId('filter-q').focus();
    await page.keyboard.type('test-muni');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=user-row]').length === 1);
    const row = page.locator('[data-testid=user-row][data-username="test-muni-072079"]');
    await row.getByTestId('toggle-disabled').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('users-message').getByText('無効にしました').waitFor();
    expect((await victim.request.get(`${base}/api/v1/auth/me`)).status()).toBe(401);
    await victim.close();

    await page.getByTestId('filter-q').fill('pref-13');
    await page.keyboard.press('Enter');
    // The list still holds the one row of the last filter until the new answer arrives: wait for pref-13's.
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll<HTMLElement>('[data-testid=user-row]');
      return rows.length === 1 && rows[0].dataset.username === 'pref-13';
    });
    await page.getByTestId('reset-password').click();
    // Nothing happens before it is confirmed with a reason.
    expect(await page.getByTestId('issued-password-value').count()).toBe(0);
    await page.getByTestId('reset-reason').fill('パスワードを忘れたため');
    await page.getByTestId('reset-confirm').click();
    const issued = (await page.getByTestId('issued-password-value').textContent())!;
    expect(issued).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    const other = await browser.newContext();
    const login = await other.request.post(`${base}/api/v1/auth/login`, { data: { username: 'pref-13', password: issued } });
    expect((await login.json()).data.must_change_password).toBe(true);
    await other.close();
    await page.getByRole('button', { name: '変更（pref-13）' }).click();
    await page.getByTestId('edit-area').fill('14');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('users-message').getByText('ログイン中のセッションを終了しました').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the audit log filters by action and exports what it shows', async () => {
    await open('admin', '/admin/audit?action=password_reset');
    await page.getByTestId('audit-row').first().waitFor();
    const shown = await page.getByTestId('audit-row').count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('パスワードの再発行');
    // The reset's reason, readable (no JSON).
    expect(await page.getByTestId('audit-row').first().textContent()).toContain('理由: パスワードを忘れたため');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit').getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^監査ログ_操作=パスワードの再発行/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.slice(rows.findIndex((r) => r[0] === '日時') + 1)).toHaveLength(shown);
    await page.getByTestId('filter-from').fill('2000-01-01');
    await page.getByTestId('filter-to').fill('2000-01-02');
    await page.getByTestId('filter-to').press('Enter');
    await page.getByTestId('audit-count').getByText('0 件中').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admin-audit');
  });

  it('undoes an import from the data page with a reason, and says so when the reason is left empty', async () => {
    await open('admin', '/data');
    await context.request.post(`${base}/api/v1/imports/care-offices`, {
      multipart: { file: { name: 'offices.csv', mimeType: 'text/csv', buffer: fixture('care-offices-valid.csv') } },
      headers: { origin: base },
    });
    await page.reload();
    await page.getByTestId('undo-import').first().click();
    // No reason: the page says so and nothing is undone.
    await page.getByTestId('undo-confirm').click();
    expect(await page.getByTestId('undo-message').textContent()).toContain('取り消す理由を2文字以上で入力してください');
    expect(await page.getByTestId('imports').textContent()).not.toContain('取り消し済み');
    await page.getByTestId('undo-reason').fill('誤った一覧を取り込んだため');
    await page.getByTestId('undo-confirm').click();
    await page.getByTestId('undo-message').getByText('取り消しました').waitFor({ timeout: 30_000 });
    await page.getByTestId('undo-message').getByText('集計に反映しました').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('imports').textContent()).toContain('取り消し済み');
    const audit = await (await context.request.get(`${base}/api/v1/admin/audit?action=import_undone`)).json();
    expect(audit.data[0].detail.reason).toBe('誤った一覧を取り込んだため');
  });
});
