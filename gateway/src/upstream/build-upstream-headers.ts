/**
 * @module build-upstream-headers
 * The headers of an upstream request, per credential mode (API.md "Claude Code relay mode"):
 * - OpenAI: `Authorization: Bearer <key>`;
 * - Anthropic: `x-api-key`, `anthropic-version` (the caller's, else 2023-06-01) and the caller's
 *   `anthropic-beta`;
 * - Claude Code relay: `Authorization: Bearer <cr_ key>`, `anthropic-version`, the Claude CLI
 *   User-Agent `claude-cli/<version> (external, cli)`, `x-app: cli`, `x-stainless-retry-count: 0`,
 *   `x-stainless-timeout`, `Accept: application/json` and the caller's `anthropic-beta`.
 * Pure; used by the proxy and by credential validation.
 *
 * @example
 * buildUpstreamHeaders(credential, decryptedKey, { cliVersionDefault: config.LLMFB_CLAUDE_CLI_VERSION });
 */
import type { Credential } from '@llmfb/shared';
import { detectCredentialMode } from './detect-credential-mode';

export const defaultAnthropicVersion = '2023-06-01';
/** Seconds, as the Claude CLI announces it. */
export const relayStainlessTimeoutSeconds = 600;

export interface UpstreamHeaderOptions {
  /** The caller's `anthropic-version` (Anthropic-format callers only). */
  readonly callerAnthropicVersion?: string | undefined;
  /** The caller's `anthropic-beta` (Anthropic-format callers only). */
  readonly callerAnthropicBeta?: string | undefined;
  readonly stream?: boolean | undefined;
  /** LLMFB_CLAUDE_CLI_VERSION: the relay User-Agent version when the credential sets none. */
  readonly cliVersionDefault: string;
}

export type UpstreamCredential = Pick<Credential, 'provider' | 'apiUrl' | 'cliVersion'>;

export function buildUpstreamHeaders(
  credential: UpstreamCredential,
  decryptedKey: string,
  options: UpstreamHeaderOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: options.stream ? 'text/event-stream' : 'application/json',
  };
  if (credential.provider === 'openai') {
    headers.authorization = `Bearer ${decryptedKey}`;
    return headers;
  }
  headers['anthropic-version'] = options.callerAnthropicVersion || defaultAnthropicVersion;
  if (options.callerAnthropicBeta) headers['anthropic-beta'] = options.callerAnthropicBeta;
  const mode = detectCredentialMode({
    provider: credential.provider,
    apiUrl: credential.apiUrl,
    apiKey: decryptedKey,
  });
  if (mode === 'standard') {
    headers['x-api-key'] = decryptedKey;
    return headers;
  }
  headers.authorization = `Bearer ${decryptedKey}`;
  headers['user-agent'] =
    `claude-cli/${credential.cliVersion || options.cliVersionDefault} (external, cli)`;
  headers['x-app'] = 'cli';
  headers['x-stainless-retry-count'] = '0';
  headers['x-stainless-timeout'] = String(relayStainlessTimeoutSeconds);
  // The Claude CLI (a Stainless SDK) sends `accept: application/json` for streams too.
  headers.accept = 'application/json';
  return headers;
}
