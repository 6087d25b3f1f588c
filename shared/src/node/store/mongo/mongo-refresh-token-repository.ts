/**
 * @module mongo-refresh-token-repository
 * Refresh tokens in MongoDB (hashes only).
 */
import type { RefreshTokenRepository } from '../../../store/refresh-tokens';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import { mapRefreshTokenDocument } from './mongo-documents';

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
      const result = await models.refreshTokens.deleteMany({ expiresAt: { $lt: before } });
      return result.deletedCount;
    },
  };
}
