/**
 * @module store/api-keys
 * Proxy keys (`llmb_…`), stored only as a SHA-256 hash plus a short display prefix.
 */
import type { ApiKey, Scope } from '../domain/entities';
import type { Page, PageRequest } from './paging';

export interface NewApiKey {
  readonly userId: string;
  readonly name: string;
  readonly keyHash: string;
  readonly prefix: string;
  readonly modelConfigIds: readonly string[];
  readonly rateLimit: number | null;
  readonly expiresAt: Date | null;
  readonly strict: boolean;
}

export interface ApiKeyPatch {
  readonly name?: string;
  readonly modelConfigIds?: readonly string[];
  readonly rateLimit?: number | null;
  readonly expiresAt?: Date | null;
  readonly isActive?: boolean;
  readonly strict?: boolean;
}

export interface ApiKeyFilter {
  /** Keys that name this config explicitly in `modelConfigIds`. */
  readonly modelConfigId?: string;
}

export interface ApiKeyRepository {
  create(apiKey: NewApiKey): Promise<ApiKey>;
  findById(scope: Scope, id: string): Promise<ApiKey | undefined>;
  list(scope: Scope, page: PageRequest, filter?: ApiKeyFilter): Promise<Page<ApiKey>>;
  update(scope: Scope, id: string, patch: ApiKeyPatch): Promise<ApiKey | undefined>;
  delete(scope: Scope, id: string): Promise<boolean>;
}
