/**
 * `npm run screenshots`: the national, prefecture and municipality pages on the demo data at 1440 and 390 px,
 * written to docs/screenshots/ for the README. Needs the PostgreSQL server on 127.0.0.1:5432
 * (TEST_POSTGRES_URL to change it) and Debian's Chromium, as the tests do.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from '../test/support/browser.js';
import { dropDemoTemplate } from '../test/support/demo-template.js';
import { startTestApp, TEST_PASSWORD, TEST_USERS } from '../test/support/test-app.js';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const PAGES = [
  ['national', '/?as_of=2026-03-31'],
  ['prefecture-07', '/prefectures/07?as_of=2026-03-31'],
  ['municipality-072079', '/municipalities/072079?as_of=2026-03-31'],
] as const;
const WIDTHS = [
  { width: 1440, height: 1000, deviceScaleFactor: 1 },
  { width: 390, height: 844, deviceScaleFactor: 2 },
];

mkdirSync(OUT, { recursive: true });
const t = await startTestApp('postgresql', { DEMO_DATA: 'auto' });
const browser = await launchChromium();
try {
  await t.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  for (const { width, height, deviceScaleFactor } of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, locale: 'ja-JP' });
    await context.request.post(`${base}/api/v1/auth/login`, { data: { username: TEST_USERS.national.username, password: TEST_PASSWORD } });
    const page = await context.newPage();
    for (const [name, path] of PAGES) {
      await page.goto(`${base}${path}`);
      await page.locator('.kpi[data-as-of]').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(OUT, `${name}-${width}.png`) });
      console.log(`docs/screenshots/${name}-${width}.png`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await t.close();
  await dropDemoTemplate();
}
