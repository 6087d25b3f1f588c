/**
 * @module detect-credential-mode
 * Which way a credential talks to its upstream. A Claude Code relay (claude-relay-service and
 * kin) is an Anthropic-provider credential whose key starts `cr_` and whose `api_url` is not
 * Anthropic's own: it gets Bearer auth, the Claude CLI headers and the Claude Code system block.
 *
 * @example
 * detectCredentialMode({ provider: 'anthropic', apiUrl: 'https://relay.example.com/api', apiKey: 'cr_abc' });
 * // 'claude_code_relay'
 */
import type { Provider } from '@llmfb/shared';

export type CredentialMode = 'standard' | 'claude_code_relay';

export const officialApiUrls: Readonly<Record<Provider, string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/** The provider's cheapest current model, used to validate a credential when none is set. */
export const defaultValidationModels: Readonly<Record<Provider, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
};

const relayKeyPrefix = 'cr_';

export function isOfficialAnthropicUrl(apiUrl: string): boolean {
  try {
    return new URL(apiUrl).hostname.toLowerCase() === 'api.anthropic.com';
  } catch {
    return false;
  }
}

export interface CredentialModeInput {
  readonly provider: Provider;
  readonly apiUrl: string;
  /** The plain key, or any prefix of it of at least 3 characters (e.g. the masked key). */
  readonly apiKey: string;
}

export function detectCredentialMode(input: CredentialModeInput): CredentialMode {
  return input.provider === 'anthropic' &&
    input.apiKey.startsWith(relayKeyPrefix) &&
    !isOfficialAnthropicUrl(input.apiUrl)
    ? 'claude_code_relay'
    : 'standard';
}
