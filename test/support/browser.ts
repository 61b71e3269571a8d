import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium (`.ci/run` installs it): Playwright drives it, no browser download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the screenshots go, for people to look at (git-ignored). */
export const SCREENSHOT_DIR = new URL('../../.screenshots/', import.meta.url);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.x A and AA rules on the page as it is. axe is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy (no inline script) does not apply to.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } }).then((result) => result.violations)`,
  );
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? ''}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/**
 * How far the page overflows a 320 CSS px wide window sideways (0 when it reflows, as WCAG 1.4.10
 * asks: 1280 px at 400% zoom).
 */
export async function overflowAt320(page: Page): Promise<number> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  await page.setViewportSize(viewport);
  return overflow;
}

/** A narrow (375 px) and a wide (1280 px) screenshot of the whole page. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: new URL(`${name}-${width}.png`, SCREENSHOT_DIR).pathname, fullPage: true });
  }
  await page.setViewportSize(viewport);
}

/** Presses Tab until `target` has focus (keyboard only, as a person without a mouse would). */
export async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate((element: unknown) => {
      const node = element as { ownerDocument: { activeElement: unknown } };
      return node.ownerDocument.activeElement === element;
    });
    if (focused) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/**
 * A fresh browser session (nothing carried over from another journey) at `url`. Page errors and
 * console errors go into `problems`, except what the journey `expects` (and /favicon.ico, the
 * browser's own guess at the API's root).
 */
export async function openAppPage(
  browser: Browser,
  url: string,
  problems: string[],
  options: { expects?: (message: ConsoleMessage) => boolean; acceptDownloads?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const expected = message.location().url.endsWith('/favicon.ico') || options.expects?.(message) === true;
    if (message.type() === 'error' && !expected)
      problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  await page.goto(url);
  return page;
}

/**
 * A screen: its heading shows and nothing is busy; the first time `name` is seen (with `visited`),
 * axe finds nothing, it reflows at 320 px, and it is photographed narrow and wide.
 */
export async function checkScreen(
  page: Page,
  name: string,
  heading: string | RegExp,
  options: { visited?: Set<string>; timeout?: number } = {},
): Promise<void> {
  const poll = options.timeout ? { timeout: options.timeout } : {};
  await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).isVisible(), poll).toBe(true);
  await expect.poll(() => page.locator('main[aria-busy]').count(), poll).toBe(0);
  if (options.visited?.has(name)) return;
  options.visited?.add(name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
  expect(await overflowAt320(page), `${name} reflows at 320 px`).toBe(0);
  await screenshots(page, name);
}
