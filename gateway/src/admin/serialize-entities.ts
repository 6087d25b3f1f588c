/**
 * @module serialize-entities
 * Store records (camelCase) → wire shapes (snake_case, API.md). The only place that knows both;
 * secrets (password hashes, encrypted keys, key hashes) never get past it.
 */
import type { ApiKey, Credential, ModelConfig, Page, User } from '@llmfb/shared';
import { detectCredentialMode } from '../upstream/detect-credential-mode';
import type { CredentialWire } from './schemas/credential-schemas';
import type { ApiKeyWire } from './schemas/key-schemas';
import type { ModelConfigWire } from './schemas/model-schemas';
import type { UserWire } from './schemas/user-schemas';

const toIso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function serializeUser(user: User): UserWire {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    is_active: user.isActive,
    is_superuser: user.isSuperuser,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

export function serializeCredential(credential: Credential): CredentialWire {
  return {
    id: credential.id,
    user_id: credential.userId,
    name: credential.name,
    provider: credential.provider,
    api_url: credential.apiUrl,
    api_key_masked: credential.apiKeyMasked,
    // The masked key keeps the key's first characters, enough to see a `cr_` relay key.
    mode: detectCredentialMode({
      provider: credential.provider,
      apiUrl: credential.apiUrl,
      apiKey: credential.apiKeyMasked,
    }),
    is_active: credential.isActive,
    is_validated: credential.isValidated,
    validation_error: credential.validationError,
    validated_at: toIso(credential.validatedAt),
    validation_model: credential.validationModel,
    inject_system_prompt: credential.injectSystemPrompt,
    cli_version: credential.cliVersion,
    created_at: credential.createdAt.toISOString(),
    updated_at: credential.updatedAt.toISOString(),
  };
}

export function serializeModelConfig(modelConfig: ModelConfig): ModelConfigWire {
  return {
    id: modelConfig.id,
    user_id: modelConfig.userId,
    credential_id: modelConfig.credentialId,
    model_name: modelConfig.modelName,
    alias: modelConfig.alias,
    target_format: modelConfig.targetFormat,
    is_enabled: modelConfig.isEnabled,
    rate_limit: modelConfig.rateLimit,
    created_at: modelConfig.createdAt.toISOString(),
    updated_at: modelConfig.updatedAt.toISOString(),
  };
}

export function serializeApiKey(apiKey: ApiKey): ApiKeyWire {
  return {
    id: apiKey.id,
    user_id: apiKey.userId,
    name: apiKey.name,
    prefix: apiKey.prefix,
    model_config_ids: [...apiKey.modelConfigIds],
    rate_limit: apiKey.rateLimit,
    expires_at: toIso(apiKey.expiresAt),
    is_active: apiKey.isActive,
    strict: apiKey.strict,
    last_used_at: toIso(apiKey.lastUsedAt),
    created_at: apiKey.createdAt.toISOString(),
    updated_at: apiKey.updatedAt.toISOString(),
  };
}

export function serializePage<T, W>(
  page: Page<T>,
  serialize: (item: T) => W,
): { items: W[]; next_cursor: string | null } {
  return { items: page.items.map(serialize), next_cursor: page.nextCursor };
}
