import { Credential, Provider } from './credential';

export type CredentialPresetId = 'openai' | 'anthropic' | 'openai-compatible' | 'claude-code-relay';

export interface CredentialPreset {
  readonly id: CredentialPresetId;
  readonly provider: Provider;
  /** Prefilled base URL; empty when the user must supply one. */
  readonly defaultUrl: string;
  /** Translation keys. */
  readonly label: string;
  readonly hint: string;
}

export const OPENAI_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_URL = 'https://api.anthropic.com';
export const RELAY_KEY_PREFIX = 'cr_';

export const CREDENTIAL_PRESETS: readonly CredentialPreset[] = [
  {
    id: 'openai',
    provider: 'openai',
    defaultUrl: OPENAI_URL,
    label: 'credentials.presets.openai',
    hint: 'credentials.presets.openaiHint',
  },
  {
    id: 'anthropic',
    provider: 'anthropic',
    defaultUrl: ANTHROPIC_URL,
    label: 'credentials.presets.anthropic',
    hint: 'credentials.presets.anthropicHint',
  },
  {
    id: 'openai-compatible',
    provider: 'openai',
    defaultUrl: '',
    label: 'credentials.presets.compatible',
    hint: 'credentials.presets.compatibleHint',
  },
  {
    id: 'claude-code-relay',
    provider: 'anthropic',
    defaultUrl: '',
    label: 'credentials.presets.relay',
    hint: 'credentials.presets.relayHint',
  },
];

export function findPreset(id: CredentialPresetId): CredentialPreset {
  const preset = CREDENTIAL_PRESETS.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`unknown credential preset ${id}`);
  return preset;
}

function isOfficialUrl(url: string, official: string): boolean {
  return url.replace(/\/+$/, '') === official;
}

/** Which preset an existing credential was made with (for the edit form). */
export function detectPreset(credential: Credential): CredentialPresetId {
  if (credential.provider === 'openai') {
    return isOfficialUrl(credential.api_url, OPENAI_URL) ? 'openai' : 'openai-compatible';
  }
  const isRelay =
    credential.mode === 'claude_code_relay' ||
    (credential.api_key_masked.startsWith(RELAY_KEY_PREFIX) &&
      !isOfficialUrl(credential.api_url, ANTHROPIC_URL));
  return isRelay ? 'claude-code-relay' : 'anthropic';
}

/** The URL field follows the preset unless the user typed their own. */
export function pickUrlForPreset(currentUrl: string, next: CredentialPreset): string {
  const isUntouched =
    currentUrl === '' ||
    CREDENTIAL_PRESETS.some(
      (preset) => preset.defaultUrl !== '' && preset.defaultUrl === currentUrl,
    );
  return isUntouched ? next.defaultUrl : currentUrl;
}
