/**
 * @module mongo-api-key-repository
 * Proxy keys in MongoDB.
 */
import type { ApiKeyRepository } from '../../../store/api-keys';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import {
  mapApiKeyDocument,
  rethrowConflict,
  scopedIdFilter,
  scopedPageFilter,
} from './mongo-documents';

export function createMongoApiKeyRepository(models: ConfigModels): ApiKeyRepository {
  return {
    async create(apiKey) {
      const now = new Date();
      const document = {
        _id: generateId(),
        userId: apiKey.userId,
        name: apiKey.name,
        keyHash: apiKey.keyHash,
        prefix: apiKey.prefix,
        modelConfigIds: [...apiKey.modelConfigIds],
        rateLimit: apiKey.rateLimit,
        expiresAt: apiKey.expiresAt,
        isActive: true,
        strict: apiKey.strict,
        lastUsedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await models.apiKeys.create([document]);
      } catch (error) {
        return rethrowConflict(error, 'api_key', ['keyHash']);
      }
      return mapApiKeyDocument(document);
    },
    async findById(scope, id) {
      const document = await models.apiKeys.findOne(scopedIdFilter(scope, id)).lean();
      return document ? mapApiKeyDocument(document) : undefined;
    },
    async list(scope, page, filter) {
      const limit = clampPageLimit(page.limit);
      const documents = await models.apiKeys
        .find({
          ...scopedPageFilter(scope, readCursor(page)),
          ...(filter?.modelConfigId === undefined ? {} : { modelConfigIds: filter.modelConfigId }),
        })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean();
      return buildPage(documents.map(mapApiKeyDocument), limit);
    },
    async update(scope, id, patch) {
      const set = Object.fromEntries(
        Object.entries({
          ...patch,
          modelConfigIds:
            patch.modelConfigIds === undefined ? undefined : [...patch.modelConfigIds],
        }).filter(([, value]) => value !== undefined),
      );
      const document = await models.apiKeys
        .findOneAndUpdate(
          scopedIdFilter(scope, id),
          { $set: { ...set, updatedAt: new Date() } },
          { returnDocument: 'after' },
        )
        .lean();
      return document ? mapApiKeyDocument(document) : undefined;
    },
    async delete(scope, id) {
      const result = await models.apiKeys.deleteOne(scopedIdFilter(scope, id));
      return result.deletedCount > 0;
    },
  };
}
