/**
 * Upstream errors as the caller's SDK sees them: status mapping between the dialects
 * (CONVERSION.md §5.3/§5.4, API.md), `retry-after` kept, and failures after the first byte ending
 * the stream with an error event the SDKs raise as their API error type.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let openai: OpenAI;
let anthropic: Anthropic;

const anthropicError = (type: string, message: string) => ({
  type: 'error',
  error: { type, message },
  request_id: 'req_upstream',
});
const openaiError = (type: string, code: string | null, message: string) => ({
  error: { message, type, param: null, code },
});

beforeAll(async () => {
  // The breaker would open after a few failures in a row; these tests are about the mapping.
  harness = await startProxyHarness({ env: { LLMFB_BREAKER_VOLUME_THRESHOLD: '1000' } });
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'claude',
  });
  await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'errors' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

async function catchError<T>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

const askOpenAI = (model: string) =>
  openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const askAnthropic = (model: string) =>
  anthropic.messages.create({ model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });

describe('before the first byte', () => {
  it('Anthropic 529 overloaded → OpenAI client 503, retry-after kept', async () => {
    harness.mock.failNext(1, {
      status: 529,
      body: anthropicError('overloaded_error', 'Overloaded'),
      headers: { 'retry-after': '7' },
    });
    const error = await catchError(askOpenAI('claude'), OpenAI.InternalServerError);
    expect(error.status).toBe(503);
    expect(error.type).toBe('service_unavailable_error');
    expect(error.message).toContain('Overloaded');
    expect(error.headers?.get('retry-after')).toBe('7');
    expect(error.headers?.get('x-request-id')).toBeTruthy();
  });

  it('Anthropic 529 → Anthropic client 529 overloaded_error', async () => {
    harness.mock.failNext(1, {
      status: 529,
      body: anthropicError('overloaded_error', 'Overloaded'),
    });
    const error = await catchError(askAnthropic('claude'), Anthropic.InternalServerError);
    expect(error.status).toBe(529);
    expect((error.error as { error: { type: string } }).error.type).toBe('overloaded_error');
  });

  it('OpenAI 429 insufficient_quota → Anthropic client 402 billing_error, not to be retried', async () => {
    harness.mock.failNext(1, {
      status: 429,
      body: openaiError(
        'insufficient_quota',
        'insufficient_quota',
        'You exceeded your current quota.',
      ),
    });
    const error = await catchError<InstanceType<typeof Anthropic.APIError>>(
      askAnthropic('gpt'),
      Anthropic.APIError,
    );
    expect(error.status).toBe(402);
    expect(error.error).toMatchObject({
      type: 'error',
      error: { type: 'billing_error', message: expect.stringContaining('quota') },
    });
    expect(error.headers?.get('x-should-retry')).toBe('false');
  });

  it('OpenAI 429 rate limit → Anthropic client 429 rate_limit_error with retry-after', async () => {
    harness.mock.failNext(1, {
      status: 429,
      body: openaiError('requests', 'rate_limit_exceeded', 'Rate limit reached.'),
      headers: { 'retry-after': '3' },
    });
    const error = await catchError(askAnthropic('gpt'), Anthropic.RateLimitError);
    expect(error.headers?.get('retry-after')).toBe('3');
    expect((error.error as { error: { type: string } }).error.type).toBe('rate_limit_error');
  });

  it('Anthropic 400 → OpenAI BadRequestError with the upstream message', async () => {
    harness.mock.failNext(1, {
      status: 400,
      body: anthropicError('invalid_request_error', 'messages.0.content: field required'),
    });
    const error = await catchError(askOpenAI('claude'), OpenAI.BadRequestError);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain('messages.0.content: field required');
  });

  it('Anthropic 401 → OpenAI AuthenticationError invalid_api_key', async () => {
    harness.mock.failNext(1, {
      status: 401,
      body: anthropicError('authentication_error', 'invalid x-api-key'),
    });
    const error = await catchError(askOpenAI('claude'), OpenAI.AuthenticationError);
    expect(error.code).toBe('invalid_api_key');
  });

  it('Anthropic 404 → OpenAI NotFoundError; OpenAI 404 → Anthropic not_found_error', async () => {
    harness.mock.failNext(1, {
      status: 404,
      body: anthropicError('not_found_error', 'model: claude-sonnet-4-5 not found'),
    });
    const fromAnthropic = await catchError(askOpenAI('claude'), OpenAI.NotFoundError);
    expect(fromAnthropic.message).toContain('not found');
    harness.mock.failNext(1, {
      status: 404,
      body: openaiError('invalid_request_error', 'model_not_found', 'The model does not exist.'),
    });
    const fromOpenAI = await catchError(askAnthropic('gpt'), Anthropic.NotFoundError);
    expect((fromOpenAI.error as { error: { type: string } }).error.type).toBe('not_found_error');
  });

  it('OpenAI 401 → Anthropic AuthenticationError', async () => {
    harness.mock.failNext(1, {
      status: 401,
      body: openaiError('invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'),
    });
    const error = await catchError(askAnthropic('gpt'), Anthropic.AuthenticationError);
    expect((error.error as { error: { type: string } }).error.type).toBe('authentication_error');
  });

  it('an OpenAI 500 reaches an OpenAI client as 500 through the passthrough', async () => {
    harness.mock.failNext(1, { status: 500 });
    const error = await catchError(askOpenAI('gpt'), OpenAI.InternalServerError);
    expect(error.status).toBe(500);
  });
});

async function drain(iterable: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _item of iterable) count += 1;
  return count;
}

describe('after the first byte', () => {
  it('an Anthropic event: error reaches an OpenAI client as an error chunk without [DONE]', async () => {
    harness.mock.failNext(1, {
      status: 200,
      midStreamAfterEvents: 4,
      body: { error: { type: 'overloaded_error', message: 'Overloaded mid-stream' } },
    });
    const response = await fetch(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${openai.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude',
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    const wire = await response.text();
    expect(response.status).toBe(200);
    expect(wire).toMatch(/^data: \{"error":\{.*Overloaded mid-stream/m);
    expect(wire).not.toContain('[DONE]');

    harness.mock.failNext(1, {
      status: 200,
      midStreamAfterEvents: 4,
      body: { error: { type: 'overloaded_error', message: 'Overloaded mid-stream' } },
    });
    const stream = await openai.chat.completions.create({
      model: 'claude',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(drain(stream)).rejects.toThrow(OpenAI.APIError);
  });

  it('an OpenAI error chunk reaches an Anthropic client as event: error', async () => {
    harness.mock.failNext(1, {
      status: 200,
      midStreamAfterEvents: 2,
      body: {
        error: {
          message: 'The server had an error',
          type: 'server_error',
          param: null,
          code: null,
        },
      },
    });
    const stream = await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 16,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const error = await drain(stream).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).message).toContain(
      'The server had an error',
    );
  });

  it.each([
    ['OpenAI client, Anthropic upstream', 'openai', 'claude'],
    ['OpenAI client, OpenAI upstream', 'openai', 'gpt'],
    ['Anthropic client, OpenAI upstream', 'anthropic', 'gpt'],
    ['Anthropic client, Anthropic upstream', 'anthropic', 'claude'],
  ])(
    'an upstream that dies mid-stream: %s → the SDK raises its API error',
    async (_name, client, model) => {
      harness.mock.failNext(1, { status: 0, midStreamAfterEvents: 3 });
      const stream =
        client === 'openai'
          ? await openai.chat.completions.create({
              model,
              stream: true,
              messages: [{ role: 'user', content: 'hi' }],
            })
          : await anthropic.messages.create({
              model,
              max_tokens: 16,
              stream: true,
              messages: [{ role: 'user', content: 'hi' }],
            });
      const error = await drain(stream).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(client === 'openai' ? OpenAI.APIError : Anthropic.APIError);
      expect(String((error as Error).message)).toMatch(/upstream/i);
    },
  );
});
