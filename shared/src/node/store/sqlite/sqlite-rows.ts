/**
 * @module sqlite-rows
 * Row ↔ entity mapping for the SQLite config store: booleans are 0/1, dates ISO 8601 text, key
 * model-config lists JSON text. Plus the statement helpers every repository shares.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type {
  ApiKey,
  Credential,
  ModelConfig,
  Provider,
  RefreshToken,
  Scope,
  TargetFormat,
  User,
} from '../../../domain/entities';
import { createConflictError, type ConflictEntity } from '../../../store/store-errors';

export type SqliteRow = Record<string, unknown>;

const readString = (row: SqliteRow, column: string): string => String(row[column]);
const readNullableString = (row: SqliteRow, column: string): string | null =>
  row[column] == null ? null : String(row[column]);
const readBoolean = (row: SqliteRow, column: string): boolean => Number(row[column]) === 1;
const readDate = (row: SqliteRow, column: string): Date => new Date(readString(row, column));
const readNullableDate = (row: SqliteRow, column: string): Date | null =>
  row[column] == null ? null : new Date(String(row[column]));

export const toSqliteDate = (date: Date | null | undefined): string | null =>
  date ? date.toISOString() : null;
export const toSqliteBoolean = (value: boolean): number => (value ? 1 : 0);

export function mapUserRow(row: SqliteRow): User {
  return {
    id: readString(row, 'id'),
    username: readString(row, 'username'),
    email: readString(row, 'email'),
    passwordHash: readString(row, 'password_hash'),
    isActive: readBoolean(row, 'is_active'),
    isSuperuser: readBoolean(row, 'is_superuser'),
    createdAt: readDate(row, 'created_at'),
    updatedAt: readDate(row, 'updated_at'),
  };
}

export function mapRefreshTokenRow(row: SqliteRow): RefreshToken {
  return {
    id: readString(row, 'id'),
    userId: readString(row, 'user_id'),
    familyId: readString(row, 'family_id'),
    tokenHash: readString(row, 'token_hash'),
    expiresAt: readDate(row, 'expires_at'),
    revokedAt: readNullableDate(row, 'revoked_at'),
    createdAt: readDate(row, 'created_at'),
  };
}

/** Reads a credential whose columns may carry a prefix (`c_` in joined queries). */
export function mapCredentialRow(row: SqliteRow, prefix = ''): Credential {
  const column = (name: string) => prefix + name;
  return {
    id: readString(row, column('id')),
    userId: readString(row, column('user_id')),
    name: readString(row, column('name')),
    provider: readString(row, column('provider')) as Provider,
    apiUrl: readString(row, column('api_url')),
    apiKeyEncrypted: readString(row, column('api_key_encrypted')),
    apiKeyMasked: readString(row, column('api_key_masked')),
    isActive: readBoolean(row, column('is_active')),
    isValidated: readBoolean(row, column('is_validated')),
    validationError: readNullableString(row, column('validation_error')),
    validatedAt: readNullableDate(row, column('validated_at')),
    validationModel: readNullableString(row, column('validation_model')),
    injectSystemPrompt: readBoolean(row, column('inject_system_prompt')),
    cliVersion: readNullableString(row, column('cli_version')),
    createdAt: readDate(row, column('created_at')),
    updatedAt: readDate(row, column('updated_at')),
  };
}

export function mapModelConfigRow(row: SqliteRow): ModelConfig {
  return {
    id: readString(row, 'id'),
    userId: readString(row, 'user_id'),
    credentialId: readString(row, 'credential_id'),
    modelName: readString(row, 'model_name'),
    alias: readString(row, 'alias'),
    targetFormat: readString(row, 'target_format') as TargetFormat,
    isEnabled: readBoolean(row, 'is_enabled'),
    rateLimit: Number(row.rate_limit),
    createdAt: readDate(row, 'created_at'),
    updatedAt: readDate(row, 'updated_at'),
  };
}

export function parseIdList(value: unknown): string[] {
  const parsed: unknown = JSON.parse(String(value ?? '[]'));
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

export function mapApiKeyRow(row: SqliteRow): ApiKey {
  return {
    id: readString(row, 'id'),
    userId: readString(row, 'user_id'),
    name: readString(row, 'name'),
    keyHash: readString(row, 'key_hash'),
    prefix: readString(row, 'prefix'),
    modelConfigIds: parseIdList(row.model_config_ids),
    rateLimit: row.rate_limit == null ? null : Number(row.rate_limit),
    expiresAt: readNullableDate(row, 'expires_at'),
    isActive: readBoolean(row, 'is_active'),
    strict: readBoolean(row, 'strict'),
    lastUsedAt: readNullableDate(row, 'last_used_at'),
    createdAt: readDate(row, 'created_at'),
    updatedAt: readDate(row, 'updated_at'),
  };
}

/** The user id a scope restricts to, or null for `all`. */
export const scopeUserId = (scope: Scope): string | null => (scope === 'all' ? null : scope.userId);

/** Runs `work` in one write transaction (`BEGIN IMMEDIATE`), rolling back on any error. */
export function runInTransaction<T>(database: DatabaseSync, work: () => T): T {
  if (database.isTransaction) return work();
  database.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    database.exec('COMMIT');
    return result;
  } catch (error) {
    database.exec('ROLLBACK');
    throw error;
  }
}

/** Turns SQLite's unique-constraint failure into the store's 409; rethrows anything else. */
export function rethrowConflict(error: unknown, entity: ConflictEntity): never {
  // Not `instanceof Error`: node:sqlite's errors may come from another realm (e.g. under jest).
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  const match = /UNIQUE constraint failed: (.+)$/.exec(message);
  if (match?.[1]) {
    const fields = match[1]
      .split(',')
      .map((column) => column.trim().split('.').pop() ?? '')
      .filter((column) => column !== 'user_id' && column !== 'credential_id');
    throw createConflictError(entity, fields, error);
  }
  throw error;
}

/**
 * Builds `SET a = ?, b = ?` from the defined entries of a patch, with the values in order; the
 * column map guards against ever putting a caller-chosen name into SQL.
 */
export function buildSetClause(
  patch: Record<string, SQLInputValue | undefined>,
  columns: Record<string, string>,
): { clause: string; values: SQLInputValue[] } {
  const parts: string[] = [];
  const values: SQLInputValue[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const column = columns[field];
    if (value === undefined || column === undefined) continue;
    parts.push(`${column} = ?`);
    values.push(value);
  }
  return { clause: parts.join(', '), values };
}
