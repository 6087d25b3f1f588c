// Small page helpers shared by the flows: navigation, polling and the checks every page gets.
import { checkAccessibility, saveScreenshot } from './browser.mjs';

/** Polls `probe` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitUntil(
  probe,
  { timeoutMs = 15_000, intervalMs = 250, message = 'condition' } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out waiting for ${message}${lastError ? `: ${lastError.message}` : ''}`);
}

/** Follows a side-navigation link (opening the drawer first on narrow screens). */
export async function openPage(page, label, urlPattern) {
  const toggle = page.getByTestId('nav-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator('mat-sidenav nav').getByRole('link', { name: label, exact: true }).click();
  await page.waitForURL(urlPattern);
  await page.locator('h1').first().waitFor();
}

/**
 * The checks every page gets: an axe scan (no serious/critical violations) and a screenshot.
 * Returns the moderate/minor findings so the run can print them.
 */
export async function checkPage(page, variant, name, options = {}) {
  const findings = await checkAccessibility(page, `${variant}/${name}`);
  await saveScreenshot(page, variant, name, options);
  return findings.map((finding) => `${variant}/${name}: ${finding.impact} ${finding.id}`);
}

export async function readText(locator) {
  return ((await locator.textContent()) ?? '').trim();
}
