/**
 * @module build-upstream-target
 * Where an upstream request goes, per API.md "Base URL rules": OpenAI-format calls go to
 * `{api_url}/chat/completions` and `{api_url}/models`; Anthropic-format calls go to
 * `{api_url}/messages` when `api_url` ends in `/v1`, else `{api_url}/v1/messages` (same for
 * `/messages/count_tokens` and `/models`). Pure; used by the proxy and by credential validation.
 *
 * @example
 * buildUpstreamTarget({ apiUrl: 'https://relay.example.com/api' }, { format: 'anthropic', path: 'messages' });
 * // 'https://relay.example.com/api/v1/messages'
 */
import { assertNever } from '@llmfb/shared';

export type UpstreamTargetOptions =
  | { readonly format: 'openai'; readonly path: 'chat' | 'models' }
  | { readonly format: 'anthropic'; readonly path: 'messages' | 'count_tokens' | 'models' };

function trimTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

export function buildUpstreamTarget(
  credential: { readonly apiUrl: string },
  options: UpstreamTargetOptions,
): string {
  const base = trimTrailingSlashes(credential.apiUrl.trim());
  if (options.format === 'openai') {
    const path = options.path;
    switch (path) {
      case 'chat':
        return `${base}/chat/completions`;
      case 'models':
        return `${base}/models`;
      default:
        return assertNever(path);
    }
  }
  const path = options.path;
  const versioned = /\/v1$/.test(base) ? base : `${base}/v1`;
  switch (path) {
    case 'messages':
      return `${versioned}/messages`;
    case 'count_tokens':
      return `${versioned}/messages/count_tokens`;
    case 'models':
      return `${versioned}/models`;
    default:
      return assertNever(path);
  }
}
