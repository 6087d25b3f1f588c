import fc from 'fast-check';
import { buildTurnContinuation, isPausedTurn, mergeContinuedTurn } from './continue-paused-turn';
import { createFixtureContext } from '../__fixtures__/fixture-files';
import { convertMessageToChatCompletion } from './message-response';

const searchUse = {
  type: 'server_tool_use',
  id: 'srvtoolu_1',
  name: 'web_search',
  input: { query: 'weather Paris' },
};
const searchResult = {
  type: 'web_search_tool_result',
  tool_use_id: 'srvtoolu_1',
  content: [
    {
      type: 'web_search_result',
      url: 'https://example.com/paris',
      title: 'Paris weather',
      encrypted_content: 'abc',
      page_age: null,
    },
  ],
};

const paused = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Let me look that up. ' }, searchUse, searchResult],
  stop_reason: 'pause_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 100,
    output_tokens: 20,
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 0,
    server_tool_use: { web_search_requests: 1 },
    service_tier: 'standard',
  },
};

const continuation = {
  id: 'msg_2',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'It is 18 °C and sunny in Paris.' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 900,
    output_tokens: 15,
    cache_read_input_tokens: 80,
    cache_creation_input_tokens: 0,
    server_tool_use: { web_search_requests: 0 },
    service_tier: 'standard',
  },
};

describe('continuing a paused server-tool turn', () => {
  it('recognises a paused turn only', () => {
    expect(isPausedTurn(paused)).toBe(true);
    expect(isPausedTurn(continuation)).toBe(false);
    expect(isPausedTurn({ stop_reason: 'pause_turn' })).toBe(false);
    expect(isPausedTurn(null)).toBe(false);
  });

  it('sends the paused answer back as the last assistant message of the same request', () => {
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    };
    expect(buildTurnContinuation(request, paused)).toEqual({
      ...request,
      messages: [...request.messages, { role: 'assistant', content: paused.content }],
    });
    expect(request.messages).toHaveLength(1);
  });

  it('answers one message: both contents in order, the last stop reason, usage added up', () => {
    expect(mergeContinuedTurn(paused, continuation)).toEqual({
      ...paused,
      content: [...paused.content, ...continuation.content],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: 1000,
        output_tokens: 35,
        cache_read_input_tokens: 80,
        cache_creation_input_tokens: 0,
        server_tool_use: { web_search_requests: 1 },
        service_tier: 'standard',
      },
    });
  });

  it('converts for an OpenAI client without the pause note', () => {
    const converted = convertMessageToChatCompletion(
      mergeContinuedTurn(paused, continuation),
      { clientModel: 'claude' },
      createFixtureContext(),
    );
    expect(converted.response.choices[0]!.message.content).toBe(
      'Let me look that up. It is 18 °C and sunny in Paris.',
    );
    expect(converted.response.choices[0]!.finish_reason).toBe('stop');
    expect(converted.response.usage).toMatchObject({ completion_tokens: 35 });
    expect(converted.notes.map((note) => note.message).join(' ')).not.toMatch(/pause_turn/);
  });

  it('keeps the paused answer when the continuation is not an answer', () => {
    expect(mergeContinuedTurn(paused, { type: 'error' })).toBe(paused);
    expect(mergeContinuedTurn(paused, 'oops')).toBe(paused);
  });

  it('adds up every numeric usage field of any two answers', () => {
    const usage = fc.record(
      {
        input_tokens: fc.nat(),
        output_tokens: fc.nat(),
        cache_read_input_tokens: fc.nat(),
        server_tool_use: fc.record({ web_search_requests: fc.nat() }, { requiredKeys: [] }),
      },
      { requiredKeys: ['input_tokens', 'output_tokens'] },
    );
    fc.assert(
      fc.property(usage, usage, (first, second) => {
        const merged = mergeContinuedTurn(
          { ...paused, usage: first },
          { ...continuation, usage: second },
        ).usage as Record<string, unknown>;
        expect(merged.input_tokens).toBe(first.input_tokens + second.input_tokens);
        expect(merged.output_tokens).toBe(first.output_tokens + second.output_tokens);
        if (
          first.cache_read_input_tokens !== undefined &&
          second.cache_read_input_tokens !== undefined
        ) {
          expect(merged.cache_read_input_tokens).toBe(
            first.cache_read_input_tokens + second.cache_read_input_tokens,
          );
        }
        const searches = (u: typeof first) => u.server_tool_use?.web_search_requests ?? 0;
        const mergedSearches =
          (merged.server_tool_use as { web_search_requests?: number } | undefined)
            ?.web_search_requests ?? 0;
        expect(mergedSearches).toBe(searches(first) + searches(second));
      }),
      { numRuns: 300 },
    );
  });
});
