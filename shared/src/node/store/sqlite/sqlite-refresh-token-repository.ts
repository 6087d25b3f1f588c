/**
 * @module sqlite-refresh-token-repository
 * Refresh tokens in SQLite (hashes only).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { RefreshTokenRepository } from '../../../store/refresh-tokens';
import { generateId } from '../generate-id';
import { mapRefreshTokenRow, type SqliteRow } from './sqlite-rows';

export function createSqliteRefreshTokenRepository(database: DatabaseSync): RefreshTokenRepository {
  const insert = database.prepare(`
    INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, revoked_at, created_at)
    VALUES (?, ?, ?, ?, ?, NULL, ?) RETURNING *`);
  const selectByHash = database.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?');
  const revokeOne = database.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const revokeByFamily = database.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL',
  );
  const revokeByUser = database.prepare(
    'UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
  );
  const deleteBefore = database.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?');

  return {
    async create(token) {
      const row = insert.get(
        generateId(),
        token.userId,
        token.familyId,
        token.tokenHash,
        token.expiresAt.toISOString(),
        new Date().toISOString(),
      );
      return mapRefreshTokenRow(row as SqliteRow);
    },
    async findByHash(tokenHash) {
      const row = selectByHash.get(tokenHash) as SqliteRow | undefined;
      return row ? mapRefreshTokenRow(row) : undefined;
    },
    async revokeIfLive(id, at) {
      return Number(revokeOne.run(at.toISOString(), id).changes) === 1;
    },
    async revokeFamily(familyId, at) {
      revokeByFamily.run(at.toISOString(), familyId);
    },
    async revokeAllForUser(userId, at) {
      revokeByUser.run(at.toISOString(), userId);
    },
    async deleteExpired(before) {
      return Number(deleteBefore.run(before.toISOString()).changes);
    },
  };
}
