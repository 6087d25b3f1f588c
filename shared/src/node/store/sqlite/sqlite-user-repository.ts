/**
 * @module sqlite-user-repository
 * Users in SQLite. The first-user-becomes-superuser decision is part of the INSERT itself, so it
 * is atomic.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { User } from '../../../domain/entities';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import type { UserRepository } from '../../../store/users';
import { generateId } from '../generate-id';
import {
  buildSetClause,
  mapUserRow,
  rethrowConflict,
  toSqliteBoolean,
  type SqliteRow,
} from './sqlite-rows';

const userColumns = {
  isActive: 'is_active',
  isSuperuser: 'is_superuser',
  passwordHash: 'password_hash',
};

export function createSqliteUserRepository(database: DatabaseSync): UserRepository {
  const insert = database.prepare(`
    INSERT INTO users (id, username, email, password_hash, is_active, is_superuser, created_at, updated_at)
    VALUES (?, ?, ?, ?, 1, NOT EXISTS (SELECT 1 FROM users), ?, ?)
    RETURNING *`);
  const selectById = database.prepare('SELECT * FROM users WHERE id = ?');
  const selectByLogin = database.prepare(
    'SELECT * FROM users WHERE username = ? OR email = ? ORDER BY username = ? DESC LIMIT 1',
  );
  const selectPage = database.prepare(
    'SELECT * FROM users WHERE (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit',
  );
  const deleteById = database.prepare('DELETE FROM users WHERE id = ?');

  const findById = (id: string): User | undefined => {
    const row = selectById.get(id) as SqliteRow | undefined;
    return row ? mapUserRow(row) : undefined;
  };

  return {
    async create(user) {
      const now = new Date().toISOString();
      try {
        const row = insert.get(
          generateId(),
          user.username,
          user.email,
          user.passwordHash,
          now,
          now,
        );
        return mapUserRow(row as SqliteRow);
      } catch (error) {
        return rethrowConflict(error, 'user');
      }
    },
    async findById(id) {
      return findById(id);
    },
    async findByLogin(usernameOrEmail) {
      const row = selectByLogin.get(
        usernameOrEmail,
        usernameOrEmail.toLowerCase(),
        usernameOrEmail,
      ) as SqliteRow | undefined;
      return row ? mapUserRow(row) : undefined;
    },
    async list(page) {
      const limit = clampPageLimit(page.limit);
      const rows = selectPage.all({
        after: readCursor(page) ?? null,
        limit: limit + 1,
      }) as SqliteRow[];
      return buildPage(rows.map(mapUserRow), limit);
    },
    async update(id, patch) {
      const { clause, values } = buildSetClause(
        {
          isActive: patch.isActive === undefined ? undefined : toSqliteBoolean(patch.isActive),
          isSuperuser:
            patch.isSuperuser === undefined ? undefined : toSqliteBoolean(patch.isSuperuser),
          passwordHash: patch.passwordHash,
        },
        userColumns,
      );
      if (!clause) return findById(id);
      const row = database
        .prepare(`UPDATE users SET ${clause}, updated_at = ? WHERE id = ? RETURNING *`)
        .get(...values, new Date().toISOString(), id) as SqliteRow | undefined;
      return row ? mapUserRow(row) : undefined;
    },
    async delete(id) {
      // Credentials, model configs, keys and refresh tokens go with it (ON DELETE CASCADE).
      return Number(deleteById.run(id).changes) > 0;
    },
  };
}
