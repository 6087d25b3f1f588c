// Debian's Chromium driven by playwright-core, plus the two things every page check does:
// an axe-core scan (serious/critical violations fail) and a screenshot for docs/screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const screenshotRoot = path.join(repoRoot, 'docs', 'screenshots');

const chromiumPath =
  process.env.LLMFB_CHROMIUM_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: install it with \`apt-get install -y chromium\` ` +
        '(infra/scripts/services.sh up does this) or set LLMFB_CHROMIUM_PATH',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * A fresh browser profile (default launch contexts are temporary) with the given viewport and
 * colour scheme. Requests leaving the test machine are refused: the console must work offline.
 */
export async function openContext(
  browser,
  { baseURL, width = 1280, height = 860, colorScheme = 'light' },
) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width, height },
    colorScheme,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const external = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => {
    external.push(route.request().url());
    return route.abort();
  });
  context.setDefaultTimeout(15_000);
  return { context, external };
}

/** Scans the page with axe-core; fails on serious or critical WCAG 2.1 A/AA violations. */
export async function checkAccessibility(page, label) {
  // A new snack bar keeps its text aria-hidden for ~150 ms, until it moves it into its live
  // region (Material's announcement); scan the settled state.
  await page
    .waitForFunction(
      () => !document.querySelector('.mat-mdc-snack-bar-container [aria-hidden="true"]'),
      null,
      {
        timeout: 3_000,
      },
    )
    .catch(() => undefined);
  // axe reads an icon's ligature name ("dark_mode") as visible text unless the icon font has
  // rendered it as a glyph: scan once the font is loaded, or an icon button's accessible name
  // "mismatches" its text depending on timing.
  await page.evaluate(async () => {
    await document.fonts.load('24px "Material Symbols Outlined"');
    await document.fonts.ready;
  });
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      html: violation.nodes.slice(0, 3).map((node) => node.html.slice(0, 200)),
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    throw new Error(
      `axe found serious accessibility problems on ${label}:\n${JSON.stringify(blocking, null, 2)}`,
    );
  }
  return violations;
}

/**
 * Waits for fonts and a quiet frame, then saves `docs/screenshots/<variant>/<name>.png`. The
 * console scrolls inside its sidenav content, not the document, so a full-page shot grows the
 * viewport to that content's height for the moment of the shot.
 */
export async function saveScreenshot(page, variant, name, { fullPage = true } = {}) {
  const directory = path.join(screenshotRoot, variant);
  mkdirSync(directory, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(
    () => document.querySelector('mat-sidenav-content')?.scrollHeight ?? 0,
  );
  const grow = fullPage && viewport !== null && contentHeight > viewport.height;
  if (grow) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 4000) });
  }
  await page.waitForTimeout(200);
  await page.screenshot({
    path: path.join(directory, `${name}.png`),
    fullPage,
    animations: 'disabled',
  });
  if (grow) await page.setViewportSize(viewport);
}
