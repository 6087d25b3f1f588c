import { createSharedConversions } from './shared-conversions';
import { createThinkingCache } from './thinking-cache';

const context = { now: () => 1_767_225_600_000, generateId: (prefix: string) => `${prefix}test` };

describe('signed thinking across OpenAI-client turns (CONVERSION.md §10.2)', () => {
  const conversions = createSharedConversions({ thinkingCache: createThinkingCache() });
  const upstreamAnswer = {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'thinking', thinking: 'I should look up the weather.', signature: 'sig-abc' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 20 },
  };

  it('puts the signed blocks back when a plain OpenAI client replays the turn without them', () => {
    const answer = conversions.convertResponse({
      inbound: 'openai',
      upstream: 'anthropic',
      body: upstreamAnswer,
      hints: { clientModel: 'claude' },
      context,
    });
    const message = (
      answer.body as {
        choices: Array<{
          message: {
            tool_calls: Array<{ id: string; function: { name: string; arguments: string } }>;
          };
        }>;
      }
    ).choices[0]!.message;
    const call = message.tool_calls[0]!;
    const nextTurn = conversions.parseRequest('openai', {
      model: 'claude',
      reasoning_effort: 'medium',
      max_completion_tokens: 20_000,
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
      ],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: call.id, type: 'function', function: call.function }],
        },
        { role: 'tool', tool_call_id: call.id, content: 'sunny' },
      ],
    });
    const converted = conversions.convertRequest({
      inbound: 'openai',
      upstream: 'anthropic',
      request: nextTurn,
      upstreamModel: 'claude-sonnet-4-5',
      context,
    });
    const assistant = (
      converted.body.messages as Array<{
        role: string;
        content: Array<{ type: string; signature?: string }>;
      }>
    )[1]!;
    expect(assistant.content[0]).toEqual({
      type: 'thinking',
      thinking: 'I should look up the weather.',
      signature: 'sig-abc',
    });
    expect(converted.body.thinking).toBeDefined();
  });

  it('turns thinking off (and says so) when the blocks are not known', () => {
    const fresh = createSharedConversions({ thinkingCache: createThinkingCache() });
    const request = fresh.parseRequest('openai', {
      model: 'claude',
      reasoning_effort: 'medium',
      max_completion_tokens: 20_000,
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_unknown',
              type: 'function',
              function: { name: 'get_weather', arguments: '{}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_unknown', content: 'sunny' },
      ],
    });
    const converted = fresh.convertRequest({
      inbound: 'openai',
      upstream: 'anthropic',
      request,
      upstreamModel: 'claude-sonnet-4-5',
      context,
    });
    expect(converted.body.thinking).toBeUndefined();
    expect(converted.notes.some((note) => /thinking/i.test(note.message))).toBe(true);
  });
});

describe('signed thinking from a streamed answer', () => {
  it('is kept by tool-call id when the stream ends', () => {
    const cache = createThinkingCache();
    const conversions = createSharedConversions({ thinkingCache: cache });
    const converter = conversions.createStreamConverter({
      inbound: 'openai',
      upstream: 'anthropic',
      hints: { clientModel: 'claude' },
      context,
    });
    const events: Array<[string, object]> = [
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'm',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 5, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'Weather needs ' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'thinking_delta', thinking: 'a tool "call".' },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'signature_delta', signature: 'sig-xyz' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: {} },
        },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 1 }],
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: 'tool_use', stop_sequence: null },
          usage: { output_tokens: 30 },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    ];
    for (const [event, data] of events) converter.push({ event, data: JSON.stringify(data) });
    expect(cache.lookup(['toolu_9'])).toBeUndefined();
    converter.finish();
    expect(cache.lookup(['toolu_9'])?.get('toolu_9')).toEqual([
      { type: 'thinking', thinking: 'Weather needs a tool "call".', signature: 'sig-xyz' },
    ]);
  });
});
