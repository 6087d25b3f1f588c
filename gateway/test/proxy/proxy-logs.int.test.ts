/**
 * Every proxied request — answered, refused, failed upstream, cut mid-stream — leaves exactly one
 * request-log row (written asynchronously by the embedded workers) with what happened: formats,
 * alias, key, model config, status, latency, TTFT for streams, tokens, error text, conversion notes.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness, type SeededModel } from './proxy-harness';

let harness: ProxyHarness;
let silentUpstream: MockUpstream;
let claude: SeededModel;
let gpt: SeededModel;
let quiet: SeededModel;
let keyId: string;
let openai: OpenAI;
let anthropic: Anthropic;
/** Every request id this file sent, to check one row each at the end. */
const sent: string[] = [];

beforeAll(async () => {
  harness = await startProxyHarness({ env: { LLMFB_BREAKER_VOLUME_THRESHOLD: '1000' } });
  silentUpstream = await startMockUpstream({ omitUsage: true });
  claude = await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'claude',
  });
  gpt = await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  quiet = await harness.seedModel({
    provider: 'openai',
    modelName: 'gpt-4.1',
    alias: 'no-usage',
    apiUrl: `${silentUpstream.url}/v1`,
  });
  const key = await harness.admin('POST', '/api/keys', { name: 'logged' });
  keyId = String(key.body.id);
  openai = new OpenAI({
    baseURL: `${harness.url}/v1`,
    apiKey: String(key.body.key),
    maxRetries: 0,
  });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: String(key.body.key), maxRetries: 0 });
});
afterAll(async () => {
  await harness?.close();
  await silentUpstream?.close();
});

function remember(requestId: string | null | undefined): string {
  if (!requestId) throw new Error('no x-request-id on the answer');
  sent.push(requestId);
  return requestId;
}

async function errorRequestId(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected an error');
    },
    (caught: { headers?: Headers }) => caught,
  );
  return remember(error.headers?.get('x-request-id'));
}

describe('request log rows', () => {
  it('an answered cross-format request: formats, alias, ids, tokens, notes, no TTFT', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude', messages: [{ role: 'user', content: 'log me' }] })
      .withResponse();
    const log = await harness.waitForLog(remember(response.headers.get('x-request-id')));
    const reply = harness.mock.requests.at(-1)!.reply!;
    expect(log).toMatchObject({
      source_format: 'openai',
      target_format: 'anthropic',
      model: 'claude',
      model_config_id: claude.modelConfigId,
      key_id: keyId,
      stream: false,
      status_code: 200,
      ttft_ms: null,
      input_tokens: reply.inputTokens,
      output_tokens: reply.outputTokens,
      tokens_used: reply.inputTokens + reply.outputTokens,
      tokens_estimated: false,
      error_message: null,
      upstream_attempts: 1,
    });
    expect(data.usage?.total_tokens).toBe(log.tokens_used);
    expect(log.response_time_ms).toBeGreaterThan(0);
    expect(JSON.stringify(log.conversion_notes)).toContain('max_tokens');
  });

  it('a streamed answer: TTFT within the response time, the upstream usage', async () => {
    const { response } = await anthropic.messages
      .create({
        model: 'gpt',
        max_tokens: 32,
        stream: true,
        messages: [{ role: 'user', content: 'stream and log' }],
      })
      .withResponse();
    await response.text();
    const log = await harness.waitForLog(remember(response.headers.get('x-request-id')));
    const reply = harness.mock.requests.at(-1)!.reply!;
    expect(log).toMatchObject({
      source_format: 'anthropic',
      target_format: 'openai',
      model: 'gpt',
      model_config_id: gpt.modelConfigId,
      stream: true,
      status_code: 200,
      input_tokens: reply.inputTokens,
      output_tokens: reply.outputTokens,
      tokens_estimated: false,
    });
    expect(log.ttft_ms).toBeGreaterThan(0);
    expect(log.ttft_ms).toBeLessThanOrEqual(log.response_time_ms);
  });

  it('an upstream without usage: tokens estimated and flagged', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'no-usage', stream: true, messages: [{ role: 'user', content: 'count?' }] })
      .withResponse();
    await response.text();
    const log = await harness.waitForLog(remember(response.headers.get('x-request-id')));
    expect(log).toMatchObject({ model_config_id: quiet.modelConfigId, tokens_estimated: true });
    expect(log.output_tokens).toBeGreaterThan(0);
    expect(log.input_tokens).toBeGreaterThan(0);
  });

  it('an upstream error: its status and message', async () => {
    harness.mock.failNext(1, {
      status: 400,
      body: {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'prompt is too long' },
      },
    });
    const requestId = await errorRequestId(
      anthropic.messages.create({
        model: 'claude',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    const log = await harness.waitForLog(requestId);
    expect(log).toMatchObject({ status_code: 400, model: 'claude', key_id: keyId });
    expect(log.error_message).toContain('prompt is too long');
  });

  it('an upstream 5xx after failover attempts: the status and the attempts', async () => {
    harness.mock.failNext(1, { status: 503 });
    const requestId = await errorRequestId(
      openai.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'x' }] }),
    );
    const log = await harness.waitForLog(requestId);
    expect(log.status_code).toBe(503);
    expect(log.upstream_attempts).toBe(1);
    expect(log.error_message).toBeTruthy();
  });

  it('a stream cut by an upstream error: the error text on the row', async () => {
    harness.mock.failNext(1, {
      status: 200,
      midStreamAfterEvents: 3,
      body: { error: { type: 'overloaded_error', message: 'Overloaded halfway' } },
    });
    const { response } = await openai.chat.completions
      .create({ model: 'claude', stream: true, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    await response.text();
    const log = await harness.waitForLog(remember(response.headers.get('x-request-id')));
    expect(log.stream).toBe(true);
    expect(log.error_message).toContain('Overloaded halfway');
  });

  it('a stream cut by a dropped upstream connection: the error text and the usage so far', async () => {
    harness.mock.failNext(1, { status: 0, midStreamAfterEvents: 3 });
    const since = harness.mock.requests.length;
    const { response } = await openai.chat.completions
      .create({ model: 'claude', stream: true, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    await response.text();
    const log = await harness.waitForLog(remember(response.headers.get('x-request-id')));
    // The row is written as the answer closes; the relay's outcome is on it by then.
    expect(log).toMatchObject({ stream: true, status_code: 200, tokens_estimated: false });
    expect(log.error_message).toMatch(/middle of the answer/);
    expect(log.input_tokens).toBe(harness.mock.requests[since]!.reply!.inputTokens);
  });

  it('gateway refusals: unknown model, bad JSON, bad key — each its own row', async () => {
    const unknown = await errorRequestId(
      openai.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }),
    );
    expect(await harness.waitForLog(unknown)).toMatchObject({
      status_code: 404,
      model: 'nope',
      key_id: keyId,
      model_config_id: null,
    });

    const broken = await fetch(`${harness.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': claude.key, 'content-type': 'application/json' },
      body: '{"model": ',
    });
    const brokenLog = await harness.waitForLog(remember(broken.headers.get('x-request-id')));
    expect(brokenLog).toMatchObject({ status_code: 400, source_format: 'anthropic' });
    expect(brokenLog.error_message).toBeTruthy();

    const stranger = await fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer llmb_not_a_real_key_at_all_0000000000',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(stranger.status).toBe(401);
    const strangerLog = await harness.waitForLog(remember(stranger.headers.get('x-request-id')));
    expect(strangerLog).toMatchObject({ status_code: 401, key_id: null });
  });

  it('a rate-limit refusal', async () => {
    const limited = await harness.seedModel({ provider: 'openai', rateLimit: 1 });
    const client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: limited.key, maxRetries: 0 });
    const ok = await client.chat.completions
      .create({ model: limited.alias, messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    remember(ok.response.headers.get('x-request-id'));
    const requestId = await errorRequestId(
      client.chat.completions.create({
        model: limited.alias,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    const log = await harness.waitForLog(requestId);
    expect(log).toMatchObject({ status_code: 429, model: limited.alias });
    expect(log.error_message).toMatch(/rate limit/i);
  });

  it('the side endpoints too', async () => {
    const models = await openai.models.list().withResponse();
    const count = await anthropic.messages
      .countTokens({ model: 'gpt', messages: [{ role: 'user', content: 'x' }] })
      .withResponse();
    const listed = await harness.waitForLog(remember(models.response.headers.get('x-request-id')));
    const counted = await harness.waitForLog(remember(count.response.headers.get('x-request-id')));
    expect(listed).toMatchObject({ status_code: 200 });
    expect(counted).toMatchObject({ status_code: 200, model: 'gpt' });
  });

  it('exactly one row per request sent', async () => {
    for (const requestId of sent) await harness.waitForLog(requestId);
    const answer = await harness.admin('GET', '/api/logs?limit=500');
    const ids = (answer.body.items as Array<{ request_id: string }>).map((row) => row.request_id);
    for (const requestId of sent) expect(ids.filter((id) => id === requestId)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
