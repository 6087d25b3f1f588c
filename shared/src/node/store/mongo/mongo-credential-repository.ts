/**
 * @module mongo-credential-repository
 * Credentials in MongoDB. Deleting one detaches its model configs from keys, then removes the
 * configs and the credential (keys first, so nothing half-deleted stays usable).
 */
import type { CredentialRepository } from '../../../store/credentials';
import { buildPage, clampPageLimit, readCursor } from '../../../store/paging';
import { generateId } from '../generate-id';
import type { ConfigModels } from './config-schemas';
import { detachModelConfigsFromKeys } from './mongo-key-detach';
import {
  mapCredentialDocument,
  rethrowConflict,
  scopedIdFilter,
  scopedPageFilter,
} from './mongo-documents';

export function createMongoCredentialRepository(models: ConfigModels): CredentialRepository {
  return {
    async create(credential) {
      const now = new Date();
      const document = {
        _id: generateId(),
        userId: credential.userId,
        name: credential.name,
        provider: credential.provider,
        apiUrl: credential.apiUrl,
        apiKeyEncrypted: credential.apiKeyEncrypted,
        apiKeyMasked: credential.apiKeyMasked,
        isActive: credential.isActive ?? true,
        isValidated: false,
        validationError: null,
        validatedAt: null,
        validationModel: credential.validationModel,
        injectSystemPrompt: credential.injectSystemPrompt,
        cliVersion: credential.cliVersion,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await models.credentials.create([document]);
      } catch (error) {
        return rethrowConflict(error, 'credential', ['name']);
      }
      return mapCredentialDocument(document);
    },
    async findById(scope, id) {
      const document = await models.credentials.findOne(scopedIdFilter(scope, id)).lean();
      return document ? mapCredentialDocument(document) : undefined;
    },
    async list(scope, page) {
      const limit = clampPageLimit(page.limit);
      const documents = await models.credentials
        .find(scopedPageFilter(scope, readCursor(page)))
        .sort({ _id: 1 })
        .limit(limit + 1)
        .lean();
      return buildPage(documents.map(mapCredentialDocument), limit);
    },
    async update(scope, id, patch) {
      const set = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      );
      try {
        const document = await models.credentials
          .findOneAndUpdate(
            scopedIdFilter(scope, id),
            { $set: { ...set, updatedAt: new Date() } },
            { returnDocument: 'after' },
          )
          .lean();
        return document ? mapCredentialDocument(document) : undefined;
      } catch (error) {
        return rethrowConflict(error, 'credential', ['name']);
      }
    },
    async delete(scope, id) {
      const credential = await models.credentials.findOne(scopedIdFilter(scope, id)).lean();
      if (!credential) return false;
      const configs = await models.modelConfigs.find({ credentialId: id }, { _id: 1 }).lean();
      await detachModelConfigsFromKeys(
        models,
        credential.userId,
        configs.map((config) => config._id),
      );
      await models.modelConfigs.deleteMany({ credentialId: id });
      const result = await models.credentials.deleteOne({ _id: id });
      return result.deletedCount > 0;
    },
  };
}
