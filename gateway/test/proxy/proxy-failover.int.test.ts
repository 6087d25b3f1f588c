/**
 * Several credentials behind one alias: failover before the first byte (500, 529, connection
 * refused) without the client seeing the failure, even spreading over healthy configs, and the
 * per-credential circuit breaker (opens, skips the credential without calling it, half-opens).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { findFreePort } from '../support/start-gateway';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let sick: MockUpstream;
let key: string;
let openai: OpenAI;
let anthropic: Anthropic;
let sickCredentialId: string;

const breakerResetMs = 1500;

beforeAll(async () => {
  harness = await startProxyHarness({
    env: {
      LLMFB_BREAKER_VOLUME_THRESHOLD: '3',
      LLMFB_BREAKER_ERROR_PERCENT: '50',
      LLMFB_BREAKER_RESET_MS: String(breakerResetMs),
    },
  });
  sick = await startMockUpstream();
  const deadUrl = `http://127.0.0.1:${await findFreePort()}`;
  const seeds = [
    { provider: 'openai', modelName: 'up-a', alias: 'pool-500' },
    { provider: 'openai', modelName: 'up-b', alias: 'pool-500' },
    { provider: 'anthropic', modelName: 'claude-a', alias: 'pool-529' },
    { provider: 'anthropic', modelName: 'claude-b', alias: 'pool-529' },
    { provider: 'openai', modelName: 'up-dead', alias: 'pool-refused', apiUrl: `${deadUrl}/v1` },
    { provider: 'openai', modelName: 'up-alive', alias: 'pool-refused' },
    { provider: 'openai', modelName: 'up-left', alias: 'even' },
    { provider: 'openai', modelName: 'up-right', alias: 'even' },
    { provider: 'openai', modelName: 'up-sick', alias: 'fragile', apiUrl: `${sick.url}/v1` },
    { provider: 'openai', modelName: 'up-well', alias: 'fragile' },
  ] as const;
  for (const seed of seeds) {
    const seeded = await harness.seedModel(seed);
    if (seed.modelName === 'up-sick') sickCredentialId = seeded.credentialId;
  }
  key = String((await harness.admin('POST', '/api/keys', { name: 'pool' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(async () => {
  await harness?.close();
  await sick?.close();
});

const ask = (model: string, content = 'hi') =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content }] });

function upstreamModelsSince(start: number, mock = harness.mock): string[] {
  return mock.requests.slice(start).map((call) => String((call.body as { model: string }).model));
}

describe('failover to a second credential', () => {
  it('a 500 on the first credential is retried on the second; the client sees only the answer', async () => {
    const start = harness.mock.requests.length;
    harness.mock.failNext(1, { status: 500 });
    const completion = await ask('pool-500', 'first try');
    const tried = upstreamModelsSince(start);
    expect(tried).toHaveLength(2);
    expect(new Set(tried)).toEqual(new Set(['up-a', 'up-b']));
    expect(completion.choices[0]?.message.content).toBe(`Hello from ${tried[1]}: first try`);
  });

  it('a 529 overloaded Anthropic credential fails over for an Anthropic client (stream)', async () => {
    const start = harness.mock.requests.length;
    harness.mock.failNext(1, {
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    const message = await anthropic.messages
      .stream({ model: 'pool-529', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    const tried = upstreamModelsSince(start);
    expect(tried).toHaveLength(2);
    expect(tried[0]).not.toBe(tried[1]);
    expect(message.content[0]).toMatchObject({ text: `Hello from ${tried[1]}: x` });
  });

  it('a credential whose upstream refuses connections is skipped for the healthy one', async () => {
    const start = harness.mock.requests.length;
    const answers = await Promise.all(
      [1, 2, 3, 4].map((turn) => ask('pool-refused', `turn ${turn}`)),
    );
    expect(answers.map((answer) => answer.choices[0]?.message.content)).toEqual(
      [1, 2, 3, 4].map((turn) => `Hello from up-alive: turn ${turn}`),
    );
    expect(upstreamModelsSince(start)).toEqual(['up-alive', 'up-alive', 'up-alive', 'up-alive']);
  });

  it('spreads requests evenly over two healthy configs of one alias', async () => {
    const start = harness.mock.requests.length;
    for (let turn = 0; turn < 10; turn += 1) await ask('even');
    const tried = upstreamModelsSince(start);
    expect(tried.filter((model) => model === 'up-left')).toHaveLength(5);
    expect(tried.filter((model) => model === 'up-right')).toHaveLength(5);
  });

  it('spreads concurrent requests evenly too (least in flight)', async () => {
    const start = harness.mock.requests.length;
    await Promise.all(Array.from({ length: 8 }, () => ask('even')));
    const tried = upstreamModelsSince(start);
    // Least in flight first: neither config takes the whole burst.
    expect(tried.filter((model) => model === 'up-left').length).toBeGreaterThanOrEqual(3);
    expect(tried.filter((model) => model === 'up-right').length).toBeGreaterThanOrEqual(3);
  });
});

describe('circuit breaker', () => {
  async function breakerStateOfSick(): Promise<number | undefined> {
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (row) =>
          row.startsWith('llmfb_upstream_breaker_state{') && row.includes(`"${sickCredentialId}"`),
      );
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  }

  it('opens after repeated failures, skips the credential without calling it, then half-opens', async () => {
    sick.failNext(1000, { status: 500 });
    // Every request succeeds (failover), while the sick credential collects failures.
    while (sick.requests.length < 3) {
      const answer = await ask('fragile');
      expect(answer.choices[0]?.message.content).toMatch(/^Hello from up-well/);
    }
    expect(await breakerStateOfSick()).toBe(2);

    // Open: the sick upstream is not called at all, the caller still gets answers.
    const callsWhenOpened = sick.requests.length;
    const wellBefore = harness.mock.requests.length;
    for (let turn = 0; turn < 4; turn += 1) await ask('fragile');
    expect(sick.requests.length).toBe(callsWhenOpened);
    expect(harness.mock.requests.length - wellBefore).toBe(4);

    // After the reset timeout one probe goes through; the upstream has recovered, so it closes.
    sick.clearFailures();
    const deadline = Date.now() + breakerResetMs * 4;
    while (sick.requests.length === callsWhenOpened && Date.now() < deadline) {
      await ask('fragile');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sick.requests.length).toBe(callsWhenOpened + 1);
    expect(await breakerStateOfSick()).toBe(0);
    const before = sick.requests.length;
    for (let turn = 0; turn < 4; turn += 1) await ask('fragile');
    expect(sick.requests.length - before).toBe(2);
  });
});
