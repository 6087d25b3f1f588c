export type ProxyFormat = 'openai' | 'anthropic';

export type SnippetId =
  'curl' | 'openai-python' | 'openai-node' | 'anthropic-python' | 'anthropic-node' | 'claude-code';

export interface Snippet {
  readonly id: SnippetId;
  /** Translation key of the tab label. */
  readonly label: string;
  readonly code: string;
}

export interface SnippetInput {
  /** The console's origin, e.g. `https://llm.example.com`; the proxy lives on the same host. */
  readonly origin: string;
  readonly key: string;
  /** The alias clients send as `model`. */
  readonly model: string;
  /** The format the model is offered in. */
  readonly format: ProxyFormat;
}

/** A string literal valid in both Python and JavaScript. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** A single-quoted shell word. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function buildCurl({ origin, key, model, format }: SnippetInput): string {
  const hello = [{ role: 'user', content: 'Hello!' }];
  if (format === 'openai') {
    const body = JSON.stringify({ model, messages: hello });
    return [
      `curl ${origin}/v1/chat/completions \\`,
      `  -H ${shellQuote(`Authorization: Bearer ${key}`)} \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  -d ${shellQuote(body)}`,
    ].join('\n');
  }
  const body = JSON.stringify({ model, max_tokens: 1024, messages: hello });
  return [
    `curl ${origin}/v1/messages \\`,
    `  -H ${shellQuote(`x-api-key: ${key}`)} \\`,
    `  -H 'anthropic-version: 2023-06-01' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n');
}

function buildOpenAIPython({ origin, key, model }: SnippetInput): string {
  return `from openai import OpenAI

client = OpenAI(base_url=${quote(`${origin}/v1`)}, api_key=${quote(key)})
response = client.chat.completions.create(
    model=${quote(model)},
    messages=[{"role": "user", "content": "Hello!"}],
)
print(response.choices[0].message.content)`;
}

function buildOpenAINode({ origin, key, model }: SnippetInput): string {
  return `import OpenAI from 'openai';

const client = new OpenAI({ baseURL: ${quote(`${origin}/v1`)}, apiKey: ${quote(key)} });
const response = await client.chat.completions.create({
  model: ${quote(model)},
  messages: [{ role: 'user', content: 'Hello!' }],
});
console.log(response.choices[0].message.content);`;
}

function buildAnthropicPython({ origin, key, model }: SnippetInput): string {
  return `from anthropic import Anthropic

client = Anthropic(base_url=${quote(origin)}, api_key=${quote(key)})
message = client.messages.create(
    model=${quote(model)},
    max_tokens=1024,
    messages=[{"role": "user", "content": "Hello!"}],
)
print(message.content[0].text)`;
}

function buildAnthropicNode({ origin, key, model }: SnippetInput): string {
  return `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ baseURL: ${quote(origin)}, apiKey: ${quote(key)} });
const message = await client.messages.create({
  model: ${quote(model)},
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello!' }],
});
console.log(message.content[0].text);`;
}

function buildClaudeCode({ origin, key, model }: SnippetInput): string {
  return [
    `export ANTHROPIC_BASE_URL=${shellQuote(origin)}`,
    `export ANTHROPIC_AUTH_TOKEN=${shellQuote(key)}`,
    `export ANTHROPIC_MODEL=${shellQuote(model)}`,
    'claude',
  ].join('\n');
}

/**
 * Ready-to-paste examples for a new key: curl and the SDKs of the model's format, plus Claude
 * Code (which speaks Anthropic; the gateway converts for models offered in OpenAI format too).
 */
export function buildSnippets(input: SnippetInput): Snippet[] {
  const curl: Snippet = { id: 'curl', label: 'snippets.curl', code: buildCurl(input) };
  const claudeCode: Snippet = {
    id: 'claude-code',
    label: 'snippets.claudeCode',
    code: buildClaudeCode(input),
  };
  if (input.format === 'openai') {
    return [
      curl,
      { id: 'openai-python', label: 'snippets.openaiPython', code: buildOpenAIPython(input) },
      { id: 'openai-node', label: 'snippets.openaiNode', code: buildOpenAINode(input) },
      claudeCode,
    ];
  }
  return [
    curl,
    {
      id: 'anthropic-python',
      label: 'snippets.anthropicPython',
      code: buildAnthropicPython(input),
    },
    { id: 'anthropic-node', label: 'snippets.anthropicNode', code: buildAnthropicNode(input) },
    claudeCode,
  ];
}
