/**
 * @module mongo-refresh-token-repository
 * Refresh tokens in MongoDB (hashes only). "Revoke if still live" must let exactly one of two
 * concurrent rotations win; a conditional update is not atomic on every MongoDB-protocol server,
 * so the winner is decided by inserting a claim with the token's id as `_id` (a unique insert is
 * atomic everywhere).
 */
import type { RefreshTokenRepository } from '../../../store/refresh-tokens';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import { isDuplicateKeyError, mapRefreshTokenDocument } from './mongo-documents';

export function createMongoRefreshTokenRepository(models: ConfigModels): RefreshTokenRepository {
  return {
    async create(token) {
      const document = { _id: generateId(), ...token, revokedAt: null, createdAt: new Date() };
      await models.refreshTokens.create([document]);
      return mapRefreshTokenDocument(document);
    },
    async findByHash(tokenHash) {
      const document = await models.refreshTokens.findOne({ tokenHash }).lean();
      return document ? mapRefreshTokenDocument(document) : undefined;
    },
    async revokeIfLive(id, at) {
      const token = await models.refreshTokens.findById(id, { userId: 1, expiresAt: 1 }).lean();
      if (!token) return false;
      try {
        await models.refreshTokenClaims.create([{ _id: id, expiresAt: token.expiresAt }]);
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
      const result = await models.refreshTokens.updateOne(
        { _id: id, revokedAt: null },
        { $set: { revokedAt: at } },
      );
      return result.modifiedCount === 1;
    },
    async revokeFamily(familyId, at) {
      await models.refreshTokens.updateMany(
        { familyId, revokedAt: null },
        { $set: { revokedAt: at } },
      );
    },
    async revokeAllForUser(userId, at) {
      await models.refreshTokens.updateMany(
        { userId, revokedAt: null },
        { $set: { revokedAt: at } },
      );
    },
    async deleteExpired(before) {
      await models.refreshTokenClaims.deleteMany({ expiresAt: { $lt: before } });
      const result = await models.refreshTokens.deleteMany({ expiresAt: { $lt: before } });
      return result.deletedCount;
    },
  };
}
