#!/usr/bin/env node
// End-to-end tests of the admin console in Debian's Chromium (playwright-core), against the
// built gateway on its embedded defaults plus the mock upstream. Run: `node e2e/run.mjs`.
// Builds what is missing or stale first (server: `tsc -b`; console: `npm run build -w admin-ui`).
// Screenshots land in docs/screenshots/{en,zh-CN,dark,phone}/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, repoRoot } from './support/browser.mjs';
import { startStack } from './support/stack.mjs';
import { runConsoleFlow } from './flows/console-flow.mjs';
import { checkDarkSignIn, checkDarkTheme, checkPhoneLayout } from './flows/extra-views.mjs';

function newestModification(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestModification(entryPath) : statSync(entryPath).mtimeMs,
    );
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function buildWhatIsStale() {
  if (!existsSync(path.join(repoRoot, 'gateway', 'dist', 'main.js')))
    run('npx', ['tsc', '-b', 'tsconfig.json']);
  const consoleIndex = path.join(repoRoot, 'admin-ui', 'dist', 'admin-ui', 'browser', 'index.html');
  const sources = newestModification(path.join(repoRoot, 'admin-ui', 'src'));
  if (!existsSync(consoleIndex) || statSync(consoleIndex).mtimeMs < sources) {
    run('npm', ['run', 'build', '-w', 'admin-ui']);
  }
}

const findings = [];
/** `E2E_ONLY=en` or `E2E_ONLY=zh-CN` runs one flow (handy while working on it). */
const only = process.env.E2E_ONLY;
let browser;

before(async () => {
  buildWhatIsStale();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (findings.length > 0) {
    process.stdout.write(
      `\naxe: moderate/minor findings (not failing):\n  ${[...new Set(findings)].join('\n  ')}\n`,
    );
  }
});

test(
  'English: register → credential → model → playground → logs → dashboard → revoke → 401',
  { timeout: 240_000, skip: only !== undefined && only !== 'en' },
  async () => {
    const stack = await startStack();
    try {
      findings.push(
        ...(await runConsoleFlow({
          browser,
          stack,
          language: 'en',
          preset: 'openai-compatible',
          beforeRevoke: async (page, t, found) => {
            await checkPhoneLayout(page, t, found);
            await checkDarkTheme(page, t, found);
          },
        })),
      );
      findings.push(...(await checkDarkSignIn(browser, stack)));
    } finally {
      await stack.stop();
    }
  },
);

test(
  '简体中文: the same flow through a Claude Code relay credential',
  { timeout: 240_000, skip: only !== undefined && only !== 'zh-CN' },
  async () => {
    const stack = await startStack();
    try {
      findings.push(
        ...(await runConsoleFlow({
          browser,
          stack,
          language: 'zh-CN',
          preset: 'claude-code-relay',
        })),
      );
    } finally {
      await stack.stop();
    }
  },
);
