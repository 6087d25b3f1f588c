/**
 * The proxy's side endpoints (`GET /v1/models` in both shapes, `POST /v1/messages/count_tokens`
 * forwarded or estimated) and bad input: malformed JSON, missing or mistyped fields, unknown
 * models and keys — always answered in the caller's format, never a 500.
 */
import http from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness, type SeededModel } from './proxy-harness';

let harness: ProxyHarness;
let claude: SeededModel;
let gpt: SeededModel;
let allKey: string;

beforeAll(async () => {
  harness = await startProxyHarness();
  claude = await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'claude',
  });
  gpt = await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  const disabled = await harness.seedModel({ provider: 'openai', alias: 'switched-off' });
  await harness.admin('PUT', `/api/models/${disabled.modelConfigId}`, { is_enabled: false });
  allKey = String((await harness.admin('POST', '/api/keys', { name: 'all' })).body.key);
});
afterAll(() => harness?.close());

describe('GET /v1/models', () => {
  it('lists, in OpenAI shape, only the enabled models the key may call', async () => {
    const all = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: allKey });
    const ids: string[] = [];
    for await (const model of all.models.list()) {
      expect(model.object).toBe('model');
      expect(typeof model.created).toBe('number');
      ids.push(model.id);
    }
    expect(ids.sort()).toEqual(['claude', 'gpt']);
    const scoped = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: gpt.key });
    expect((await scoped.models.list()).data.map((model) => model.id)).toEqual(['gpt']);
  });

  it('lists in Anthropic shape when the request carries anthropic-version', async () => {
    const client = new Anthropic({ baseURL: harness.url, apiKey: claude.key });
    const page = await client.models.list();
    expect(page.data).toEqual([
      expect.objectContaining({ type: 'model', id: 'claude', created_at: expect.any(String) }),
    ]);
    const raw = await fetch(`${harness.url}/v1/models`, {
      headers: { 'x-api-key': allKey, 'anthropic-version': '2023-06-01' },
    });
    const body = (await raw.json()) as { data: Array<{ id: string }>; has_more: boolean };
    expect(body.data.map((model) => model.id).sort()).toEqual(['claude', 'gpt']);
    expect(body.has_more).toBe(false);
  });
});

describe('GET /v1/models/{id}', () => {
  it('answers one model the key may call, in the shape of the list items, for both SDKs', async () => {
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: allKey });
    const listed = (await openai.models.list()).data.find((model) => model.id === 'gpt');
    expect(await openai.models.retrieve('gpt')).toEqual(listed);
    const anthropic = new Anthropic({ baseURL: harness.url, apiKey: allKey });
    const page = await anthropic.models.list();
    expect(await anthropic.models.retrieve('claude')).toEqual(
      page.data.find((model) => model.id === 'claude'),
    );
  });

  it("answers 404 in the caller's dialect for a model the key may not call or that is off", async () => {
    const scoped = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: gpt.key });
    await expect(scoped.models.retrieve('claude')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
    const anthropic = new Anthropic({ baseURL: harness.url, apiKey: allKey });
    await expect(anthropic.models.retrieve('switched-off')).rejects.toMatchObject({
      status: 404,
      error: { type: 'error', error: { type: 'not_found_error' } },
    });
    const noKey = await fetch(`${harness.url}/api/v1/models/gpt`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
  });
});

describe('POST /v1/messages/count_tokens', () => {
  it('is forwarded to an Anthropic upstream with the upstream model name', async () => {
    const client = new Anthropic({ baseURL: harness.url, apiKey: allKey });
    const { data, response } = await client.messages
      .countTokens({ model: 'claude', messages: [{ role: 'user', content: 'count me' }] })
      .withResponse();
    const call = harness.mock.requests.at(-1)!;
    expect(call.path).toBe('/v1/messages/count_tokens');
    expect(call.body).toMatchObject({ model: 'claude-sonnet-4-5' });
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-llmfb-estimate')).toBeNull();
  });

  it('is estimated for an OpenAI upstream and flagged x-llmfb-estimate: true', async () => {
    const client = new Anthropic({ baseURL: harness.url, apiKey: allKey });
    const before = harness.mock.requests.length;
    const { data, response } = await client.messages
      .countTokens({
        model: 'gpt',
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'How many tokens is this sentence, roughly?' }],
      })
      .withResponse();
    expect(harness.mock.requests.length).toBe(before);
    expect(response.headers.get('x-llmfb-estimate')).toBe('true');
    expect(data.input_tokens).toBeGreaterThan(5);
    expect(data.input_tokens).toBeLessThan(60);
  });
});

interface RawAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function post(
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(harness.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const openaiCall = (body: string, key = allKey) =>
  post('/v1/chat/completions', body, { authorization: `Bearer ${key}` });
const anthropicCall = (body: string, key = allKey) =>
  post('/v1/messages', body, { 'x-api-key': key, 'anthropic-version': '2023-06-01' });

function expectOpenAIError(answer: RawAnswer, status: number, param?: string): string {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('x-request-id')).toBeTruthy();
  const error = answer.body.error as { message: string; type: string; param: string | null };
  expect(typeof error.message).toBe('string');
  expect(typeof error.type).toBe('string');
  if (param !== undefined) expect(`${error.param ?? ''} ${error.message}`).toContain(param);
  return error.message;
}

function expectAnthropicError(answer: RawAnswer, status: number, type: string): string {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('x-request-id')).toBeTruthy();
  expect(answer.body.type).toBe('error');
  const error = answer.body.error as { type: string; message: string };
  expect(error.type).toBe(type);
  return error.message;
}

describe('bad input is a 400 in the caller’s format naming the field', () => {
  it('malformed JSON', async () => {
    expectOpenAIError(await openaiCall('{"model": "gpt", '), 400);
    expectAnthropicError(await anthropicCall('{"model": "claude"'), 400, 'invalid_request_error');
    const count = await post('/v1/messages/count_tokens', '{not json', { 'x-api-key': allKey });
    expectAnthropicError(count, 400, 'invalid_request_error');
  });

  it('a body that is not an object', async () => {
    expectOpenAIError(await openaiCall('[1, 2, 3]'), 400);
    expectAnthropicError(await anthropicCall('"just a string"'), 400, 'invalid_request_error');
  });

  it('missing model', async () => {
    const messages = [{ role: 'user', content: 'hi' }];
    expectOpenAIError(await openaiCall(JSON.stringify({ messages })), 400, 'model');
    const message = expectAnthropicError(
      await anthropicCall(JSON.stringify({ max_tokens: 8, messages })),
      400,
      'invalid_request_error',
    );
    expect(message).toContain('model');
  });

  it.each([
    ['messages', { model: 'gpt', messages: 'hi' }],
    [
      'max_tokens',
      { model: 'gpt', max_tokens: 'ten', messages: [{ role: 'user', content: 'hi' }] },
    ],
    ['stream', { model: 'gpt', stream: 'yes', messages: [{ role: 'user', content: 'hi' }] }],
    [
      'temperature',
      { model: 'gpt', temperature: 'hot', messages: [{ role: 'user', content: 'hi' }] },
    ],
  ])('wrong type of %s (OpenAI format)', async (field, body) => {
    expectOpenAIError(await openaiCall(JSON.stringify(body)), 400, field);
  });

  it.each([
    ['messages', { model: 'claude', max_tokens: 8, messages: { role: 'user' } }],
    [
      'max_tokens',
      { model: 'claude', max_tokens: 'ten', messages: [{ role: 'user', content: 'hi' }] },
    ],
    ['content', { model: 'claude', max_tokens: 8, messages: [{ role: 'user', content: 42 }] }],
    ['role', { model: 'claude', max_tokens: 8, messages: [{ role: 'robot', content: 'hi' }] }],
  ])('wrong type of %s (Anthropic format)', async (field, body) => {
    const message = expectAnthropicError(
      await anthropicCall(JSON.stringify(body)),
      400,
      'invalid_request_error',
    );
    expect(message).toContain(field);
  });

  it('never reaches the upstream', async () => {
    const before = harness.mock.requests.length;
    await openaiCall(JSON.stringify({ model: 'gpt', messages: 'hi' }));
    await anthropicCall(JSON.stringify({ model: 'claude', max_tokens: 'x', messages: [] }));
    expect(harness.mock.requests.length).toBe(before);
  });
});

describe('unknown models and keys', () => {
  it('an unknown model → 404 model_not_found / not_found_error, through the SDKs', async () => {
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: allKey, maxRetries: 0 });
    const notFound = await openai.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');

    const anthropic = new Anthropic({ baseURL: harness.url, apiKey: allKey, maxRetries: 0 });
    const missing = await anthropic.messages
      .create({
        model: 'no-such-model',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError);
    expect((missing as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      error: { type: 'not_found_error' },
    });
  });

  it('a model the key may not use → 404, like one that does not exist', async () => {
    const answer = await openaiCall(
      JSON.stringify({ model: 'claude', messages: [{ role: 'user', content: 'hi' }] }),
      gpt.key,
    );
    expect((answer.body.error as { code: string }).code).toBe('model_not_found');
    expect(answer.status).toBe(404);
  });

  it('no key, or a wrong one → 401 in each format', async () => {
    const body = JSON.stringify({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
    const none = await post('/v1/chat/completions', body);
    expectOpenAIError(none, 401);
    const wrong = await anthropicCall(body, 'llmb_wrongwrongwrongwrongwrongwrongwrong');
    expectAnthropicError(wrong, 401, 'authentication_error');
    const models = await fetch(`${harness.url}/v1/models`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(models.status).toBe(401);
  });

  it('an unknown proxy path → 404 in the caller’s format', async () => {
    const answer = await post('/v1/completions', '{}', { authorization: `Bearer ${allKey}` });
    expectOpenAIError(answer, 404);
    expect(answer.headers.get('content-length')).toBe(
      String(Buffer.byteLength(JSON.stringify(answer.body))),
    );
  });

  it('routes regardless of case, a trailing slash or a query string', async () => {
    const missingModel = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] });
    for (const path of [
      '/V1/Chat/Completions',
      '/v1/chat/completions/',
      '/api/v1/chat/completions?x=1',
    ]) {
      expectOpenAIError(
        await post(path, missingModel, { authorization: `Bearer ${allKey}` }),
        400,
        'model',
      );
    }
    // An absolute-form request target (RFC 9112 §3.2.2), which servers must accept.
    const absolute = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const call = http.request(
        `${harness.url}/v1/models`,
        { method: 'GET', path: `${harness.url}/v1/models`, headers: { 'x-api-key': allKey } },
        (answer) => {
          let body = '';
          answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
        },
      );
      call.on('error', reject);
      call.end();
    });
    expect(absolute.status).toBe(200);
    expect(JSON.parse(absolute.body)).toMatchObject({ object: 'list' });
    const head = await fetch(`${harness.url}/v1/models`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${allKey}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toContain('application/json');
    expect(await head.text()).toBe('');
    const anthropic = await post('/v1/messages/?beta=true', missingModel, { 'x-api-key': allKey });
    expectAnthropicError(anthropic, 400, 'invalid_request_error');
  });
});
