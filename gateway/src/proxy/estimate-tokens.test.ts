import { estimateInputTokens } from './estimate-tokens';

describe('estimateInputTokens', () => {
  it('counts system, message and tool text, not ids or signatures', () => {
    const small = estimateInputTokens({ messages: [{ role: 'user', content: 'Hello there' }] });
    const withSystem = estimateInputTokens({
      system: 'You are a careful assistant who answers briefly.',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(small).toBeGreaterThan(1);
    expect(withSystem).toBeGreaterThan(small + 5);
    const signed = estimateInputTokens({
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'thinking', thinking: 'x', signature: 'A'.repeat(4000) }],
        },
      ],
    });
    expect(signed).toBeLessThan(20);
  });

  it('grows with the conversation', () => {
    const turn = {
      role: 'user',
      content: 'Explain the difference between TCP and UDP in two sentences.',
    };
    expect(estimateInputTokens({ messages: [turn, turn, turn, turn] })).toBeGreaterThan(
      3 * estimateInputTokens({ messages: [turn] }),
    );
  });
});
