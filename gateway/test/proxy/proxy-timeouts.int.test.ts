/**
 * Upstream timeouts (issue scope 3): an upstream that never starts answering times out into a 504
 * in the caller's format — or fails over to a healthy credential — and one that goes silent
 * mid-stream ends the stream with an error event. (undici checks these timers about once a
 * second, so the tests use gaps well above the configured 300 ms.)
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let hung: MockUpstream;
let slow: MockUpstream;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  harness = await startProxyHarness({
    env: {
      LLMFB_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '300',
      LLMFB_UPSTREAM_IDLE_TIMEOUT_MS: '300',
      LLMFB_BREAKER_VOLUME_THRESHOLD: '1000',
    },
  });
  hung = await startMockUpstream();
  hung.hang();
  slow = await startMockUpstream({ gapMs: 2500, deltaCount: 2 });
  await harness.seedModel({ provider: 'anthropic', alias: 'stuck', apiUrl: hung.url });
  await harness.seedModel({ provider: 'openai', alias: 'rescued', apiUrl: `${hung.url}/v1` });
  await harness.seedModel({ provider: 'openai', alias: 'rescued', modelName: 'up-healthy' });
  await harness.seedModel({ provider: 'openai', alias: 'dawdler', apiUrl: `${slow.url}/v1` });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'timeouts' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(async () => {
  await harness?.close();
  await hung?.close();
  await slow?.close();
});

describe('first-byte timeout', () => {
  it('answers 504 in each caller format and lets go of the upstream request', async () => {
    const [fromOpenAI, fromAnthropic] = await Promise.all([
      openai.chat.completions
        .create({ model: 'stuck', messages: [{ role: 'user', content: 'anyone?' }] })
        .catch((error: unknown) => error),
      anthropic.messages
        .create({ model: 'stuck', max_tokens: 8, messages: [{ role: 'user', content: 'anyone?' }] })
        .catch((error: unknown) => error),
    ]);
    expect(fromOpenAI).toBeInstanceOf(OpenAI.InternalServerError);
    expect(fromOpenAI).toMatchObject({ status: 504, code: 'timeout' });
    expect(fromAnthropic).toBeInstanceOf(Anthropic.InternalServerError);
    expect((fromAnthropic as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'timeout_error' },
    });
    expect(hung.requests).toHaveLength(2);
    const deadline = Date.now() + 2000;
    while (!hung.requests.every((call) => call.aborted) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hung.requests.every((call) => call.aborted)).toBe(true);
  });

  it('fails over to the healthy credential of the alias', async () => {
    const before = hung.requests.length;
    const answers = [];
    for (const turn of [1, 2]) {
      answers.push(
        await openai.chat.completions.create({
          model: 'rescued',
          messages: [{ role: 'user', content: `turn ${turn}` }],
        }),
      );
    }
    expect(answers.map((answer) => answer.choices[0]?.message.content)).toEqual([
      'Hello from up-healthy: turn 1',
      'Hello from up-healthy: turn 2',
    ]);
    expect(hung.requests.length - before).toBe(1);
  });
});

describe('idle timeout between stream chunks', () => {
  it('ends the stream with an error event the SDKs raise', async () => {
    const drainOpenAI = async () => {
      const stream = await openai.chat.completions.create({
        model: 'dawdler',
        stream: true,
        messages: [{ role: 'user', content: 'slowly' }],
      });
      for await (const _chunk of stream);
    };
    const drainAnthropic = async () => {
      const stream = await anthropic.messages.create({
        model: 'dawdler',
        max_tokens: 8,
        stream: true,
        messages: [{ role: 'user', content: 'slowly' }],
      });
      for await (const _event of stream);
    };
    const [fromOpenAI, fromAnthropic] = await Promise.all([
      drainOpenAI().then(
        () => undefined,
        (error: unknown) => error,
      ),
      drainAnthropic().then(
        () => undefined,
        (error: unknown) => error,
      ),
    ]);
    expect(fromOpenAI).toBeInstanceOf(OpenAI.APIError);
    expect(String((fromOpenAI as Error).message)).toMatch(/silent/);
    expect(fromAnthropic).toBeInstanceOf(Anthropic.APIError);
    expect(String((fromAnthropic as Error).message)).toMatch(/silent/);
  });
});
