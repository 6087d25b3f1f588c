/**
 * @module domain/entities
 * The records the store keeps, in camelCase. Wire shapes (snake_case) live in the gateway's admin
 * routes; conversion between the two happens only there.
 */

export type Provider = 'openai' | 'anthropic';
export type TargetFormat = 'openai' | 'anthropic';

export interface User {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  /** scrypt hash in PHC-like form; never leaves the store layer except to verify. */
  readonly passwordHash: string;
  readonly isActive: boolean;
  readonly isSuperuser: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RefreshToken {
  readonly id: string;
  readonly userId: string;
  /** Every rotation of one login shares a family; re-use of a dead token revokes the family. */
  readonly familyId: string;
  /** SHA-256 of the opaque token. */
  readonly tokenHash: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly createdAt: Date;
}

export interface Credential {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly provider: Provider;
  readonly apiUrl: string;
  /** AES-256-GCM envelope `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). */
  readonly apiKeyEncrypted: string;
  /** e.g. `sk-ant…abcd`: a prefix and the last 4 characters, computed at write time. */
  readonly apiKeyMasked: string;
  readonly isActive: boolean;
  readonly isValidated: boolean;
  readonly validationError: string | null;
  readonly validatedAt: Date | null;
  readonly validationModel: string | null;
  /** Claude Code relay mode: inject the Claude Code system block (default true). */
  readonly injectSystemPrompt: boolean;
  /** Claude CLI version for the relay User-Agent; null = the configured default. */
  readonly cliVersion: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ModelConfig {
  readonly id: string;
  readonly userId: string;
  readonly credentialId: string;
  /** The upstream model id. */
  readonly modelName: string;
  /** The name clients send in `model`. */
  readonly alias: string;
  readonly targetFormat: TargetFormat;
  readonly isEnabled: boolean;
  /** Requests per minute across all keys. */
  readonly rateLimit: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ApiKey {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  /** SHA-256 hex of the full `llmb_…` key. */
  readonly keyHash: string;
  /** The first characters of the key, for display (`llmb_AbCd`). */
  readonly prefix: string;
  /** Empty = every enabled model config of the owner. */
  readonly modelConfigIds: readonly string[];
  /** Requests per minute for this key; null = no per-key limit. */
  readonly rateLimit: number | null;
  readonly expiresAt: Date | null;
  readonly isActive: boolean;
  /** Turn every lossy conversion into a 400 for this key. */
  readonly strict: boolean;
  readonly lastUsedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Who is asking, for tenancy checks: a user sees their own resources; `all` only for superusers. */
export type Scope = { readonly userId: string } | 'all';
