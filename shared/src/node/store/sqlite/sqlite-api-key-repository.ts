/**
 * @module sqlite-api-key-repository
 * Proxy keys in SQLite; `model_config_ids` is a JSON array.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ApiKey } from '../../../domain/entities';
import type { ApiKeyRepository } from '../../../store/api-keys';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import {
  buildSetClause,
  mapApiKeyRow,
  rethrowConflict,
  scopeUserId,
  toSqliteBoolean,
  toSqliteDate,
  type SqliteRow,
} from './sqlite-rows';

const apiKeyColumns = {
  name: 'name',
  modelConfigIds: 'model_config_ids',
  rateLimit: 'rate_limit',
  expiresAt: 'expires_at',
  isActive: 'is_active',
  strict: 'strict',
};

export function createSqliteApiKeyRepository(database: DatabaseSync): ApiKeyRepository {
  const insert = database.prepare(`
    INSERT INTO api_keys (id, user_id, name, key_hash, prefix, model_config_ids, rate_limit, expires_at,
      is_active, strict, last_used_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, NULL, ?, ?) RETURNING *`);
  const selectById = database.prepare(
    'SELECT * FROM api_keys WHERE id = :id AND (:userId IS NULL OR user_id = :userId)',
  );
  const selectPage = database.prepare(`
    SELECT * FROM api_keys WHERE (:userId IS NULL OR user_id = :userId)
      AND (:modelConfigId IS NULL
        OR EXISTS (SELECT 1 FROM json_each(model_config_ids) WHERE value = :modelConfigId))
      AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit`);
  const deleteById = database.prepare(
    'DELETE FROM api_keys WHERE id = ? AND (? IS NULL OR user_id = ?)',
  );

  const findById = (userId: string | null, id: string): ApiKey | undefined => {
    const row = selectById.get({ id, userId }) as SqliteRow | undefined;
    return row ? mapApiKeyRow(row) : undefined;
  };

  return {
    async create(apiKey) {
      const now = new Date().toISOString();
      try {
        const row = insert.get(
          generateId(),
          apiKey.userId,
          apiKey.name,
          apiKey.keyHash,
          apiKey.prefix,
          JSON.stringify(apiKey.modelConfigIds),
          apiKey.rateLimit,
          toSqliteDate(apiKey.expiresAt),
          toSqliteBoolean(apiKey.strict),
          now,
          now,
        );
        return mapApiKeyRow(row as SqliteRow);
      } catch (error) {
        return rethrowConflict(error, 'api_key');
      }
    },
    async findById(scope, id) {
      return findById(scopeUserId(scope), id);
    },
    async list(scope, page, filter) {
      const limit = clampPageLimit(page.limit);
      const rows = selectPage.all({
        userId: scopeUserId(scope),
        modelConfigId: filter?.modelConfigId ?? null,
        after: readCursor(page) ?? null,
        limit: limit + 1,
      }) as SqliteRow[];
      return buildPage(rows.map(mapApiKeyRow), limit);
    },
    async update(scope, id, patch) {
      const userId = scopeUserId(scope);
      const { clause, values } = buildSetClause(
        {
          name: patch.name,
          modelConfigIds:
            patch.modelConfigIds === undefined ? undefined : JSON.stringify(patch.modelConfigIds),
          rateLimit: patch.rateLimit,
          expiresAt: patch.expiresAt === undefined ? undefined : toSqliteDate(patch.expiresAt),
          isActive: patch.isActive === undefined ? undefined : toSqliteBoolean(patch.isActive),
          strict: patch.strict === undefined ? undefined : toSqliteBoolean(patch.strict),
        },
        apiKeyColumns,
      );
      if (!clause) return findById(userId, id);
      const row = database
        .prepare(
          `UPDATE api_keys SET ${clause}, updated_at = ? WHERE id = ? AND (? IS NULL OR user_id = ?) RETURNING *`,
        )
        .get(...values, new Date().toISOString(), id, userId, userId) as SqliteRow | undefined;
      return row ? mapApiKeyRow(row) : undefined;
    },
    async delete(scope, id) {
      const userId = scopeUserId(scope);
      return Number(deleteById.run(id, userId, userId).changes) > 0;
    },
  };
}
