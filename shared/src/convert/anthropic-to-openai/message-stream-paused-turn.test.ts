/**
 * CONVERSION.md §10.3 for streams: a converter made with `holdPausedTurns` keeps a `pause_turn`
 * open, and after `pausedTurn.resume()` the continuation's upstream message carries on in the same
 * OpenAI stream — which then folds into what the whole turn (`mergeContinuedTurn`) streamed as one
 * message would have given.
 */
import fc from 'fast-check';
import type { AnthropicMessage } from '../../anthropic/message';
import type { SseEvent, StreamConverter } from '../types';
import { createFixtureContext } from '../__fixtures__/fixture-files';
import { aggregateOpenAIStream } from '../aggregate/aggregate-openai-stream';
import { replayAnthropicMessage } from '../aggregate/replay-as-stream';
import { mergeContinuedTurn } from './continue-paused-turn';
import { createAnthropicToOpenAIStreamConverter } from './message-stream';

const hints = { clientModel: 'claude', stream: true, includeUsage: true };

const paused = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'text', text: 'Let me look that up. ' },
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { q: 'Paris' } },
    {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: [{ type: 'web_search_result', url: 'https://example.com/paris' }],
    },
  ],
  stop_reason: 'pause_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 100,
    output_tokens: 20,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  },
} as unknown as AnthropicMessage;

const continuation = {
  id: 'msg_2',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'text', text: 'It is 18 °C in Paris.' },
    { type: 'tool_use', id: 'toolu_1', name: 'book_table', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: {
    input_tokens: 900,
    output_tokens: 15,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 80,
  },
} as unknown as AnthropicMessage;

const pushAll = (converter: StreamConverter, frames: readonly SseEvent[]): SseEvent[] =>
  frames.flatMap((frame) => [...converter.push(frame)]);

const holding = () =>
  createAnthropicToOpenAIStreamConverter(hints, createFixtureContext(), { holdPausedTurns: true });

describe('a converter holding paused turns', () => {
  it('keeps a paused turn open, then streams its continuation as the same answer', () => {
    const converter = holding();
    const first = pushAll(converter, replayAnthropicMessage(paused));
    // No finish, usage or [DONE] yet: the client's stream stays open for the continuation.
    expect(first.some((frame) => frame.data === '[DONE]')).toBe(false);
    expect(first.some((frame) => frame.data.includes('"finish_reason":"stop"'))).toBe(false);
    expect(converter.pausedTurn?.isPaused()).toBe(true);

    converter.pausedTurn!.resume();
    expect(converter.pausedTurn!.isPaused()).toBe(false);
    const rest = [
      ...pushAll(converter, replayAnthropicMessage(continuation)),
      ...converter.finish(),
    ];
    const chunks = [...first, ...rest];
    expect(chunks.filter((frame) => frame.data === '[DONE]')).toHaveLength(1);
    // One role chunk: the continuation's message_start opens nothing new.
    expect(chunks.filter((frame) => frame.data.includes('"role":"assistant"'))).toHaveLength(1);

    const folded = aggregateOpenAIStream(chunks);
    expect(folded.ok).toBe(true);
    if (!folded.ok) return;
    expect(folded.response.id).toBe('msg_1');
    expect(folded.response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'Let me look that up. It is 18 °C in Paris.',
        tool_calls: [
          {
            id: 'toolu_1',
            function: { name: 'book_table', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
    // Both upstream calls were billed: usage adds up in the usage chunk and the summary (prompt
    // tokens count the cached ones too).
    expect(folded.response.usage).toMatchObject({
      prompt_tokens: 1080,
      completion_tokens: 35,
      prompt_tokens_details: { cached_tokens: 80 },
    });
    expect(converter.summary().usage).toMatchObject({
      inputTokens: 1080,
      outputTokens: 35,
      cacheReadTokens: 80,
    });
  });

  it('ends a paused turn it is not asked to continue as stop, with its usage', () => {
    const converter = holding();
    const chunks = [...pushAll(converter, replayAnthropicMessage(paused)), ...converter.finish()];
    const folded = aggregateOpenAIStream(chunks);
    expect(folded.ok && folded.response.choices[0]!.finish_reason).toBe('stop');
    expect(folded.ok && folded.response.usage).toMatchObject({
      prompt_tokens: 100,
      completion_tokens: 20,
    });
    expect(converter.pausedTurn!.isPaused()).toBe(false);
  });

  it('closes other stop reasons at message_stop, as without the option', () => {
    const converter = holding();
    const frames = pushAll(converter, replayAnthropicMessage(continuation));
    expect(frames.at(-1)?.data).toBe('[DONE]');
    expect(converter.pausedTurn!.isPaused()).toBe(false);
    converter.pausedTurn!.resume(); // nothing to resume
    expect(converter.finish()).toEqual([]);
  });

  it('is not offered without the option, which closes a paused turn at once', () => {
    const converter = createAnthropicToOpenAIStreamConverter(hints, createFixtureContext());
    expect(converter.pausedTurn).toBeUndefined();
    const frames = pushAll(converter, replayAnthropicMessage(paused));
    expect(frames.at(-1)?.data).toBe('[DONE]');
  });
});

const text = fc.string({ unit: 'grapheme', maxLength: 8 });
const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/);
const block = fc.oneof(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constant('thinking'), thinking: text, signature: text }),
  fc.record({
    type: fc.constantFrom('tool_use', 'server_tool_use'),
    id: name,
    name,
    input: fc.dictionary(name, fc.oneof(fc.integer(), text), { maxKeys: 2 }),
  }),
  fc.record({
    type: fc.constant('web_search_tool_result'),
    tool_use_id: name,
    content: fc.array(fc.record({ type: fc.constant('web_search_result'), url: name }), {
      maxLength: 1,
    }),
  }),
);
const usage = fc.record({
  input_tokens: fc.nat(5000),
  output_tokens: fc.nat(5000),
  cache_creation_input_tokens: fc.nat(500),
  cache_read_input_tokens: fc.nat(500),
});
const message = (stopReasons: fc.Arbitrary<string>) =>
  fc.record({
    id: name,
    type: fc.constant('message'),
    role: fc.constant('assistant'),
    model: name,
    content: fc.array(block, { maxLength: 4 }),
    stop_reason: stopReasons,
    stop_sequence: fc.constant(null),
    usage,
  }) as unknown as fc.Arbitrary<AnthropicMessage>;

describe('a continued turn streamed', () => {
  it('folds into what the merged turn streamed as one message gives', () => {
    fc.assert(
      fc.property(
        fc.array(message(fc.constant('pause_turn')), { minLength: 1, maxLength: 3 }),
        message(fc.constantFrom('end_turn', 'max_tokens', 'tool_use', 'pause_turn')),
        (pausedParts, last) => {
          const converter = holding();
          const chunks: SseEvent[] = [];
          for (const part of pausedParts) {
            chunks.push(...pushAll(converter, replayAnthropicMessage(part)));
            expect(converter.pausedTurn!.isPaused()).toBe(true);
            converter.pausedTurn!.resume();
          }
          chunks.push(...pushAll(converter, replayAnthropicMessage(last)), ...converter.finish());

          const merged = [...pausedParts.slice(1), last].reduce(
            (turn, next) => mergeContinuedTurn(turn, next),
            pausedParts[0] as unknown as Record<string, unknown>,
          ) as unknown as AnthropicMessage;
          const single = createAnthropicToOpenAIStreamConverter(hints, createFixtureContext());
          const expected = [...pushAll(single, replayAnthropicMessage(merged)), ...single.finish()];
          expect(aggregateOpenAIStream(chunks)).toEqual(aggregateOpenAIStream(expected));
          expect(converter.summary().usage).toEqual(single.summary().usage);
        },
      ),
      { numRuns: 300 },
    );
  });
});
