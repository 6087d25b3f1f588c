/**
 * The replayed streams fold back into the answers they came from (the aggregators are the
 * SDK-compatible reference, see sdk-compatibility.test.ts), for generated answers of every block
 * and part kind; and a replayed stream goes through the stream converter like a real one.
 */
import fc from 'fast-check';
import type { AnthropicMessage } from '../../anthropic/message';
import type { OpenAIChatCompletion } from '../../openai/chat-completion';
import { createSseDecoder } from '../../sse/decode-sse';
import { formatSseFrames } from '../../sse/format-sse';
import { createFixtureContext } from '../__fixtures__/fixture-files';
import { createAnthropicToOpenAIStreamConverter } from '../anthropic-to-openai/message-stream';
import { aggregateAnthropicStream } from './aggregate-anthropic-stream';
import { aggregateOpenAIStream } from './aggregate-openai-stream';
import { replayAnthropicMessage, replayChatCompletion } from './replay-as-stream';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const nonEmptyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,11}$/);
const jsonObject = fc.dictionary(
  name,
  fc.oneof(fc.integer(), fc.boolean(), text, fc.constant(null), fc.array(fc.integer())),
  { maxKeys: 4 },
);

const anthropicBlock = fc.oneof(
  fc.record(
    {
      type: fc.constant('text'),
      text,
      citations: fc.oneof(
        fc.constant(null),
        fc.array(
          fc.record({
            type: fc.constant('char_location'),
            cited_text: text,
            document_index: fc.nat(3),
            start_char_index: fc.nat(99),
            end_char_index: fc.nat(99),
          }),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record({ type: fc.constant('thinking'), thinking: text, signature: text }),
  fc.record({ type: fc.constant('redacted_thinking'), data: nonEmptyText }),
  fc.record({
    type: fc.constantFrom('tool_use', 'server_tool_use'),
    id: name,
    name,
    input: jsonObject,
  }),
  fc.record({
    type: fc.constant('web_search_tool_result'),
    tool_use_id: name,
    content: fc.array(fc.record({ type: fc.constant('web_search_result'), url: name }), {
      maxLength: 2,
    }),
  }),
);

const anthropicMessage = fc.record(
  {
    id: name,
    type: fc.constant('message' as const),
    role: fc.constant('assistant' as const),
    model: name,
    content: fc.array(anthropicBlock, { maxLength: 5 }),
    stop_reason: fc.constantFrom('end_turn', 'max_tokens', 'tool_use', 'stop_sequence', 'refusal'),
    stop_sequence: fc.oneof(fc.constant(null), nonEmptyText),
    stop_details: fc.oneof(fc.constant(null), fc.record({ explanation: text })),
    usage: fc.record(
      {
        input_tokens: fc.nat(),
        output_tokens: fc.nat(),
        cache_creation_input_tokens: fc.nat(),
        cache_read_input_tokens: fc.nat(),
      },
      { requiredKeys: ['input_tokens', 'output_tokens'] },
    ),
  },
  {
    requiredKeys: [
      'id',
      'type',
      'role',
      'model',
      'content',
      'stop_reason',
      'stop_sequence',
      'usage',
    ],
  },
) as unknown as fc.Arbitrary<AnthropicMessage>;

const chatCompletion = fc
  .record(
    {
      id: name,
      created: fc.nat(),
      model: name,
      content: fc.oneof(fc.constant(null), nonEmptyText),
      refusal: fc.oneof(fc.constant(null), nonEmptyText),
      reasoning: fc.option(nonEmptyText, { nil: undefined }),
      calls: fc.array(fc.record({ id: name, name, arguments: text }), { maxLength: 3 }),
      finish: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter'),
      usage: fc.option(
        fc.record({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() }),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['id', 'created', 'model', 'content', 'refusal', 'calls', 'finish'] },
  )
  .map((spec): OpenAIChatCompletion => ({
    id: spec.id,
    object: 'chat.completion',
    created: spec.created,
    model: spec.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: spec.content,
          refusal: spec.refusal,
          ...(spec.calls.length > 0
            ? {
                tool_calls: spec.calls.map((call) => ({
                  id: call.id,
                  type: 'function' as const,
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
          ...(spec.reasoning !== undefined ? { reasoning_content: spec.reasoning } : {}),
        },
        finish_reason: spec.finish as OpenAIChatCompletion['choices'][0]['finish_reason'],
        logprobs: null,
      },
    ],
    ...(spec.usage !== undefined ? { usage: spec.usage } : {}),
  }));

describe('replayAnthropicMessage', () => {
  it('folds back into the same Message', () => {
    fc.assert(
      fc.property(anthropicMessage, (message) => {
        expect(aggregateAnthropicStream(replayAnthropicMessage(message))).toEqual({
          ok: true,
          response: message,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('survives its own wire form, and converts like a real stream', () => {
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'thinking', thinking: 'Hmm.', signature: 'c2ln' },
        { type: 'text', text: 'Weather, 天气:' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 20 },
    } as AnthropicMessage;
    const wire = formatSseFrames(replayAnthropicMessage(message));
    const decoder = createSseDecoder();
    const frames = [...decoder.push(new TextEncoder().encode(wire)), ...decoder.finish()];
    expect(aggregateAnthropicStream(frames)).toEqual({ ok: true, response: message });

    const converter = createAnthropicToOpenAIStreamConverter(
      { clientModel: 'claude', stream: true, includeUsage: true },
      createFixtureContext(),
    );
    const chunks = [...frames.flatMap((frame) => converter.push(frame)), ...converter.finish()];
    const completion = aggregateOpenAIStream(chunks);
    expect(completion.ok).toBe(true);
    if (!completion.ok) return;
    expect(completion.response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'Weather, 天气:',
        reasoning_content: 'Hmm.',
        tool_calls: [
          { id: 'toolu_1', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    });
    expect(completion.response.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 20 });
  });
});

describe('replayChatCompletion', () => {
  it('folds back into the same ChatCompletion', () => {
    fc.assert(
      fc.property(chatCompletion, (completion) => {
        expect(aggregateOpenAIStream(replayChatCompletion(completion))).toEqual({
          ok: true,
          response: completion,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('ends with the usage chunk (no choices) and [DONE], and replays every choice', () => {
    const frames = replayChatCompletion({
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      system_fingerprint: 'fp_1',
      choices: [0, 1].map((index) => ({
        index,
        message: { role: 'assistant' as const, content: `answer ${index}`, refusal: null },
        finish_reason: 'stop' as const,
        logprobs: null,
      })),
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    const parsed = frames.slice(0, -1).map((frame) => JSON.parse(frame.data));
    expect(frames.at(-1)).toEqual({ data: '[DONE]' });
    expect(parsed.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 3 } });
    expect(parsed.every((chunk) => chunk.system_fingerprint === 'fp_1')).toBe(true);
    expect(
      parsed.flatMap((chunk) =>
        chunk.choices.map((choice: { index: number; delta: { content?: string } }) =>
          [choice.index, choice.delta.content ?? null].join(':'),
        ),
      ),
    ).toEqual(['0:', '0:answer 0', '0:', '1:', '1:answer 1', '1:']);
  });
});
