/**
 * Runs API.md's contract smoke (a copy of ../shared/contract-smoke.mjs, kept identical) against a
 * freshly started gateway on the embedded defaults.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startGateway, type StartedGateway } from './support/start-gateway';

const run = promisify(execFile);
const script = path.join(__dirname, 'contract', 'contract-smoke.mjs');

describe('API.md contract smoke', () => {
  let gateway: StartedGateway;
  beforeAll(async () => {
    gateway = await startGateway({ MONGODB_URI: '', KAFKA_BROKERS: '', REDIS_URL: '' });
  });
  afterAll(() => gateway?.stop());

  it('is the same script as the one beside the repo, when that one is present', () => {
    const upstreamCopy = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract-smoke.mjs');
    if (!existsSync(upstreamCopy)) return;
    expect(readFileSync(script, 'utf8')).toBe(readFileSync(upstreamCopy, 'utf8'));
  });

  it('passes every check against a fresh gateway', async () => {
    const { stdout } = await run(process.execPath, [script, gateway.url], {
      timeout: 60_000,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(
        `contract smoke failed:\n${error.stdout ?? ''}${error.stderr ?? ''}\n--- gateway output ---\n${gateway.output()}`,
      );
    });
    expect(stdout).toMatch(/\b0 failed\b/);
  });
});
