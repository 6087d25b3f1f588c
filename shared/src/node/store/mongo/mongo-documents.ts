/**
 * @module mongo-documents
 * Document → entity mapping for the MongoDB config store, plus the scope filter and the
 * duplicate-key → 409 translation every repository shares.
 */
import type {
  ApiKey,
  Credential,
  ModelConfig,
  RefreshToken,
  Scope,
  User,
} from '../../../domain/entities';
import { createConflictError, type ConflictEntity } from '../../../store/store-errors';
import type {
  ApiKeyDocument,
  CredentialDocument,
  ModelConfigDocument,
  RefreshTokenDocument,
  UserDocument,
} from './config-schemas';

export const mapUserDocument = (document: UserDocument): User => ({
  id: document._id,
  username: document.username,
  email: document.email,
  passwordHash: document.passwordHash,
  isActive: document.isActive,
  isSuperuser: document.isSuperuser,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

export const mapRefreshTokenDocument = (document: RefreshTokenDocument): RefreshToken => ({
  id: document._id,
  userId: document.userId,
  familyId: document.familyId,
  tokenHash: document.tokenHash,
  expiresAt: document.expiresAt,
  revokedAt: document.revokedAt ?? null,
  createdAt: document.createdAt,
});

export const mapCredentialDocument = (document: CredentialDocument): Credential => ({
  id: document._id,
  userId: document.userId,
  name: document.name,
  provider: document.provider,
  apiUrl: document.apiUrl,
  apiKeyEncrypted: document.apiKeyEncrypted,
  apiKeyMasked: document.apiKeyMasked,
  isActive: document.isActive,
  isValidated: document.isValidated,
  validationError: document.validationError ?? null,
  validatedAt: document.validatedAt ?? null,
  validationModel: document.validationModel ?? null,
  injectSystemPrompt: document.injectSystemPrompt,
  cliVersion: document.cliVersion ?? null,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

export const mapModelConfigDocument = (document: ModelConfigDocument): ModelConfig => ({
  id: document._id,
  userId: document.userId,
  credentialId: document.credentialId,
  modelName: document.modelName,
  alias: document.alias,
  targetFormat: document.targetFormat,
  isEnabled: document.isEnabled,
  rateLimit: document.rateLimit,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

export const mapApiKeyDocument = (document: ApiKeyDocument): ApiKey => ({
  id: document._id,
  userId: document.userId,
  name: document.name,
  keyHash: document.keyHash,
  prefix: document.prefix,
  modelConfigIds: [...(document.modelConfigIds ?? [])],
  rateLimit: document.rateLimit ?? null,
  expiresAt: document.expiresAt ?? null,
  isActive: document.isActive,
  strict: document.strict,
  lastUsedAt: document.lastUsedAt ?? null,
  createdAt: document.createdAt,
  updatedAt: document.updatedAt,
});

/** `{_id, userId?}` for one resource in a scope. */
export const scopedIdFilter = (scope: Scope, id: string) =>
  scope === 'all' ? { _id: id } : { _id: id, userId: scope.userId };

/** `{userId?, _id: {$gt: after}?}` for a page of a list in a scope. */
export function scopedPageFilter(scope: Scope, after: string | undefined): Record<string, unknown> {
  return {
    ...(scope === 'all' ? {} : { userId: scope.userId }),
    ...(after === undefined ? {} : { _id: { $gt: after } }),
  };
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}

/** Turns MongoDB's duplicate-key error into the store's 409; rethrows anything else. */
export function rethrowConflict(error: unknown, entity: ConflictEntity): never {
  if (!isDuplicateKeyError(error)) throw error;
  const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern ?? {};
  const fields = Object.keys(pattern)
    .filter((field) => field !== 'userId' && field !== 'credentialId')
    .map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
  throw createConflictError(entity, fields, error);
}
