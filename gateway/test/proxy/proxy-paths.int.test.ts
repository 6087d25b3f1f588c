/**
 * The four format pairs through the gateway, driven by the official SDKs (stream, non-stream and
 * their stream helpers): what the caller sees (text, alias, finish/stop reason, usage, headers)
 * and what the upstream received (URL, body, headers).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness, type SeededModel } from './proxy-harness';

let harness: ProxyHarness;
let toOpenAI: SeededModel;
let toAnthropic: SeededModel;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  harness = await startProxyHarness();
  toOpenAI = await harness.seedModel({ provider: 'openai', modelName: 'up-gpt', alias: 'gpt-x' });
  toAnthropic = await harness.seedModel({
    provider: 'anthropic',
    modelName: 'up-claude',
    alias: 'claude-x',
    apiKey: 'sk-ant-api03-upstream-key',
  });
  const all = await harness.admin('POST', '/api/keys', { name: 'every model' });
  const key = String(all.body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

function lastUpstreamCall(): RecordedRequest {
  const call = harness.mock.requests.at(-1);
  if (!call) throw new Error('the upstream received nothing');
  return call;
}

function upstreamBody(): Record<string, unknown> {
  return lastUpstreamCall().body as Record<string, unknown>;
}

describe('OpenAI client', () => {
  it('→ Anthropic upstream, non-stream: converted answer, alias, usage, default max_tokens', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude-x', messages: [{ role: 'user', content: 'hello there' }] })
      .withResponse();
    const call = lastUpstreamCall();
    expect(call.path).toBe('/v1/messages');
    expect(call.headers['x-api-key']).toBe('sk-ant-api03-upstream-key');
    expect(call.headers['anthropic-version']).toBe('2023-06-01');
    expect(upstreamBody()).toMatchObject({ model: 'up-claude', max_tokens: 4096 });
    expect(data.choices[0]?.message.content).toBe('Hello from up-claude: hello there');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.model).toBe('claude-x');
    expect(data.usage).toMatchObject({
      prompt_tokens: call.reply?.inputTokens,
      completion_tokens: call.reply?.outputTokens,
      total_tokens: (call.reply?.inputTokens ?? 0) + (call.reply?.outputTokens ?? 0),
    });
    // A time-ordered UUIDv7 when the caller sent none.
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // One plain body with its length declared, not chunked.
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('x-llmfb-conversion-notes')).toMatch(/max_tokens/);
    const phases = (response.headers.get('server-timing') ?? '')
      .split(', ')
      .map((entry) => /^(\w+);dur=\d+\.\d+$/.exec(entry)?.[1]);
    expect(phases.sort()).toEqual(['auth', 'convert_in', 'convert_out', 'limit', 'upstream']);
    expect(Number(response.headers.get('x-ratelimit-remaining-requests'))).toBeGreaterThan(0);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('100');
  });

  it('→ Anthropic upstream, stream with usage: chunks, finish reason and usage arrive', async () => {
    const { data: stream, response } = await openai.chat.completions
      .create({
        model: 'claude-x',
        messages: [{ role: 'user', content: 'stream please' }],
        max_tokens: 50,
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      expect(chunk.model).toBe('claude-x');
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    const call = lastUpstreamCall();
    expect(upstreamBody()).toMatchObject({ model: 'up-claude', max_tokens: 50, stream: true });
    expect(text).toBe('Hello from up-claude: stream please');
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({
      prompt_tokens: call.reply?.inputTokens,
      completion_tokens: call.reply?.outputTokens,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBeTruthy();
  });

  it('→ Anthropic upstream with the stream helper: finalChatCompletion', async () => {
    const stream = openai.chat.completions.stream({
      model: 'claude-x',
      messages: [{ role: 'user', content: 'helper' }],
    });
    const deltas: string[] = [];
    stream.on('content.delta', ({ delta }) => deltas.push(delta));
    const completion = await stream.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe('Hello from up-claude: helper');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(deltas.join('')).toBe('Hello from up-claude: helper');
  });

  it('→ OpenAI upstream, non-stream: passed through with only the model name replaced', async () => {
    const { data, response } = await openai.chat.completions
      .create({
        model: 'gpt-x',
        messages: [{ role: 'user', content: 'same format' }],
        max_completion_tokens: 77,
        user: 'caller-1',
      })
      .withResponse();
    const call = lastUpstreamCall();
    expect(call.path).toBe('/v1/chat/completions');
    expect(call.headers.authorization).toMatch(/^Bearer sk-test-/);
    expect(upstreamBody()).toEqual({
      model: 'up-gpt',
      messages: [{ role: 'user', content: 'same format' }],
      max_completion_tokens: 77,
      user: 'caller-1',
    });
    expect(data.choices[0]?.message.content).toBe('Hello from up-gpt: same format');
    // Same-format answers go back byte for byte: the upstream's own model name, not the alias.
    expect(data.model).toBe('up-gpt');
    expect(data.usage?.prompt_tokens).toBe(call.reply?.inputTokens);
    expect(response.headers.get('x-llmfb-conversion-notes')).toBeNull();
    expect(response.headers.get('server-timing')).toMatch(/upstream;dur=/);
  });

  it('→ OpenAI upstream, stream: usage asked of the upstream but not sent to a caller who did not ask', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-x',
      messages: [{ role: 'user', content: 'no usage' }],
      stream: true,
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(upstreamBody()).toMatchObject({
      model: 'up-gpt',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Hello from up-gpt: no usage',
    );
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(chunks.every((chunk) => chunk.model === 'up-gpt')).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('Anthropic client', () => {
  it('→ OpenAI upstream, non-stream: max_completion_tokens, converted answer and usage', async () => {
    const { data, response } = await anthropic.messages
      .create({
        model: 'gpt-x',
        max_tokens: 200,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hi gpt' }],
      })
      .withResponse();
    const call = lastUpstreamCall();
    expect(call.path).toBe('/v1/chat/completions');
    expect(upstreamBody()).toMatchObject({
      model: 'up-gpt',
      max_completion_tokens: 200,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi gpt' },
      ],
    });
    expect(upstreamBody()).not.toHaveProperty('max_tokens');
    expect(data.content).toEqual([{ type: 'text', text: 'Hello from up-gpt: hi gpt' }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.model).toBe('gpt-x');
    expect(data.usage).toMatchObject({
      input_tokens: call.reply?.inputTokens,
      output_tokens: call.reply?.outputTokens,
    });
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(response.headers.get('server-timing')).toMatch(/convert_in;dur=.*convert_out;dur=/);
    expect(Number(response.headers.get('anthropic-ratelimit-requests-remaining'))).toBeGreaterThan(
      0,
    );
  });

  it('→ OpenAI upstream, stream: include_usage requested, events and usage converted', async () => {
    const stream = anthropic.messages.stream({
      model: 'gpt-x',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'stream gpt' }],
    });
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    const call = lastUpstreamCall();
    expect(upstreamBody()).toMatchObject({
      model: 'up-gpt',
      max_completion_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(texts.join('')).toBe('Hello from up-gpt: stream gpt');
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from up-gpt: stream gpt' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe('gpt-x');
    expect(message.usage.output_tokens).toBe(call.reply?.outputTokens);
    expect(message.usage.input_tokens).toBe(call.reply?.inputTokens);
  });

  it('→ Anthropic upstream, raw stream: version and beta headers forwarded, events relayed', async () => {
    const stream = await anthropic.messages.create(
      {
        model: 'claude-x',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'pass me through' }],
        stream: true,
      },
      {
        headers: {
          'anthropic-version': '2023-06-01',
          'anthropic-beta': 'interleaved-thinking-2025-05-14,fancy-beta',
        },
      },
    );
    const types: string[] = [];
    let text = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        text += event.delta.text;
    }
    const call = lastUpstreamCall();
    expect(call.headers['anthropic-version']).toBe('2023-06-01');
    expect(call.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14,fancy-beta');
    expect(upstreamBody()).toMatchObject({ model: 'up-claude', max_tokens: 32, stream: true });
    expect(text).toBe('Hello from up-claude: pass me through');
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
  });

  it('→ Anthropic upstream through the beta client (`?beta=true`): same route, same answer', async () => {
    const message = await anthropic.beta.messages.create({
      model: 'claude-x',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'beta route' }],
      betas: ['context-1m-2025-08-07'],
    });
    expect(lastUpstreamCall().headers['anthropic-beta']).toBe('context-1m-2025-08-07');
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Hello from up-claude: beta route' }),
    ]);
    expect(message.model).toBe('up-claude');
    expect(lastUpstreamCall().path).toBe('/v1/messages');
    const raw = await fetch(`${harness.url}/v1/messages?beta=true`, {
      method: 'POST',
      headers: { 'x-api-key': toAnthropic.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-x',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'query string' }],
      }),
    });
    expect(raw.status).toBe(200);
    expect(((await raw.json()) as { content: Array<{ text: string }> }).content[0]?.text).toBe(
      'Hello from up-claude: query string',
    );
  });

  it('→ Anthropic upstream with a Bearer token (authToken) and the stream helper', async () => {
    const client = new Anthropic({
      baseURL: harness.url,
      apiKey: null,
      authToken: toAnthropic.key,
      maxRetries: 0,
    });
    const message = await client.messages
      .stream({
        model: 'claude-x',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'bearer' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Hello from up-claude: bearer' }),
    ]);
    expect(message.usage.output_tokens).toBe(lastUpstreamCall().reply?.outputTokens);
  });
});

describe('the base URL', () => {
  it('answers HEAD / and GET / with 200 and an x-request-id', async () => {
    const head = await fetch(`${harness.url}/`, { method: 'HEAD' });
    const get = await fetch(`${harness.url}/`);
    expect([head.status, get.status]).toEqual([200, 200]);
    expect(head.headers.get('x-request-id')).toBeTruthy();
    expect(get.headers.get('x-request-id')).toBeTruthy();
  });

  it('serves the same proxy under /api/v1', async () => {
    const client = new OpenAI({ baseURL: `${harness.url}/api/v1`, apiKey: toOpenAI.key });
    const completion = await client.chat.completions.create({
      model: 'gpt-x',
      messages: [{ role: 'user', content: 'second mount' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from up-gpt: second mount');
  });
});
