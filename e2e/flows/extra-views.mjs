// Screenshots and axe scans beyond the main flow: every page in the dark theme, the phone
// layout at 390 px (navigation in a drawer), and the sign-in page following the system's
// dark preference in a fresh browser.
import assert from 'node:assert/strict';
import { openContext } from '../support/browser.mjs';
import { checkPage, openPage } from '../support/pages.mjs';

const pages = [
  ['dashboard', 'nav.dashboard', /\/dashboard/],
  ['credentials', 'nav.credentials', /\/credentials/],
  ['models', 'nav.models', /\/models/],
  ['keys', 'nav.keys', /\/keys/],
  ['logs', 'nav.logs', /\/logs/],
  ['playground', 'nav.playground', /\/playground/],
  ['users', 'nav.users', /\/users/],
];

/** Every signed-in page in the dark theme (toggled in the toolbar, then back to light). */
export async function checkDarkTheme(page, t, findings) {
  await page.getByTestId('theme-toggle').click();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark-theme')));
  for (const [name, label, url] of pages) {
    await openPage(page, t(label), url);
    await page.waitForLoadState('networkidle');
    findings.push(...(await checkPage(page, 'dark', name)));
  }
  await page.getByTestId('theme-toggle').click();
}

/** The phone layout: 390 px wide, the navigation becomes a drawer. */
export async function checkPhoneLayout(page, t, findings) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.getByTestId('nav-toggle').waitFor();
    await openPage(page, t('nav.dashboard'), /\/dashboard/);
    await page.waitForLoadState('networkidle');
    findings.push(...(await checkPage(page, 'phone', 'dashboard')));
    await page.getByTestId('nav-toggle').click();
    await page.locator('mat-sidenav nav').waitFor();
    await page.waitForTimeout(300);
    findings.push(...(await checkPage(page, 'phone', 'navigation', { fullPage: false })));
    await page.keyboard.press('Escape');
    for (const [name, label, url] of pages.slice(1, 6)) {
      await openPage(page, t(label), url);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(overflow <= 0, `${name} scrolls sideways at 390 px (${overflow} px too wide)`);
      findings.push(...(await checkPage(page, 'phone', name)));
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
}

/** A fresh browser whose system prefers dark gets the dark theme before anyone chooses. */
export async function checkDarkSignIn(browser, stack) {
  const { context } = await openContext(browser, { baseURL: stack.url, colorScheme: 'dark' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('h1').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark-theme')));
    return await checkPage(page, 'dark', 'login');
  } finally {
    await context.close();
  }
}
