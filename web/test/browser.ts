import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { EscoStore } from '../../src/store/esco-store.js';
import { type AppServer, startAppServer } from './app-server.js';

/** Debian's Chromium: these machines have no browser download, and .ci/run installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Every request a page makes that does not go to the server it came from (nothing may: intranets have no internet). */
export function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  return foreign;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical WCAG findings on the page as it is now, as "rule: target" lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated rather than added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * The controls in `main` that pressing Tab never reaches, as "tag text" lines: every one must be reachable by
 * keyboard. Tabs through the whole page once (plus a margin), from the top.
 */
export async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const controls = await page.$$eval('main a[href], main button:not([disabled]), main input, main select, main textarea', (elements) =>
    elements.map((element, index) => {
      element.setAttribute('data-control', String(index));
      return `${element.tagName.toLowerCase()} ${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}`;
    }));
  const reached = new Set<string>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator('body').focus();
  for (let step = 0; step < controls.length + 40; step += 1) {
    await page.keyboard.press('Tab');
    const index = await page.evaluate(() => document.activeElement?.getAttribute('data-control'));
    if (index) reached.add(index);
  }
  return controls.filter((_, index) => !reached.has(String(index)));
}

export interface AppInBrowser {
  server: AppServer;
  browser: Browser;
  /** One page, with downloads allowed, that the file's tests share in order. */
  page: Page;
  /** What that page asked of any other origin (nothing may be). */
  foreign: string[];
}

/** A test file's app: served over the store, with Chromium open on it, before its tests; both closed after. */
export function appInBrowser(store: () => Promise<EscoStore>): AppInBrowser {
  const app = { foreign: [] as string[] } as AppInBrowser;
  beforeAll(async () => {
    [app.server, app.browser] = await Promise.all([store().then((opened) => startAppServer(opened)), launchChromium()]);
    app.page = await (await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
    app.foreign = foreignRequests(app.page, app.server.url);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
