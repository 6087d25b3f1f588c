/**
 * Answers in the other shape than the caller asked for, driven by the official SDKs against the
 * mock upstream: non-streaming callers answered from an upstream stream (CONVERSION.md §4.7: a
 * long generation converted for an Anthropic upstream is streamed there and folded into one
 * answer; an upstream that streams whatever it was asked, as some relays do, is folded too), and
 * streaming callers answered from an upstream that ignores `stream` (replayed as a stream).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  harness = await startProxyHarness({ env: { LLMFB_BREAKER_VOLUME_THRESHOLD: '1000' } });
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'claude',
  });
  await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'fold' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterEach(() => {
  harness.mock.options.alwaysStream = false;
  harness.mock.options.neverStream = false;
  harness.mock.clearFailures();
});
afterAll(() => harness?.close());

const lastUpstreamCall = () => {
  const call = harness.mock.requests.at(-1)!;
  return { body: call.body as Record<string, unknown>, headers: call.headers, reply: call.reply! };
};

const anthropicWeatherTool: Anthropic.Tool = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

const weatherTool: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('OpenAI client, Anthropic upstream, max_tokens from the threshold (21,000) on', () => {
  it('streams upstream and answers one ChatCompletion with the usage and a log row', async () => {
    const { data, response } = await openai.chat.completions
      .create({
        model: 'claude',
        max_tokens: 32_000,
        messages: [{ role: 'user', content: 'Write a long story' }],
      })
      .withResponse();

    const upstream = lastUpstreamCall();
    expect(upstream.body).toMatchObject({ stream: true, max_tokens: 32_000 });
    expect(upstream.headers.accept).toBe('text/event-stream');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]!.message.content).toBe(upstream.reply.text);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(data.usage).toMatchObject({
      prompt_tokens: upstream.reply.inputTokens,
      completion_tokens: upstream.reply.outputTokens,
    });
    expect(response.headers.get('server-timing')).toMatch(/upstream;dur=/);

    const log = await harness.waitForLog(response.headers.get('x-request-id')!);
    expect(log).toMatchObject({
      stream: false,
      status_code: 200,
      input_tokens: upstream.reply.inputTokens,
      output_tokens: upstream.reply.outputTokens,
      tokens_estimated: false,
    });
  });

  it('below the threshold, asks the upstream for a plain answer', async () => {
    await openai.chat.completions.create({
      model: 'claude',
      max_tokens: 20_999,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastUpstreamCall().body.stream).toBeUndefined();
  });

  it('folds thinking and tool calls: signed reasoning and the arguments the upstream streamed', async () => {
    const completion = await openai.chat.completions.create({
      model: 'claude',
      max_tokens: 30_000,
      reasoning_effort: 'low',
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(lastUpstreamCall().body).toMatchObject({ stream: true, thinking: { type: 'enabled' } });
    const message = completion.choices[0]!.message as OpenAI.ChatCompletionMessage & {
      reasoning_content?: string;
      thinking_blocks?: Array<{ type: string; signature?: string }>;
    };
    expect(completion.choices[0]!.finish_reason).toBe('tool_calls');
    expect(message.reasoning_content).toBe('Let me think about it.');
    expect(message.thinking_blocks?.[0]).toMatchObject({
      type: 'thinking',
      signature: expect.any(String),
    });
    const call = message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual(expect.any(Object));
  });

  it('an overloaded error inside the stream reaches the client as 503, like one before it', async () => {
    harness.mock.failNext(1, {
      status: 529,
      midStreamAfterEvents: 3,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    const error = await openai.chat.completions
      .create({ model: 'claude', max_tokens: 25_000, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('Overloaded');
  });

  it('a connection dropped in the middle is a 502 in the caller’s format, with a log row', async () => {
    harness.mock.failNext(1, { status: 0, midStreamAfterEvents: 3 });
    const error = (await openai.chat.completions
      .create({ model: 'claude', max_tokens: 25_000, messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(502);
    const log = await harness.waitForLog(error.headers!.get('x-request-id')!);
    expect(log).toMatchObject({ status_code: 502, stream: false });
  });
});

describe('an upstream that answers a non-streaming call with a stream', () => {
  beforeEach(() => {
    harness.mock.options.alwaysStream = true;
  });

  it('Anthropic client, Anthropic upstream: one Message', async () => {
    const message = await anthropic.messages.create({
      model: 'claude',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const upstream = lastUpstreamCall();
    expect(upstream.body.stream).toBeUndefined();
    expect(message.type).toBe('message');
    expect(message.content).toEqual([{ type: 'text', text: upstream.reply.text }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: upstream.reply.inputTokens,
      output_tokens: upstream.reply.outputTokens,
    });
  });

  it('OpenAI client, OpenAI upstream: one ChatCompletion', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const upstream = lastUpstreamCall();
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message.content).toBe(upstream.reply.text);
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });

  it('Anthropic client, OpenAI upstream: one Message with the tool call', async () => {
    const message = await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 100,
      tools: [anthropicWeatherTool],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    expect(message.stop_reason).toBe('tool_use');
    const block = message.content.find((item) => item.type === 'tool_use');
    expect(block).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: expect.any(Object),
    });
  });
});

describe('an upstream that answers a streaming call with one JSON body', () => {
  beforeEach(() => {
    harness.mock.options.neverStream = true;
  });

  it('OpenAI client, Anthropic upstream: the stream helper gets the whole answer and the usage', async () => {
    const stream = openai.chat.completions.stream({
      model: 'claude',
      max_tokens: 100,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: '中文 please' }],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const completion = await stream.finalChatCompletion();
    const upstream = lastUpstreamCall();
    expect(upstream.body.stream).toBe(true);
    expect(completion.choices[0]!.message.content).toBe(upstream.reply.text);
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.usage).toMatchObject({
      prompt_tokens: upstream.reply.inputTokens,
      completion_tokens: upstream.reply.outputTokens,
    });
    const { response } = await openai.chat.completions
      .create({
        model: 'claude',
        max_tokens: 100,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const log = await harness.waitForLog(response.headers.get('x-request-id')!);
    expect(log).toMatchObject({ stream: true, status_code: 200, tokens_estimated: false });
  });

  it('Anthropic client, Anthropic upstream: thinking, text and usage through messages.stream', async () => {
    const message = await anthropic.messages
      .stream({
        model: 'claude',
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'hi' }],
      })
      .finalMessage();
    const upstream = lastUpstreamCall();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think about it.', signature: expect.any(String) },
      { type: 'text', text: upstream.reply.text },
    ]);
    expect(message.usage.output_tokens).toBe(upstream.reply.outputTokens);
  });

  it('Anthropic client, OpenAI upstream: the tool call through messages.stream', async () => {
    const message = await anthropic.messages
      .stream({
        model: 'gpt',
        max_tokens: 100,
        tools: [anthropicWeatherTool],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: expect.any(Object),
    });
  });

  it('OpenAI client, OpenAI upstream: no usage chunk the client did not ask for', async () => {
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    const stream = await openai.chat.completions.create({
      model: 'gpt',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      lastUpstreamCall().reply.text,
    );
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !chunk.usage)).toBe(true);
  });

  it('a JSON body that is not an answer ends the stream with an error event the SDK raises', async () => {
    harness.mock.failNext(1, { status: 200, body: { status: 'ok' } });
    const stream = anthropic.messages.stream({
      model: 'claude',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const error = await stream.finalMessage().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as Error).message).toMatch(/invalid Anthropic message/);
  });
});

it('counts each kind of reshaped answer in /metrics, by upstream provider', async () => {
  const text = await (await fetch(`${harness.url}/metrics`)).text();
  const count = (provider: string, kind: string) =>
    Number(
      new RegExp(
        `^llmfb_upstream_reshaped_answers_total\\{provider="${provider}",kind="${kind}"\\} (\\d+)`,
        'm',
      ).exec(text)?.[1] ?? 0,
    );
  // Above: four long generations (one overloaded, one cut short), three unasked-for streams, six
  // JSON answers to streaming calls.
  expect(count('anthropic', 'folded_requested')).toBe(4);
  expect(count('anthropic', 'folded_unrequested')).toBe(1);
  expect(count('openai', 'folded_unrequested')).toBe(2);
  expect(count('anthropic', 'replayed_json')).toBe(4);
  expect(count('openai', 'replayed_json')).toBe(2);
});
