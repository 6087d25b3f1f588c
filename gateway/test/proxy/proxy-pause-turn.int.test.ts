/**
 * CONVERSION.md §10.3: a paused server-tool turn (`stop_reason: "pause_turn"`) of an Anthropic
 * upstream, continued for an OpenAI client (a JSON answer, or the same stream) when
 * LLMFB_PAUSE_TURN_CONTINUATIONS is set, and left as a `stop` when it is not. Driven with the official OpenAI SDK against
 * the mock upstream, which pauses the next N turns on request.
 */
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

const modelCalls = (harness: ProxyHarness, since: number) =>
  harness.mock.requests.slice(since).filter((request) => request.method === 'POST');

const question = { role: 'user' as const, content: 'What is the weather in Paris?' };

/** A continuation: the turn so far is the request's last (assistant) message. */
const isContinuation = (body: Record<string, unknown>) =>
  (body.messages as Array<{ role: string }>).at(-1)?.role === 'assistant';
const rejected = {
  status: 400,
  body: { type: 'error', error: { type: 'invalid_request_error', message: 'bad turn' } },
};

describe('with LLMFB_PAUSE_TURN_CONTINUATIONS=3', () => {
  let harness: ProxyHarness;
  let openai: OpenAI;

  beforeAll(async () => {
    harness = await startProxyHarness({ env: { LLMFB_PAUSE_TURN_CONTINUATIONS: '3' } });
    const { key } = await harness.seedModel({
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      alias: 'claude',
    });
    openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  });
  afterEach(() => {
    harness.mock.options.pauseTurns = 0;
    harness.mock.options.ttftMs = 0;
    harness.mock.clearFailures();
  });
  afterAll(() => harness?.close());

  it.each([
    ['a JSON answer', 500],
    ['a folded stream (max_tokens from 21,000)', 32_000],
  ])(
    'continues a paused turn (%s) and answers it whole, usage and log row added up',
    async (_, maxTokens) => {
      harness.mock.options.pauseTurns = 1;
      const since = harness.mock.requests.length;
      const { data, response } = await openai.chat.completions
        .create({ model: 'claude', max_tokens: maxTokens, messages: [question] })
        .withResponse();

      const [first, second] = modelCalls(harness, since);
      expect(modelCalls(harness, since)).toHaveLength(2);
      // The turn so far goes back as the last assistant message of the same request.
      const sent = first!.body as { messages: unknown[] };
      expect(second!.body).toMatchObject({
        ...sent,
        messages: [
          ...sent.messages,
          { role: 'assistant', content: [{ type: 'text', text: first!.reply!.text }] },
        ],
      });
      expect(second!.headers['x-api-key']).toBe(first!.headers['x-api-key']);
      expect((second!.body as { stream?: boolean }).stream === true).toBe(maxTokens >= 21_000);

      expect(data.choices[0]!.message.content).toBe(first!.reply!.text + second!.reply!.text);
      expect(data.choices[0]!.finish_reason).toBe('stop');
      expect(data.usage).toMatchObject({
        prompt_tokens: first!.reply!.inputTokens + second!.reply!.inputTokens,
        completion_tokens: first!.reply!.outputTokens + second!.reply!.outputTokens,
      });
      expect(response.headers.get('x-llmfb-conversion-notes') ?? '').not.toMatch(/pause_turn/);

      const log = await harness.waitForLog(response.headers.get('x-request-id')!);
      expect(log).toMatchObject({
        status_code: 200,
        input_tokens: data.usage!.prompt_tokens,
        output_tokens: data.usage!.completion_tokens,
        upstream_attempts: 2,
      });
    },
  );

  it('stops after three continuations and says the turn is still paused', async () => {
    harness.mock.options.pauseTurns = 10;
    const since = harness.mock.requests.length;
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude', max_tokens: 500, messages: [question] })
      .withResponse();
    const calls = modelCalls(harness, since);
    expect(calls).toHaveLength(4);
    expect(data.choices[0]!.message.content).toBe(calls.map((call) => call.reply!.text).join(''));
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(response.headers.get('x-llmfb-conversion-notes')).toMatch(/pause_turn/);
  });

  it('answers with the turn so far, and a note, when a continuation fails', async () => {
    harness.mock.options.pauseTurns = 1;
    harness.mock.failNext(1, { ...rejected, when: isContinuation });
    const since = harness.mock.requests.length;
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude', max_tokens: 500, messages: [question] })
      .withResponse();
    const [first] = modelCalls(harness, since);
    expect(modelCalls(harness, since)).toHaveLength(2);
    expect(data.choices[0]!.message.content).toBe(first!.reply!.text);
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(response.headers.get('x-llmfb-conversion-notes')).toMatch(/Continuing the paused/);
  });

  /** A streamed call through the OpenAI SDK: the text, the finish reason and the usage chunk. */
  async function streamTurn() {
    const stream = await openai.chat.completions
      .create({
        model: 'claude',
        max_tokens: 500,
        stream: true,
        stream_options: { include_usage: true },
        messages: [question],
      })
      .withResponse();
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let roles = 0;
    for await (const chunk of stream.data) {
      const choice = chunk.choices[0];
      if (choice?.delta.role) roles += 1;
      text += choice?.delta.content ?? '';
      finish = choice?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    return { text, finish, usage, roles, requestId: stream.response.headers.get('x-request-id')! };
  }

  it('continues a paused streamed turn in the same stream, usage and log row added up', async () => {
    harness.mock.options.pauseTurns = 1;
    const since = harness.mock.requests.length;
    const { text, finish, usage, roles, requestId } = await streamTurn();

    const calls = modelCalls(harness, since);
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    const sent = first!.body as { messages: unknown[]; stream?: boolean };
    expect(sent.stream).toBe(true);
    expect(second!.body).toMatchObject({
      ...sent,
      messages: [
        ...sent.messages,
        { role: 'assistant', content: [{ type: 'text', text: first!.reply!.text }] },
      ],
    });
    expect(text).toBe(first!.reply!.text + second!.reply!.text);
    expect(roles).toBe(1);
    expect(finish).toBe('stop');
    expect(usage).toMatchObject({
      prompt_tokens: first!.reply!.inputTokens + second!.reply!.inputTokens,
      completion_tokens: first!.reply!.outputTokens + second!.reply!.outputTokens,
    });
    const log = await harness.waitForLog(requestId);
    expect(log).toMatchObject({
      status_code: 200,
      stream: true,
      input_tokens: usage!.prompt_tokens,
      output_tokens: usage!.completion_tokens,
      upstream_attempts: 2,
    });
    expect(log.ttft_ms).not.toBeNull();
  });

  it('stops a streamed turn after three continuations, as stop', async () => {
    harness.mock.options.pauseTurns = 10;
    const since = harness.mock.requests.length;
    const { text, finish } = await streamTurn();
    const calls = modelCalls(harness, since);
    expect(calls).toHaveLength(4);
    expect(text).toBe(calls.map((call) => call.reply!.text).join(''));
    expect(finish).toBe('stop');
  });

  it('a client that leaves while a continuation is pending aborts it: 499, the continuation cancelled', async () => {
    harness.mock.options.pauseTurns = 1;
    const since = harness.mock.requests.length;
    const controller = new AbortController();
    const { data: stream, response } = await openai.chat.completions
      .create(
        { model: 'claude', max_tokens: 500, stream: true, messages: [question] },
        { signal: controller.signal },
      )
      .withResponse();
    // The first message has been answered: the continuation waits 5 s before answering.
    harness.mock.options.ttftMs = 5_000;
    let text = '';
    const reading = (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((error: unknown) => error);
    const first = harness.mock.requests[since]!;
    for (let tries = 0; modelCalls(harness, since).length < 2 && tries < 200; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(text).toBe(first.reply!.text);
    controller.abort();
    // The SDK ends the iteration quietly on its own abort.
    expect(await reading).toBeUndefined();
    expect(text).toBe(first.reply!.text);

    const log = await harness.waitForLog(response.headers.get('x-request-id')!);
    expect(log).toMatchObject({ status_code: 499, upstream_attempts: 2 });
    expect(log.input_tokens).toBe(first.reply!.inputTokens);
    const continuation = modelCalls(harness, since)[1]!;
    for (let tries = 0; !continuation.aborted && tries < 100; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(continuation.aborted).toBe(true);
  });

  it('ends the stream with an error event when a continuation breaks mid-stream', async () => {
    harness.mock.options.pauseTurns = 1;
    harness.mock.failNext(1, {
      status: 0,
      midStreamAfterEvents: 3,
      when: isContinuation,
    });
    const since = harness.mock.requests.length;
    const failure = await streamTurn().catch((error: unknown) => error);
    // The SDK raises the error event the gateway ended the stream with (after the first frames).
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(modelCalls(harness, since)).toHaveLength(2);
    const requestId = (failure as InstanceType<typeof OpenAI.APIError>).headers?.get(
      'x-request-id',
    );
    const log = await harness.waitForLog(requestId!);
    expect(log).toMatchObject({ status_code: 200, upstream_attempts: 2 });
    expect(log.error_message).toMatch(/middle of the answer/);
  });

  it('ends a streamed turn with what it has, and a logged note, when a continuation fails', async () => {
    harness.mock.options.pauseTurns = 1;
    harness.mock.failNext(1, { ...rejected, when: isContinuation });
    const since = harness.mock.requests.length;
    const { text, finish, requestId } = await streamTurn();
    const [first] = modelCalls(harness, since);
    expect(modelCalls(harness, since)).toHaveLength(2);
    expect(text).toBe(first!.reply!.text);
    expect(finish).toBe('stop');
    const log = await harness.waitForLog(requestId);
    expect(log.status_code).toBe(200);
    expect(JSON.stringify(log.conversion_notes)).toMatch(/Continuing the paused/);
  });
});

describe('by default (no continuations)', () => {
  let harness: ProxyHarness;

  beforeAll(async () => {
    harness = await startProxyHarness({ mock: { pauseTurns: 1 } });
  });
  afterAll(() => harness?.close());

  it('answers the paused turn as stop, with a note, after one upstream call', async () => {
    const { key } = await harness.seedModel({
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      alias: 'claude',
    });
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
    const { data, response } = await openai.chat.completions
      .create({ model: 'claude', max_tokens: 500, messages: [question] })
      .withResponse();
    expect(data.choices[0]!.finish_reason).toBe('stop');
    expect(response.headers.get('x-llmfb-conversion-notes')).toMatch(/pause_turn/);
    expect(modelCalls(harness, 0)).toHaveLength(1);
  });

  it('ends a paused streamed turn as stop after one upstream call', async () => {
    harness.mock.options.pauseTurns = 1;
    const { key } = await harness.seedModel({
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
      alias: 'claude-2',
    });
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
    const since = harness.mock.requests.length;
    const stream = await openai.chat.completions.create({
      model: 'claude-2',
      max_tokens: 500,
      stream: true,
      messages: [question],
    });
    let finish: string | null = null;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    expect(finish).toBe('stop');
    expect(modelCalls(harness, since)).toHaveLength(1);
  });
});
