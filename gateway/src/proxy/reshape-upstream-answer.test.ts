import fc from 'fast-check';
import { GatewayError } from '@llmfb/shared';
import {
  foldUpstreamStream,
  isEventStream,
  isJson,
  replayJsonAnswer,
} from './reshape-upstream-answer';
import type { BodySink } from './upstream-client';

const event = (name: string, data: object): string =>
  `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;

/** A Claude answer with signed thinking, Chinese text and a tool call whose input comes in pieces. */
const anthropicStream = [
  event('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  }),
  event('ping', {}),
  event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '' } }),
  event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: '先想' } }),
  event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } }),
  event('content_block_stop', { index: 0 }),
  event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
  event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: '你好，' } }),
  event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: '世界 🌍' } }),
  event('content_block_stop', { index: 1 }),
  event('content_block_start', {
    index: 2,
    content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
  }),
  event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '{"city":' },
  }),
  event('content_block_delta', {
    index: 2,
    delta: { type: 'input_json_delta', partial_json: '"北京"}' },
  }),
  event('content_block_stop', { index: 2 }),
  event('message_delta', {
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 40 },
  }),
  event('message_stop', {}),
].join('');

const anthropicMessage = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: '先想', signature: 'c2ln' },
    { type: 'text', text: '你好，世界 🌍' },
    { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: '北京' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 40 },
};

const chunk = (delta: object, extra: object = {}): string =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'gpt-4.1',
    choices: [{ index: 0, delta, finish_reason: null }],
    ...extra,
  })}\n\n`;

const openaiStream = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hé, ' }),
  chunk({ content: '世界' }),
  chunk({
    tool_calls: [
      { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } },
    ],
  }),
  chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'gpt-4.1',
    choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }],
  })}\n\n`,
  `data: ${JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'gpt-4.1',
    choices: [],
    usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
  })}\n\n`,
  'data: [DONE]\n\n',
].join('');

/** An upstream body that hands `chunks` to the sink, then the end (or `failWith`). */
function bodyOf(chunks: readonly Buffer[], failWith?: unknown) {
  const cancelled: Error[] = [];
  return {
    cancelled,
    deliver(sink: BodySink) {
      for (const piece of chunks) if (!sink.data(piece)) return;
      if (failWith === undefined) sink.end();
      else sink.error(failWith);
    },
    resume() {},
    cancel(reason: Error) {
      cancelled.push(reason);
    },
  };
}

/** `text`'s bytes cut at `cuts` (byte offsets; UTF-8 characters split where they fall). */
function split(text: string, cuts: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(from, point));
    from = point;
  }
  return pieces;
}

describe('foldUpstreamStream', () => {
  it('folds an Anthropic stream into the Message, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const folded = await foldUpstreamStream(bodyOf(split(anthropicStream, cuts)), 'anthropic');
        expect(folded).toEqual({ ok: true, response: anthropicMessage });
      }),
      { numRuns: 200 },
    );
  });

  it('folds an OpenAI stream into the ChatCompletion, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const folded = await foldUpstreamStream(bodyOf(split(openaiStream, cuts)), 'openai');
        expect(folded.ok).toBe(true);
        if (!folded.ok) return;
        expect(folded.response).toMatchObject({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          model: 'gpt-4.1',
          choices: [
            {
              message: {
                role: 'assistant',
                content: 'Hé, 世界',
                tool_calls: [
                  { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
                ],
              },
              finish_reason: 'tool_calls',
            },
          ],
          usage: { prompt_tokens: 9, completion_tokens: 7, total_tokens: 16 },
        });
      }),
      { numRuns: 200 },
    );
  });

  it("gives the upstream's in-stream error as its status and error body", async () => {
    const stream =
      anthropicStream.slice(0, anthropicStream.indexOf('event: content_block_start')) +
      event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
    const folded = await foldUpstreamStream(bodyOf([Buffer.from(stream)]), 'anthropic');
    expect(folded).toEqual({
      ok: false,
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  });

  it('calls a stream that stops before its end a 502, not an answer', async () => {
    const cut = anthropicStream.slice(0, anthropicStream.indexOf('event: message_delta'));
    const folded = await foldUpstreamStream(bodyOf([Buffer.from(cut)]), 'anthropic');
    expect(folded).toMatchObject({ ok: false, status: 502 });
  });

  it("rejects with the upstream client's error when the body fails", async () => {
    const silent = Object.assign(new Error('Body Timeout Error'), {
      code: 'UND_ERR_BODY_TIMEOUT',
    });
    const failure = foldUpstreamStream(
      bodyOf([Buffer.from(anthropicStream.slice(0, 300))], silent),
      'anthropic',
    );
    await expect(failure).rejects.toBeInstanceOf(GatewayError);
    await expect(failure).rejects.toMatchObject({ status: 504, code: 'upstream.timeout' });
  });
});

describe('replayJsonAnswer', () => {
  const completion = {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4.1',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: '世界', refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
  };
  /** A reader that keeps what it gets; `full` makes it ask for a pause. */
  const collector = (full = false) => {
    const sink = {
      text: '',
      ended: 0,
      errors: [] as unknown[],
      data: (chunk: Buffer) => ((sink.text += chunk), !full),
      end: () => void (sink.ended += 1),
      error: (error: unknown) => void sink.errors.push(error),
    };
    return sink;
  };

  it('replays a Message, cut anywhere, as the stream that folds back into it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 10 }), async (cuts) => {
        const body = bodyOf(split(`  \n${JSON.stringify(anthropicMessage)}`, cuts));
        expect(await foldUpstreamStream(replayJsonAnswer(body, 'anthropic'), 'anthropic')).toEqual({
          ok: true,
          response: anthropicMessage,
        });
      }),
      { numRuns: 50 },
    );
  });

  it('replays a ChatCompletion as chunks ending in [DONE]', async () => {
    const sink = collector();
    replayJsonAnswer(bodyOf([Buffer.from(JSON.stringify(completion))]), 'openai').deliver(sink);
    expect(sink.ended).toBe(1);
    expect(sink.text).toMatch(/^data: \{"id":"chatcmpl-1","object":"chat.completion.chunk"/);
    expect(sink.text.endsWith('data: [DONE]\n\n')).toBe(true);
    const body = bodyOf([Buffer.from(JSON.stringify(completion))]);
    expect(await foldUpstreamStream(replayJsonAnswer(body, 'openai'), 'openai')).toEqual({
      ok: true,
      response: completion,
    });
  });

  it('passes an event stream under a JSON label through as it comes', () => {
    const chunks = split(openaiStream, [5, 300, 900]);
    const sink = collector();
    replayJsonAnswer(bodyOf(chunks), 'openai').deliver(sink);
    expect(sink.text).toBe(openaiStream);
    expect(sink.ended).toBe(1);
  });

  it('holds the end back while the reader is full, until resume', () => {
    const sink = collector(true);
    const body = replayJsonAnswer(
      bodyOf([Buffer.from(JSON.stringify(anthropicMessage))]),
      'anthropic',
    );
    body.deliver(sink);
    expect(sink.text).toContain('event: message_stop');
    expect(sink.ended).toBe(0);
    body.resume();
    expect(sink.ended).toBe(1);
  });

  it.each([
    ['an error body', '{"error":{"message":"nope","type":"server_error"}}'],
    ['a message without content', '{"id":"msg_1","usage":{"input_tokens":1,"output_tokens":1}}'],
    ['a JSON object cut short', '{"id":"msg_1","content":['],
  ])('fails %s with a 502 the relay ends the stream with', (_what, text) => {
    const sink = collector();
    replayJsonAnswer(bodyOf([Buffer.from(text)]), 'anthropic').deliver(sink);
    expect(sink.text).toBe('');
    expect(sink.ended).toBe(0);
    expect(sink.errors).toEqual([
      expect.objectContaining({ status: 502, code: 'upstream.invalid_response' }),
    ]);
  });
});

describe('isJson', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/problem+json', true],
    ['text/event-stream', false],
    ['application/jsonl', false],
    ['', false],
  ])('%j → %s', (contentType, expected) => {
    expect(isJson(contentType)).toBe(expected);
  });
});

describe('isEventStream', () => {
  it.each([
    ['text/event-stream', true],
    ['text/event-stream; charset=utf-8', true],
    ['Text/Event-Stream', true],
    ['application/json', false],
    ['text/event-streaming', false],
    ['', false],
  ])('%j → %s', (contentType, expected) => {
    expect(isEventStream(contentType)).toBe(expected);
  });
});
