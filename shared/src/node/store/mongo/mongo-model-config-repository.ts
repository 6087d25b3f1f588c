/**
 * @module mongo-model-config-repository
 * Model configs in MongoDB.
 */
import type { ModelConfigRepository } from '../../../store/model-configs';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import { detachModelConfigsFromKeys } from './mongo-key-detach';
import {
  mapModelConfigDocument,
  rethrowConflict,
  scopedIdFilter,
  scopedPageFilter,
} from './mongo-documents';

export function createMongoModelConfigRepository(models: ConfigModels): ModelConfigRepository {
  return {
    async create(modelConfig) {
      const now = new Date();
      const document = { _id: generateId(), ...modelConfig, createdAt: now, updatedAt: now };
      try {
        await models.modelConfigs.create([document]);
      } catch (error) {
        return rethrowConflict(error, 'model_config', ['modelName', 'targetFormat']);
      }
      return mapModelConfigDocument(document);
    },
    async findById(scope, id) {
      const document = await models.modelConfigs.findOne(scopedIdFilter(scope, id)).lean();
      return document ? mapModelConfigDocument(document) : undefined;
    },
    async findManyOfUser(userId, ids) {
      if (ids.length === 0) return [];
      const documents = await models.modelConfigs.find({ userId, _id: { $in: [...ids] } }).lean();
      return documents.map(mapModelConfigDocument);
    },
    async list(scope, page, filter) {
      const limit = clampPageLimit(page.limit);
      const documents = await models.modelConfigs
        .find({
          ...scopedPageFilter(scope, readCursor(page)),
          ...(filter?.credentialId === undefined ? {} : { credentialId: filter.credentialId }),
        })
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean();
      return buildPage(documents.map(mapModelConfigDocument), limit);
    },
    async update(scope, id, patch) {
      const set = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      try {
        const document = await models.modelConfigs
          .findOneAndUpdate(
            scopedIdFilter(scope, id),
            { $set: { ...set, updatedAt: new Date() } },
            { returnDocument: 'after' },
          )
          .lean();
        return document ? mapModelConfigDocument(document) : undefined;
      } catch (error) {
        return rethrowConflict(error, 'model_config', ['modelName', 'targetFormat']);
      }
    },
    async delete(scope, id) {
      const modelConfig = await models.modelConfigs.findOne(scopedIdFilter(scope, id)).lean();
      if (!modelConfig) return false;
      await detachModelConfigsFromKeys(models, modelConfig.userId, [id]);
      const result = await models.modelConfigs.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
  };
}
