// The issue 7 flow, end to end in a real browser: register → add a credential pointing at the
// mock upstream → validate → add a model from the upstream's list (key shown once) → the
// playground streams an answer → the request shows in the logs and on the dashboard → revoke
// the key → the playground gets 401. Every page is scanned with axe and photographed.
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { loadDictionary } from '../support/dictionary.mjs';
import { openContext } from '../support/browser.mjs';
import { checkPage, openPage, readText, waitUntil } from '../support/pages.mjs';

/**
 * @param {object} options
 * @param {import('playwright-core').Browser} options.browser
 * @param {{ url: string, upstream: { url: string } }} options.stack
 * @param {'en' | 'zh-CN'} options.language
 * @param {'openai-compatible' | 'claude-code-relay'} options.preset
 * @param {(page: import('playwright-core').Page, t: Function) => Promise<void>} [options.beforeRevoke]
 */
export async function runConsoleFlow({ browser, stack, language, preset, beforeRevoke }) {
  const t = loadDictionary(language);
  const variant = language;
  const findings = [];
  const { context, external } = await openContext(browser, { baseURL: stack.url });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Angular's ErrorHandler logs what it catches; failed HTTP calls (expected 401s) are not errors.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text());
    }
  });
  const check = async (name, options) =>
    findings.push(...(await checkPage(page, variant, name, options)));

  try {
    // Sign-in pages, in the chosen language (the switch is remembered per browser).
    await page.goto('/');
    await page.waitForURL(/\/login/);
    if (language !== 'en') {
      await page.getByTestId('language-menu').click();
      await page.getByRole('menuitem', { name: '简体中文' }).click();
    }
    await page.getByRole('heading', { name: t('auth.signInTitle') }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), language);
    await check('login');

    await page.getByRole('link', { name: t('auth.createAccount') }).click();
    await page.waitForURL(/\/register/);
    await check('register');
    const username = `admin_${language.replace('-', '_').toLowerCase()}`;
    await page.locator('input[formcontrolname=username]').fill(username);
    await page.locator('input[formcontrolname=email]').fill(`${username}@example.com`);
    await page.locator('input[formcontrolname=password]').fill('correct horse battery');
    await page.locator('input[formcontrolname=confirmation]').fill('correct horse battery');
    await page.getByRole('button', { name: t('auth.register'), exact: true }).click();
    await page.waitForURL(/\/dashboard/);
    await page.getByText(t('auth.firstUserIsAdmin')).waitFor();
    await page.getByTestId('usage-empty').waitFor();

    // A credential pointing at the mock upstream, then validated against it.
    await openPage(page, t('nav.credentials'), /\/credentials/);
    await page.getByTestId('add-credential').click();
    const form = page.getByRole('dialog');
    await form.getByTestId(`preset-${preset}`).locator('input').check();
    const credentialName = preset === 'claude-code-relay' ? 'Relay e2e' : 'Local e2e';
    await form.getByTestId('credential-name').fill(credentialName);
    const apiUrl = preset === 'claude-code-relay' ? stack.upstream.url : `${stack.upstream.url}/v1`;
    await form.getByTestId('credential-url').fill(apiUrl);
    await form
      .getByTestId('credential-key')
      .fill(preset === 'claude-code-relay' ? 'cr_e2e_secret_key' : 'sk-e2e-secret-key');
    await check('credential-form', { fullPage: false });
    await form.getByTestId('credential-save').click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: credentialName });
    await row.waitFor();
    await row.getByRole('button', { name: t('credentials.validate') }).click();
    await row.locator('.status-chip.ok').getByText(t('credentials.valid')).waitFor();
    await check('credentials');

    // A model picked from the upstream's own list; its key is shown once.
    await row
      .getByRole('button', { name: t('credentials.moreActions', { name: credentialName }) })
      .click();
    await page.getByRole('menuitem', { name: t('credentials.upstreamModels') }).click();
    const picker = page.getByRole('dialog');
    const firstModel = picker.locator('mat-action-list button').first();
    await firstModel.waitFor();
    await check('upstream-models', { fullPage: false });
    const upstreamModel = await readText(firstModel.locator('.mono'));
    await firstModel.click();
    await page.waitForURL(/\/models/);
    const modelForm = page.getByRole('dialog');
    await modelForm.getByTestId('model-name').waitFor();
    assert.equal(await modelForm.getByTestId('model-name').inputValue(), upstreamModel);
    const alias = `e2e-${language.toLowerCase()}`;
    await modelForm.getByTestId('model-alias').fill(alias);
    // Offer it in OpenAI format: for the relay (an Anthropic upstream) the gateway converts.
    await modelForm.getByRole('radio', { name: t('formats.openai') }).check();
    await check('model-form', { fullPage: false });
    await modelForm.getByTestId('model-save').click();
    const reveal = page.getByRole('dialog');
    const key = await readText(reveal.getByTestId('revealed-key'));
    assert.match(key, /^llmb_[\w-]{32,}$/);
    await reveal.getByRole('tab', { name: t('snippets.openaiPython') }).click();
    assert.match(
      await readText(reveal.getByTestId('snippet-openai-python')),
      new RegExp(`base_url="${stack.url}/v1"`),
    );
    await reveal.getByRole('tab', { name: t('snippets.claudeCode') }).click();
    assert.match(
      await readText(reveal.getByTestId('snippet-claude-code')),
      new RegExp(`ANTHROPIC_MODEL='${alias}'`),
    );
    await check('key-reveal', { fullPage: false });
    await reveal.getByTestId('key-saved').click();
    await reveal.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: alias }).waitFor();
    await check('models');

    await openPage(page, t('nav.keys'), /\/keys/);
    await page
      .getByRole('row')
      .filter({ hasText: key.slice(0, 9) })
      .waitFor();
    await check('keys');

    // The playground streams an answer through the proxy with the pasted key.
    await openPage(page, t('nav.playground'), /\/playground/);
    await page.getByTestId('playground-key').fill(key);
    await waitUntil(
      async () => (await page.getByTestId('playground-model').inputValue()) === alias,
      {
        message: 'the key to list its model',
      },
    );
    const prompt = language === 'en' ? 'Say hello to the e2e test' : '请用中文回答';
    await page.getByTestId('playground-message-0').fill(prompt);
    await page.getByTestId('playground-send').click();
    await page.getByTestId('run-status').waitFor();
    assert.equal(await readText(page.getByTestId('run-status')), t('playground.done'));
    const answer = await readText(page.getByTestId('answer'));
    assert.ok(
      language === 'en' ? answer.includes('Hello from') : /[\u4e00-\u9fff]/.test(answer),
      `answer: ${answer}`,
    );
    const rawResponse = await page.getByTestId('raw-response').textContent();
    assert.ok(
      (rawResponse.match(/^data: /gm) ?? []).length >= 3,
      'the answer arrived as several SSE events',
    );
    assert.match(await readText(page.getByTestId('stat-status')), /200/);
    assert.match(await readText(page.getByTestId('stat-ttft')), /\d/);
    await check('playground');

    // The request in the logs, with its timings.
    await openPage(page, t('nav.logs'), /\/logs/);
    const logRow = page.getByRole('row').filter({ hasText: alias }).first();
    await waitUntil(
      async () => {
        if (await logRow.isVisible()) return true;
        await page.getByTestId('logs-refresh').click();
        return false;
      },
      { message: 'the request to appear in the logs', intervalMs: 500 },
    );
    await check('logs');
    await logRow.getByTestId('open-log').click();
    const detail = page.getByRole('dialog');
    assert.equal(await readText(detail.getByTestId('detail-status')), '200');
    assert.match(await readText(detail.getByTestId('detail-total')), /\d/);
    await check('log-detail', { fullPage: false });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });

    // And on the dashboard, once the usage roll-up has it.
    await openPage(page, t('nav.dashboard'), /\/dashboard/);
    await waitUntil(
      async () => {
        const requests = page.getByTestId('stat-requests');
        if ((await requests.isVisible()) && (await readText(requests)) !== '0') return true;
        await page.getByTestId('usage-refresh').click();
        return false;
      },
      { message: 'the request to reach the dashboard', intervalMs: 500, timeoutMs: 20_000 },
    );
    await page.getByTestId('top-models').getByText(alias).waitFor();
    await page.locator('app-usage-chart canvas').first().waitFor();
    await check('dashboard');

    await openPage(page, t('nav.users'), /\/users/);
    await page.getByRole('row').filter({ hasText: username }).waitFor();
    await check('users');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: t('nav.profile') }).click();
    await page.waitForURL(/\/profile/);
    await page.getByTestId('profile-username').waitFor();
    await check('profile');

    if (beforeRevoke) await beforeRevoke(page, t, findings);

    // Revoke the key: the playground's next call is refused.
    await openPage(page, t('nav.keys'), /\/keys/);
    const keyRow = page.getByRole('row').filter({ hasText: key.slice(0, 9) });
    await keyRow.getByRole('button', { name: t('keys.revoke') }).click();
    await page.getByTestId('confirm').click();
    await keyRow.waitFor({ state: 'detached' });
    await openPage(page, t('nav.playground'), /\/playground/);
    // The pasted key is still in this tab; its model list may already be refused, so type it.
    await page.getByTestId('playground-model').fill(alias);
    await page.getByTestId('playground-message-0').fill(prompt);
    await waitUntil(
      async () => {
        await page.getByTestId('playground-send').click();
        await page.getByTestId('run-status').waitFor();
        await page.getByTestId('playground-send').isEnabled();
        const failure = page.getByTestId('run-failure');
        return (await failure.isVisible()) && (await readText(failure)).includes('401');
      },
      { message: 'the revoked key to be refused with 401', intervalMs: 500, timeoutMs: 10_000 },
    );
    assert.equal(await readText(page.getByTestId('run-status')), t('playground.failed'));
    await check('playground-revoked');

    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(
      external,
      [],
      'requests that left the machine (the console must work offline)',
    );
    return findings;
  } catch (error) {
    const shot = path.join(os.tmpdir(), `llmfb-e2e-failure-${language}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    error.message += `\n(page: ${page.url()}; screenshot: ${shot}; page errors: ${JSON.stringify(pageErrors)})`;
    throw error;
  } finally {
    await context.close();
  }
}
