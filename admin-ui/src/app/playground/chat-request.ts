import { ProxyFormat } from '../shared/key-reveal/build-snippets';

export interface ChatTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequestOptions {
  readonly format: ProxyFormat;
  readonly model: string;
  readonly system: string;
  readonly turns: readonly ChatTurn[];
  readonly maxTokens: number;
  readonly stream: boolean;
}

/** The proxy path of each format (the gateway also serves them under /api/v1). */
export function selectEndpoint(format: ProxyFormat): string {
  return format === 'openai' ? '/chat/completions' : '/messages';
}

/** Builds the request body a client of that format would send. */
export function buildChatRequestBody(options: ChatRequestOptions): Record<string, unknown> {
  const turns = options.turns.filter((turn) => turn.content.trim() !== '');
  if (options.format === 'openai') {
    const messages = options.system.trim()
      ? [{ role: 'system', content: options.system }, ...turns]
      : [...turns];
    return {
      model: options.model,
      messages,
      max_tokens: options.maxTokens,
      stream: options.stream,
      ...(options.stream ? { stream_options: { include_usage: true } } : {}),
    };
  }
  return {
    model: options.model,
    max_tokens: options.maxTokens,
    ...(options.system.trim() ? { system: options.system } : {}),
    messages: turns,
    stream: options.stream,
  };
}

/** Headers for the proxy call; the Anthropic format also gets its version header. */
export function buildChatHeaders(format: ProxyFormat, key: string): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${key}`,
  };
  if (format === 'anthropic') headers['anthropic-version'] = '2023-06-01';
  return headers;
}

/** `llmb_AbCd…wxyz`: enough to recognise the key in the raw request view, not enough to use. */
export function maskKey(key: string): string {
  return key.length <= 12 ? '••••' : `${key.slice(0, 9)}…${key.slice(-4)}`;
}
