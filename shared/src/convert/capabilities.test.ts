import fc from 'fast-check';
import {
  applyModelInfoCapabilities,
  lookupClaudeCapabilities,
  lookupOpenAICapabilities,
} from './capabilities';

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

describe('applyModelInfoCapabilities', () => {
  const supported = { supported: true };
  const unsupported = { supported: false };
  /** A whole `ModelInfo` as Anthropic's `GET /v1/models/{id}` answers it. */
  const modelInfo = (overrides: Record<string, unknown> = {}) => ({
    type: 'model',
    id: 'acme-reasoner-2',
    display_name: 'Acme Reasoner 2',
    created_at: '2026-10-01T00:00:00Z',
    deprecated_at: null,
    lifecycle: 'active',
    line: null,
    retires_at: null,
    max_input_tokens: 400000,
    max_tokens: 96000,
    capabilities: {
      batch: supported,
      citations: supported,
      code_execution: unsupported,
      context_management: {
        supported: false,
        clear_thinking_20251015: null,
        clear_tool_uses_20250919: null,
        compact_20260112: null,
      },
      effort: {
        supported: true,
        low: supported,
        medium: supported,
        high: supported,
        max: unsupported,
        xhigh: null,
      },
      image_input: supported,
      pdf_input: unsupported,
      server_tools: { supported: false, code_execution: unsupported, web_search: unsupported },
      structured_outputs: supported,
      thinking: {
        supported: true,
        types: {
          adaptive: supported,
          enabled: unsupported,
          disabled: supported,
          between_tools: unsupported,
        },
      },
    },
    ...overrides,
  });

  it('takes thinking, effort, structured outputs and the output ceiling from the upstream', () => {
    // A name the table does not know: no thinking, no structured outputs, no ceiling.
    const base = lookupClaudeCapabilities('acme-reasoner-2');
    expect(applyModelInfoCapabilities(base, modelInfo())).toEqual({
      ...base,
      adaptiveThinking: true,
      budgetThinking: false,
      effortLevels: ['low', 'medium', 'high'],
      structuredOutputs: true,
      maxOutputTokens: 96000,
    });
  });

  it('keeps what the API does not report (sampling, prefill, system messages) from the table', () => {
    const base = lookupClaudeCapabilities('claude-opus-4-7');
    const refreshed = applyModelInfoCapabilities(base, modelInfo());
    expect(refreshed).toMatchObject({
      family: base.family,
      sampling: base.sampling,
      prefill: base.prefill,
      midConversationSystem: base.midConversationSystem,
    });
  });

  it('turns every thinking type off when thinking is not supported at all', () => {
    const base = lookupClaudeCapabilities('claude-sonnet-4-6');
    const info = modelInfo();
    info.capabilities.thinking.supported = false;
    info.capabilities.effort.supported = false;
    expect(applyModelInfoCapabilities(base, info)).toMatchObject({
      adaptiveThinking: false,
      budgetThinking: false,
      effortLevels: [],
    });
  });

  it('reports nothing for an answer without capabilities or a ceiling', () => {
    const base = lookupClaudeCapabilities('claude-sonnet-4-5');
    expect(
      applyModelInfoCapabilities(base, modelInfo({ capabilities: null, max_tokens: null })),
    ).toBeUndefined();
    expect(
      applyModelInfoCapabilities(base, { error: { type: 'not_found_error' } }),
    ).toBeUndefined();
    expect(applyModelInfoCapabilities(base, 'claude')).toBeUndefined();
    expect(applyModelInfoCapabilities(base, null)).toBeUndefined();
    // An older API version: no capabilities, but the ceiling is still worth having.
    expect(applyModelInfoCapabilities(base, modelInfo({ capabilities: null }))).toEqual({
      ...base,
      maxOutputTokens: 96000,
    });
  });

  it('never throws, and keeps every field well-typed, whatever the upstream sends', () => {
    const base = lookupClaudeCapabilities('claude-opus-4-6');
    const support = fc.oneof(fc.anything(), fc.record({ supported: fc.anything() }));
    const shaped = fc.record(
      {
        max_tokens: fc.anything(),
        capabilities: fc.oneof(
          fc.anything(),
          fc.record(
            {
              thinking: fc.record(
                {
                  supported: fc.anything(),
                  types: fc.record({ adaptive: support, enabled: support }, { requiredKeys: [] }),
                },
                { requiredKeys: [] },
              ),
              effort: fc.record(
                {
                  supported: fc.anything(),
                  low: support,
                  medium: support,
                  high: support,
                  xhigh: support,
                  max: support,
                },
                { requiredKeys: [] },
              ),
              structured_outputs: support,
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), shaped), (info) => {
        const refreshed = applyModelInfoCapabilities(base, info);
        if (refreshed === undefined) return;
        expect(typeof refreshed.adaptiveThinking).toBe('boolean');
        expect(typeof refreshed.budgetThinking).toBe('boolean');
        expect(typeof refreshed.structuredOutputs).toBe('boolean');
        for (const level of refreshed.effortLevels) {
          expect(['low', 'medium', 'high', 'xhigh', 'max']).toContain(level);
        }
        const ceiling = refreshed.maxOutputTokens;
        expect(ceiling === undefined || (Number.isInteger(ceiling) && ceiling > 0)).toBe(true);
        expect(refreshed.sampling).toBe(base.sampling);
        expect(refreshed.prefill).toBe(base.prefill);
      }),
      { numRuns: 500 },
    );
  });
});
