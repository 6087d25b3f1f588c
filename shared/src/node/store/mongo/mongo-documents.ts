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

/**
 * Whether an error is a unique-index violation. MongoDB says code 11000; some MongoDB-protocol
 * servers (FerretDB on SQLite) report a violation during an update as an internal error whose
 * message carries the SQLite constraint text.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { code?: unknown }).code === 11000) return true;
  return /E11000|duplicate key|UNIQUE constraint failed/i.test(
    String((error as { message?: unknown }).message ?? ''),
  );
}

const toWireName = (field: string) =>
  field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The fields of the violated index, from `keyPattern` or the index name in the message; among
 * `candidates` (document field names). Undefined when the server did not say.
 */
export function readConflictFields(
  error: unknown,
  candidates: readonly string[],
): string[] | undefined {
  const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern;
  if (pattern && Object.keys(pattern).length > 0) {
    return Object.keys(pattern)
      .filter((field) => candidates.includes(field))
      .map(toWireName);
  }
  const message = String((error as { message?: unknown }).message ?? '');
  const index = /index:? '?([\w.$-]+)/.exec(message)?.[1];
  if (!index) return undefined;
  const fields = candidates.filter(
    (field) => index.includes(`_${field}_1`) || index.startsWith(`${field}_1`),
  );
  return fields.length > 0 ? fields.map(toWireName) : undefined;
}

/**
 * Turns a unique-index violation into the store's 409 (naming `candidates` when the server did
 * not say which index); rethrows anything else.
 */
export function rethrowConflict(
  error: unknown,
  entity: ConflictEntity,
  candidates: readonly string[],
): never {
  if (!isDuplicateKeyError(error)) throw error;
  throw createConflictError(
    entity,
    readConflictFields(error, candidates) ?? candidates.map(toWireName),
    error,
  );
}
