/**
 * @module store/config-store
 * The config store port: everything the admin API manages and the proxy reads. Adapters: SQLite
 * (embedded default) and MongoDB (`MONGODB_URI`), both in `@llmfb/shared/node`; one contract test
 * suite runs against both.
 *
 * @example
 * const grant = await store.resolveProxyKey(hashProxyKey(presentedKey));
 * if (!grant || !grant.key.isActive || !grant.user.isActive) throw unauthorized();
 */
import type { ApiKey, Credential, ModelConfig } from '../domain/entities';
import type { ApiKeyRepository } from './api-keys';
import type { CredentialRepository } from './credentials';
import type { ModelConfigRepository } from './model-configs';
import type { RefreshTokenRepository } from './refresh-tokens';
import type { UserRepository } from './users';

/** What one proxy key may do, resolved in one cheap lookup (the proxy caches it about 1 s). */
export interface ProxyKeyGrant {
  readonly key: ApiKey;
  readonly user: { readonly id: string; readonly isActive: boolean; readonly isSuperuser: boolean };
  /**
   * The enabled model configs the key may call (every enabled config of the owner when the key
   * names none), each with its credential whether active or not (the proxy decides).
   */
  readonly models: ReadonlyArray<{ readonly config: ModelConfig; readonly credential: Credential }>;
}

export interface ConfigStore {
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  readonly credentials: CredentialRepository;
  readonly modelConfigs: ModelConfigRepository;
  readonly apiKeys: ApiKeyRepository;
  /** The hot-path lookup by SHA-256 hex of the presented key; undefined for an unknown key. */
  resolveProxyKey(keyHash: string): Promise<ProxyKeyGrant | undefined>;
  /** Batched `lastUsedAt` update; callers fire and forget (errors are the caller's to log). */
  touchKeysLastUsed(ids: readonly string[], at: Date): Promise<void>;
  /** Resolves when the store can serve (readiness). */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}
