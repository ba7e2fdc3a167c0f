/** The dashboard in Chromium: first chart, a view change, the cold load of the national page, the outreach list. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/support/browser.js';
import { median, record } from './measures.js';

export async function dashboardSection(base: string) {
  const assets = join(process.cwd(), 'dashboard', 'dist', 'assets');
  const html = readFileSync(join(process.cwd(), 'dashboard', 'dist', 'index.html'), 'utf8');
  const firstPage = readdirSync(assets).filter((f) => f.endsWith('.js') && html.includes(f));
  const gz = firstPage.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0);
  record(
    'dashboard',
    'entry JavaScript named by index.html (gzip; each page loads its own view on demand)',
    `${(gz / 1024).toFixed(1)} KB`,
    '< 200 KB',
  );
  const browser = await launchChromium();
  const paints: number[] = [];
  const changes: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const { context, page } = await signedInPage(browser, base);
      // Watched from inside the page, every frame from the start: polling from Playwright marked the chart when
      // its poll came round (up to hundreds of ms after the chart was drawn), not when it was drawn.
      await page.addInitScript(() => {
        const drawn = (c: HTMLCanvasElement) => {
          const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
          for (let i = 3; i < data.length; i += 64) if (data[i] > 0) return true;
          return false;
        };
        const check = () => {
          const c = document.querySelector('[data-testid=prefecture-bars] canvas') as HTMLCanvasElement | null;
          if (c && c.width > 0 && drawn(c)) performance.mark('chart');
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      await page.goto(`${base}/`);
      await page.waitForFunction(() => performance.getEntriesByName('chart').length > 0);
      paints.push(await page.evaluate(() => performance.getEntriesByName('chart')[0].startTime));
      const changed = await page.evaluate(async () => {
        const select = document.querySelector('[data-testid=cross-filter]') as HTMLSelectElement;
        const start = performance.now();
        select.value = '13';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () =>
            document.querySelector('.tile.selected')?.getAttribute('data-code') === '13' ? resolve() : requestAnimationFrame(check);
          check();
        });
        return performance.now() - start;
      });
      changes.push(changed);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  record('dashboard', 'first chart painted after navigation (median of 5)', `${Math.round(median(paints))} ms`, '< 500 ms');
  record('dashboard', 'view change: choose a prefecture → highlighted (median)', `${Math.round(median(changes))} ms`, '< 100 ms');
  const again = await launchChromium();
  try {
    await coldLoadBytes(again, base);
    await outreachInBrowser(again, base);
  } finally {
    await again.close();
  }
}

export async function signedInPage(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.request.post(`${base}/api/v1/auth/login`, { data: { username: 'bench-admin', password: 'bench-password-1' } });
  return { context, page: await context.newPage() };
}

/** Everything the national page transfers on a cold load (empty cache), as Chromium received it. */
export async function coldLoadBytes(browser: Browser, base: string) {
  const { context, page } = await signedInPage(browser, base);
  const sizes: Promise<number>[] = [];
  const scripts: Promise<number>[] = [];
  const named: Promise<[string, number]>[] = [];
  page.on('requestfinished', (request) => {
    const size = request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize);
    sizes.push(size);
    named.push(size.then((n) => [new URL(request.url()).pathname.replace(/-[\w-]{8}\.js$/, '.js'), n]));
    if (request.url().endsWith('.js')) scripts.push(size);
  });
  await page.goto(`${base}/`);
  await page.locator('[data-testid=prefecture-bars] canvas').waitFor();
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  const js = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  record(
    'dashboard',
    `national page, cold load: bytes transferred (${sizes.length} requests; JavaScript ${(js / 1024).toFixed(1)} KB)`,
    `${(bytes / 1024).toFixed(1)} KB`,
    '≤ 150 KB',
  );
  const largest = (await Promise.all(named)).sort((a, b) => b[1] - a[1]).slice(0, 8);
  record('dashboard', '  the largest of them', largest.map(([path, n]) => `${path} ${(n / 1024).toFixed(1)} KB`).join(', '));
  await context.close();
}

/** The outreach list in Chromium: Tokyo's offices filtered and sorted; the nation's list from request to first row. */
export async function outreachInBrowser(browser: Browser, base: string) {
  const tokyo = await signedInPage(browser, base);
  await tokyo.page.goto(`${base}/prefectures/13`);
  await tokyo.page.locator('[data-testid=outreach-table] tbody tr').first().waitFor({ timeout: 60_000 });
  const size = await tokyo.page.evaluate(() => document.querySelector('[data-testid=outreach-count]')!.textContent);
  const ops = [
    { kind: 'select', id: 'outreach-status', value: '' },
    { kind: 'select', id: 'outreach-service', value: '430' },
    { kind: 'select', id: 'outreach-service', value: '' },
    { kind: 'check', id: 'outreach-no-exchange' },
    { kind: 'check', id: 'outreach-no-exchange' },
    { kind: 'sort', label: '事業所名' },
    { kind: 'sort', label: '直近3か月' },
    { kind: 'sort', label: '優先' },
    { kind: 'select', id: 'outreach-status', value: 'not_applied' },
    { kind: 'check', id: 'outreach-subsidy' },
    { kind: 'check', id: 'outreach-subsidy' },
    { kind: 'select', id: 'outreach-status', value: 'in_force' },
    { kind: 'select', id: 'outreach-status', value: '' },
  ];
  const times: number[] = await tokyo.page.evaluate(async (steps) => {
    // The work a change costs: Svelte's update (a microtask), then style and layout forced; not the wait for
    // the next vsync (up to 16.7 ms whatever the work).
    const settled = async () => {
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(0);
      });
      void document.body.offsetHeight;
    };
    const out: number[] = [];
    for (const op of steps) {
      const start = performance.now();
      if (op.kind === 'select') {
        const el = document.querySelector(`[data-testid=${op.id}]`) as HTMLSelectElement;
        el.value = op.value!;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (op.kind === 'check') (document.querySelector(`[data-testid=${op.id}]`) as HTMLInputElement).click();
      else
        [...document.querySelectorAll<HTMLButtonElement>('[data-testid=outreach-table] thead button')]
          .find((b) => b.textContent!.startsWith(op.label!))!
          .click();
      await settled();
      out.push(performance.now() - start);
    }
    return out;
  }, ops);
  record(
    'offices',
    `filter or sort 東京都's list in Chromium, change → laid out (median of ${times.length}, max ${Math.round(Math.max(...times))} ms; ${size?.trim()})`,
    `${median(times).toFixed(1)} ms`,
    '< 16 ms',
  );
  await tokyo.context.close();

  const firstRows: { fromRequest: number; fromNavigation: number; rows: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const nation = await signedInPage(browser, base);
    await nation.page.goto(`${base}/offices`);
    await nation.page.locator('[data-testid=outreach-table] tbody tr').first().waitFor({ timeout: 60_000 });
    firstRows.push(
      await nation.page.evaluate(() => {
        const now = performance.now();
        const request = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/v1/offices'))!;
        return {
          fromRequest: now - request.startTime,
          fromNavigation: now,
          rows: document.querySelector('[data-testid=outreach-count]')!.textContent!.trim(),
        };
      }),
    );
    await nation.context.close();
  }
  record(
    'offices',
    `the nation's list (national role): request → first row on screen, first load on a server that did not run the job, so built on request (${firstRows[0].rows})`,
    `${Math.round(firstRows[0].fromRequest)} ms`,
  );
  record(
    'offices',
    '  the same, list already built (median of the next 2; from navigation)',
    `${Math.round(median(firstRows.slice(1).map((r) => r.fromRequest)))} ms (${Math.round(median(firstRows.slice(1).map((r) => r.fromNavigation)))} ms)`,
    '< 1 s',
  );
}
