/**
 * @module proxy-operations
 * The proxy API in the OpenAPI document. Its bodies are the official OpenAI Chat Completions and
 * Anthropic Messages formats, so they are described by reference rather than re-specified.
 */
export interface ProxyOperation {
  readonly method: 'get' | 'post';
  readonly path: string;
  readonly summary: string;
  readonly description: string;
}

const both = (path: string) => [path, `/api${path}`];

export const proxyOperations: readonly ProxyOperation[] = [
  ...both('/v1/chat/completions').map((path) => ({
    method: 'post' as const,
    path,
    summary: 'OpenAI Chat Completions (stream true or false)',
    description:
      'Body and answer in the OpenAI Chat Completions format; any model the key may use, converted when its upstream speaks Anthropic.',
  })),
  ...both('/v1/messages').map((path) => ({
    method: 'post' as const,
    path,
    summary: 'Anthropic Messages (stream true or false)',
    description:
      'Body and answer in the Anthropic Messages format; any model the key may use, converted when its upstream speaks OpenAI.',
  })),
  ...both('/v1/messages/count_tokens').map((path) => ({
    method: 'post' as const,
    path,
    summary: 'Anthropic token count',
    description: 'Answers {input_tokens}.',
  })),
  ...both('/v1/models').map((path) => ({
    method: 'get' as const,
    path,
    summary: 'Models this key may call',
    description:
      'OpenAI list shape; Anthropic list shape when the request carries anthropic-version.',
  })),
  ...both('/v1/models/{model_id}').map((path) => ({
    method: 'get' as const,
    path,
    summary: 'One model this key may call',
    description:
      'An item of the models list (OpenAI or, with anthropic-version, Anthropic shape); 404 for any other id.',
  })),
];
