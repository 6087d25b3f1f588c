/**
 * @module sqlite-model-config-repository
 * Model configs in SQLite.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { ModelConfig } from '../../../domain/entities';
import type { ModelConfigRepository } from '../../../store/model-configs';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import { detachModelConfigsFromKeys } from './sqlite-key-detach';
import {
  buildSetClause,
  mapModelConfigRow,
  rethrowConflict,
  runInTransaction,
  scopeUserId,
  toSqliteBoolean,
  type SqliteRow,
} from './sqlite-rows';

const modelConfigColumns = {
  alias: 'alias',
  isEnabled: 'is_enabled',
  rateLimit: 'rate_limit',
  targetFormat: 'target_format',
};

export function createSqliteModelConfigRepository(database: DatabaseSync): ModelConfigRepository {
  const insert = database.prepare(`
    INSERT INTO model_configs (id, user_id, credential_id, model_name, alias, target_format, is_enabled,
      rate_limit, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const selectById = database.prepare(
    'SELECT * FROM model_configs WHERE id = :id AND (:userId IS NULL OR user_id = :userId)',
  );
  const selectManyOfUser = database.prepare(
    'SELECT * FROM model_configs WHERE user_id = ? AND id IN (SELECT value FROM json_each(?))',
  );
  const selectPage = database.prepare(`
    SELECT * FROM model_configs WHERE (:userId IS NULL OR user_id = :userId)
      AND (:credentialId IS NULL OR credential_id = :credentialId)
      AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit`);
  const deleteById = database.prepare('DELETE FROM model_configs WHERE id = ?');

  const findById = (userId: string | null, id: string): ModelConfig | undefined => {
    const row = selectById.get({ id, userId }) as SqliteRow | undefined;
    return row ? mapModelConfigRow(row) : undefined;
  };

  return {
    async create(modelConfig) {
      const now = new Date().toISOString();
      try {
        const row = insert.get(
          generateId(),
          modelConfig.userId,
          modelConfig.credentialId,
          modelConfig.modelName,
          modelConfig.alias,
          modelConfig.targetFormat,
          toSqliteBoolean(modelConfig.isEnabled),
          modelConfig.rateLimit,
          now,
          now,
        );
        return mapModelConfigRow(row as SqliteRow);
      } catch (error) {
        return rethrowConflict(error, 'model_config');
      }
    },
    async findById(scope, id) {
      return findById(scopeUserId(scope), id);
    },
    async findManyOfUser(userId, ids) {
      if (ids.length === 0) return [];
      const rows = selectManyOfUser.all(userId, JSON.stringify(ids)) as SqliteRow[];
      return rows.map(mapModelConfigRow);
    },
    async list(scope, page, filter) {
      const limit = clampPageLimit(page.limit);
      const rows = selectPage.all({
        userId: scopeUserId(scope),
        credentialId: filter?.credentialId ?? null,
        after: readCursor(page) ?? null,
        limit: limit + 1,
      }) as SqliteRow[];
      return buildPage(rows.map(mapModelConfigRow), limit);
    },
    async update(scope, id, patch) {
      const userId = scopeUserId(scope);
      const { clause, values } = buildSetClause(
        {
          ...patch,
          isEnabled: patch.isEnabled === undefined ? undefined : toSqliteBoolean(patch.isEnabled),
        },
        modelConfigColumns,
      );
      if (!clause) return findById(userId, id);
      try {
        const row = database
          .prepare(
            `UPDATE model_configs SET ${clause}, updated_at = ? WHERE id = ? AND (? IS NULL OR user_id = ?) RETURNING *`,
          )
          .get(...values, new Date().toISOString(), id, userId, userId) as SqliteRow | undefined;
        return row ? mapModelConfigRow(row) : undefined;
      } catch (error) {
        return rethrowConflict(error, 'model_config');
      }
    },
    async delete(scope, id) {
      return runInTransaction(database, () => {
        const modelConfig = findById(scopeUserId(scope), id);
        if (!modelConfig) return false;
        detachModelConfigsFromKeys(database, modelConfig.userId, [id]);
        deleteById.run(id);
        return true;
      });
    },
  };
}
