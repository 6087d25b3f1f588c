import { lookupClaudeCapabilities, lookupOpenAICapabilities } from './capabilities';

describe('lookupClaudeCapabilities', () => {
  it.each([
    [
      'claude-3-haiku-20240307',
      { adaptiveThinking: false, budgetThinking: false, prefill: true, maxOutputTokens: 4096 },
    ],
    [
      'claude-3-7-sonnet-latest',
      { budgetThinking: true, prefill: true, structuredOutputs: false, maxOutputTokens: 64000 },
    ],
    [
      'claude-opus-4-20250514',
      { budgetThinking: true, adaptiveThinking: false, maxOutputTokens: 32000 },
    ],
    ['claude-opus-4-1', { structuredOutputs: true, maxOutputTokens: 32000 }],
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      { budgetThinking: true, structuredOutputs: true, prefill: true },
    ],
    [
      'claude-opus-4-6',
      {
        adaptiveThinking: true,
        budgetThinking: true,
        prefill: false,
        sampling: 'full',
        maxOutputTokens: 128000,
      },
    ],
    [
      'claude-opus-4-7',
      {
        adaptiveThinking: true,
        budgetThinking: false,
        sampling: 'deprecated',
        midConversationSystem: false,
      },
    ],
    [
      'claude-opus-4-8',
      { midConversationSystem: true, effortLevels: ['low', 'medium', 'high', 'xhigh', 'max'] },
    ],
    ['claude-sonnet-5-5', { adaptiveThinking: true, prefill: false, midConversationSystem: true }],
    ['claude-mythos-preview', { adaptiveThinking: true, prefill: false }],
  ])('%s', (model, expected) => {
    expect(lookupClaudeCapabilities(model)).toMatchObject(expected);
  });

  it('gives a non-Claude name conservative defaults without an output ceiling', () => {
    expect(lookupClaudeCapabilities('kimi-k2')).toEqual({
      family: 'unknown',
      adaptiveThinking: false,
      budgetThinking: false,
      effortLevels: [],
      sampling: 'full',
      prefill: true,
      structuredOutputs: false,
      midConversationSystem: false,
      maxOutputTokens: undefined,
    });
  });
});

describe('lookupOpenAICapabilities', () => {
  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o', false],
    ['gpt-4o-mini', 'gpt-4o', false],
    ['gpt-4.1-nano', 'gpt-4.1', false],
    ['o3-mini-2025-01-31', 'o3-mini', true],
    ['o4-mini', 'o3', true],
    ['gpt-5-mini', 'gpt-5', true],
    ['gpt-5-chat-latest', 'gpt-5-chat', false],
    ['gpt-5.2', 'gpt-5.2+', true],
    ['openai/gpt-5', 'gpt-5', true],
    ['gpt-4o-search-preview', 'search-preview', false],
    ['llama-3.1-70b', 'unknown', false],
  ])('%s → %s', (model, family, reasoning) => {
    expect(lookupOpenAICapabilities(model)).toMatchObject({ family, reasoning });
  });

  it('does not let a prefix match inside a longer version number', () => {
    expect(lookupOpenAICapabilities('o10-preview').family).toBe('unknown');
  });
});
