/**
 * @module sqlite-credential-repository
 * Credentials in SQLite. Deleting one removes its model configs (ON DELETE CASCADE) and detaches
 * them from keys first, in one transaction.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Credential } from '../../../domain/entities';
import type { CredentialRepository } from '../../../store/credentials';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import { detachModelConfigsFromKeys } from './sqlite-key-detach';
import {
  buildSetClause,
  mapCredentialRow,
  rethrowConflict,
  runInTransaction,
  scopeUserId,
  toSqliteBoolean,
  toSqliteDate,
  type SqliteRow,
} from './sqlite-rows';

const credentialColumns = {
  name: 'name',
  apiUrl: 'api_url',
  apiKeyEncrypted: 'api_key_encrypted',
  apiKeyMasked: 'api_key_masked',
  isActive: 'is_active',
  isValidated: 'is_validated',
  validationError: 'validation_error',
  validatedAt: 'validated_at',
  validationModel: 'validation_model',
  injectSystemPrompt: 'inject_system_prompt',
  cliVersion: 'cli_version',
};

const optionalBoolean = (value: boolean | undefined) =>
  value === undefined ? undefined : toSqliteBoolean(value);

export function createSqliteCredentialRepository(database: DatabaseSync): CredentialRepository {
  const insert = database.prepare(`
    INSERT INTO credentials (id, user_id, name, provider, api_url, api_key_encrypted, api_key_masked,
      is_active, is_validated, validation_error, validated_at, validation_model, inject_system_prompt,
      cli_version, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?, ?, ?, ?) RETURNING *`);
  const selectById = database.prepare(
    'SELECT * FROM credentials WHERE id = :id AND (:userId IS NULL OR user_id = :userId)',
  );
  const selectPage = database.prepare(`
    SELECT * FROM credentials WHERE (:userId IS NULL OR user_id = :userId)
      AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit`);
  const selectConfigIds = database.prepare('SELECT id FROM model_configs WHERE credential_id = ?');
  const deleteById = database.prepare('DELETE FROM credentials WHERE id = ?');

  const findById = (userId: string | null, id: string): Credential | undefined => {
    const row = selectById.get({ id, userId }) as SqliteRow | undefined;
    return row ? mapCredentialRow(row) : undefined;
  };

  return {
    async create(credential) {
      const now = new Date().toISOString();
      try {
        const row = insert.get(
          generateId(),
          credential.userId,
          credential.name,
          credential.provider,
          credential.apiUrl,
          credential.apiKeyEncrypted,
          credential.apiKeyMasked,
          toSqliteBoolean(credential.isActive ?? true),
          credential.validationModel,
          toSqliteBoolean(credential.injectSystemPrompt),
          credential.cliVersion,
          now,
          now,
        );
        return mapCredentialRow(row as SqliteRow);
      } catch (error) {
        return rethrowConflict(error, 'credential');
      }
    },
    async findById(scope, id) {
      return findById(scopeUserId(scope), id);
    },
    async list(scope, page) {
      const limit = clampPageLimit(page.limit);
      const rows = selectPage.all({
        userId: scopeUserId(scope),
        after: readCursor(page) ?? null,
        limit: limit + 1,
      }) as SqliteRow[];
      return buildPage(
        rows.map((row) => mapCredentialRow(row)),
        limit,
      );
    },
    async update(scope, id, patch) {
      const userId = scopeUserId(scope);
      const { clause, values } = buildSetClause(
        {
          ...patch,
          isActive: optionalBoolean(patch.isActive),
          isValidated: optionalBoolean(patch.isValidated),
          injectSystemPrompt: optionalBoolean(patch.injectSystemPrompt),
          validatedAt:
            patch.validatedAt === undefined ? undefined : toSqliteDate(patch.validatedAt),
        },
        credentialColumns,
      );
      if (!clause) return findById(userId, id);
      try {
        const row = database
          .prepare(
            `UPDATE credentials SET ${clause}, updated_at = ? WHERE id = ? AND (? IS NULL OR user_id = ?) RETURNING *`,
          )
          .get(...values, new Date().toISOString(), id, userId, userId) as SqliteRow | undefined;
        return row ? mapCredentialRow(row) : undefined;
      } catch (error) {
        return rethrowConflict(error, 'credential');
      }
    },
    async delete(scope, id) {
      return runInTransaction(database, () => {
        const credential = findById(scopeUserId(scope), id);
        if (!credential) return false;
        const configIds = (selectConfigIds.all(id) as SqliteRow[]).map((row) => String(row.id));
        detachModelConfigsFromKeys(database, credential.userId, configIds);
        deleteById.run(id);
        return true;
      });
    },
  };
}
