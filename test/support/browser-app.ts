import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp, type TestRole } from './test-app.js';

/** The app on the demo data listening on a free port, and Debian's Chromium to drive it: the dashboard tests' set-up. */
export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A new browser context signed in as the role (desktop size, Japanese locale, downloads allowed). */
  signIn(role: TestRole, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  const t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    t,
    base,
    browser,
    async signIn(role, viewport = { width: 1400, height: 1000 }) {
      const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'ja-JP' });
      await context.request.post(`${base}/api/v1/auth/login`, { data: { username: TEST_USERS[role].username, password: TEST_PASSWORD } });
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}
