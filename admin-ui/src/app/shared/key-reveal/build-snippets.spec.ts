import { buildSnippets } from './build-snippets';

const base = { origin: 'https://gw.example.com', key: 'llmb_secret', model: 'mini' };

describe('buildSnippets', () => {
  it('gives OpenAI-format models curl, both OpenAI SDKs and Claude Code, with /v1 on the base URL', () => {
    const snippets = buildSnippets({ ...base, format: 'openai' });
    expect(snippets.map((snippet) => snippet.id)).toEqual([
      'curl',
      'openai-python',
      'openai-node',
      'claude-code',
    ]);
    const [curl, python, node] = snippets;
    expect(curl?.code).toContain('curl https://gw.example.com/v1/chat/completions');
    expect(curl?.code).toContain("-H 'Authorization: Bearer llmb_secret'");
    expect(curl?.code).toContain(
      `-d '{"model":"mini","messages":[{"role":"user","content":"Hello!"}]}'`,
    );
    expect(python?.code).toContain(
      'OpenAI(base_url="https://gw.example.com/v1", api_key="llmb_secret")',
    );
    expect(node?.code).toContain('baseURL: "https://gw.example.com/v1"');
  });

  it('gives Anthropic-format models the Messages endpoint and the bare origin as base URL', () => {
    const snippets = buildSnippets({ ...base, format: 'anthropic' });
    expect(snippets.map((snippet) => snippet.id)).toEqual([
      'curl',
      'anthropic-python',
      'anthropic-node',
      'claude-code',
    ]);
    expect(snippets[0]?.code).toContain('curl https://gw.example.com/v1/messages');
    expect(snippets[0]?.code).toContain("-H 'x-api-key: llmb_secret'");
    expect(snippets[0]?.code).toContain("-H 'anthropic-version: 2023-06-01'");
    expect(snippets[1]?.code).toContain(
      'Anthropic(base_url="https://gw.example.com", api_key="llmb_secret")',
    );
  });

  it('sets the three Claude Code variables', () => {
    const claudeCode = buildSnippets({ ...base, format: 'anthropic' }).find(
      (s) => s.id === 'claude-code',
    );
    expect(claudeCode?.code.split('\n')).toEqual([
      "export ANTHROPIC_BASE_URL='https://gw.example.com'",
      "export ANTHROPIC_AUTH_TOKEN='llmb_secret'",
      "export ANTHROPIC_MODEL='mini'",
      'claude',
    ]);
  });

  it('quotes model names that would break out of the shell or the string literal', () => {
    const [curl, python] = buildSnippets({ ...base, model: `it's "x"`, format: 'openai' });
    expect(curl?.code).toContain(`'{"model":"it'\\''s \\"x\\"",`);
    expect(python?.code).toContain('model="it\'s \\"x\\""');
  });
});
