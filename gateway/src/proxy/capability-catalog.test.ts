import { lookupClaudeCapabilities, type Credential } from '@llmfb/shared';
import { createCapabilityCatalog } from './capability-catalog';

const credential = (id = 'cred-1', updatedAt = 1000) =>
  ({ id, updatedAt: new Date(updatedAt) }) as unknown as Credential;

/** A ModelInfo that gives an unknown name adaptive thinking and an 8,000-token ceiling. */
const info = {
  type: 'model',
  id: 'acme-reasoner-2',
  max_tokens: 8000,
  capabilities: {
    thinking: { supported: true, types: { adaptive: { supported: true } } },
    effort: { supported: true, low: { supported: true }, high: { supported: true } },
  },
};

function setUp(answers: Array<unknown>) {
  let clock = 0;
  const calls: string[] = [];
  const pending: Array<() => void> = [];
  const errors: unknown[] = [];
  const catalog = createCapabilityCatalog({
    refreshMs: 60_000,
    retryMs: 5_000,
    now: () => clock,
    onError: (error) => errors.push(error),
    fetchModelInfo: (cred, model) => {
      calls.push(`${cred.id}/${model}`);
      const answer = answers.shift();
      return new Promise((resolve, reject) =>
        pending.push(() => (answer instanceof Error ? reject(answer) : resolve(answer))),
      );
    },
  });
  return {
    catalog,
    calls,
    errors,
    tick: (ms: number) => (clock += ms),
    /** Lets every fetch started so far answer. */
    async settle() {
      for (const answer of pending.splice(0)) answer();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('createCapabilityCatalog', () => {
  it('answers from the table until the upstream has answered, asking it once', async () => {
    const t = setUp([info]);
    expect(t.catalog.get(credential(), 'acme-reasoner-2')).toBeUndefined();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')).toBeUndefined();
    expect(t.calls).toEqual(['cred-1/acme-reasoner-2']);
    await t.settle();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')).toEqual({
      ...lookupClaudeCapabilities('acme-reasoner-2'),
      adaptiveThinking: true,
      effortLevels: ['low', 'high'],
      maxOutputTokens: 8000,
    });
    expect(t.calls).toHaveLength(1);
  });

  it("describes the model as the upstream did, for the gateway's own model list", async () => {
    const t = setUp([
      { ...info, max_input_tokens: 200_000 },
      { type: 'model', id: 'x' },
    ]);
    expect(t.catalog.describe(credential(), 'acme-reasoner-2')).toBeUndefined();
    await t.settle();
    expect(t.catalog.describe(credential(), 'acme-reasoner-2')).toEqual({
      maxInputTokens: 200_000,
      maxTokens: 8000,
      capabilities: info.capabilities,
    });
    // A ModelInfo without limits or capabilities describes nothing.
    t.catalog.describe(credential(), 'x');
    await t.settle();
    expect(t.catalog.describe(credential(), 'x')).toBeUndefined();
  });

  it('keeps answering while it asks again once the refresh time has passed', async () => {
    const t = setUp([info, { ...info, max_tokens: 4000 }]);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    t.tick(60_000);
    expect(t.catalog.get(credential(), 'acme-reasoner-2')?.maxOutputTokens).toBe(8000);
    expect(t.calls).toHaveLength(2);
    await t.settle();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')?.maxOutputTokens).toBe(4000);
  });

  it('asks again after the retry time when the upstream has no such endpoint or fails', async () => {
    const t = setUp([undefined, new Error('connect ECONNREFUSED'), info]);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')).toBeUndefined();
    t.tick(4_999);
    t.catalog.get(credential(), 'acme-reasoner-2');
    expect(t.calls).toHaveLength(1);
    t.tick(1);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    expect(t.errors).toHaveLength(1);
    expect(t.catalog.get(credential(), 'acme-reasoner-2')).toBeUndefined();
    t.tick(5_000);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')?.adaptiveThinking).toBe(true);
    expect(t.calls).toHaveLength(3);
  });

  it('keeps the last answer through a failed refresh', async () => {
    const t = setUp([info, new Error('upstream answered 500')]);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    t.tick(60_000);
    t.catalog.get(credential(), 'acme-reasoner-2');
    await t.settle();
    expect(t.catalog.get(credential(), 'acme-reasoner-2')?.maxOutputTokens).toBe(8000);
  });

  it('asks per credential and model, and afresh for an edited credential', async () => {
    const t = setUp([info, info, info, info]);
    t.catalog.get(credential('cred-1'), 'acme-reasoner-2');
    t.catalog.get(credential('cred-2'), 'acme-reasoner-2');
    t.catalog.get(credential('cred-1'), 'claude-sonnet-4-5');
    await t.settle();
    expect(t.catalog.get(credential('cred-1', 2000), 'acme-reasoner-2')).toBeUndefined();
    expect(t.calls).toEqual([
      'cred-1/acme-reasoner-2',
      'cred-2/acme-reasoner-2',
      'cred-1/claude-sonnet-4-5',
      'cred-1/acme-reasoner-2',
    ]);
  });
});
