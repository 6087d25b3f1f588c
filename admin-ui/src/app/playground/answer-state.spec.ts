import {
  AnswerState,
  EMPTY_ANSWER,
  applyStreamEvent,
  readCompleteAnswer,
  readErrorAnswer,
} from './answer-state';

function fold(format: 'openai' | 'anthropic', events: unknown[]): AnswerState {
  return events.reduce<AnswerState>(
    (state, event) =>
      applyStreamEvent(format, state, typeof event === 'string' ? event : JSON.stringify(event)),
    EMPTY_ANSWER,
  );
}

describe('answer state', () => {
  it('accumulates an OpenAI stream: text, reasoning, finish reason and usage', () => {
    const state = fold('openai', [
      { choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] },
      { choices: [{ index: 0, delta: { reasoning_content: 'Thinking…' } }] },
      { choices: [{ index: 0, delta: { content: 'Hel' } }] },
      { choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop' }] },
      { choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } },
      '[DONE]',
    ]);
    expect(state).toEqual({
      text: 'Hello',
      reasoning: 'Thinking…',
      inputTokens: 5,
      outputTokens: 2,
      finishReason: 'stop',
      error: null,
    });
  });

  it('accumulates an Anthropic stream and keeps the final output token count', () => {
    const state = fold('anthropic', [
      { type: 'message_start', message: { usage: { input_tokens: 9, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: '你好' } },
      { type: 'ping' },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } },
      { type: 'message_stop' },
    ]);
    expect(state).toEqual({
      text: '你好',
      reasoning: 'Hmm',
      inputTokens: 9,
      outputTokens: 4,
      finishReason: 'end_turn',
      error: null,
    });
  });

  it('keeps the partial answer and records a mid-stream error in either format', () => {
    const openai = fold('openai', [
      { choices: [{ index: 0, delta: { content: 'Part' } }] },
      { error: { message: 'upstream overloaded', type: 'server_error' } },
    ]);
    expect(openai.text).toBe('Part');
    expect(openai.error).toBe('upstream overloaded');
    const anthropic = fold('anthropic', [
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    expect(anthropic.error).toBe('Overloaded');
  });

  it('ignores events that are not JSON', () => {
    expect(applyStreamEvent('openai', EMPTY_ANSWER, 'not json')).toBe(EMPTY_ANSWER);
  });

  it('reads complete answers of both formats', () => {
    expect(
      readCompleteAnswer('openai', {
        choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 1 },
      }),
    ).toMatchObject({ text: 'Hi', inputTokens: 3, outputTokens: 1, finishReason: 'stop' });
    expect(
      readCompleteAnswer('anthropic', {
        content: [
          { type: 'thinking', thinking: 'x' },
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
        ],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 2, output_tokens: 8 },
      }),
    ).toMatchObject({ text: 'AB', reasoning: 'x', finishReason: 'max_tokens', outputTokens: 8 });
  });

  it('reads error bodies of both formats and falls back to the raw text', () => {
    expect(
      readErrorAnswer('{"error":{"message":"Invalid API key","type":"invalid_request_error"}}'),
    ).toBe('Invalid API key');
    expect(
      readErrorAnswer(
        '{"type":"error","error":{"type":"authentication_error","message":"bad key"}}',
      ),
    ).toBe('bad key');
    expect(readErrorAnswer('<html>502</html>')).toBe('<html>502</html>');
  });
});
