/**
 * @module create-mongo-config-store
 * The production config store on MongoDB (`MONGODB_URI`), through mongoose on a connection made by
 * `connectMongo`. The hot-path `resolveProxyKey` is three indexed reads (key by hash; owner and
 * configs in parallel; credentials by id), with no `$lookup` so any MongoDB-protocol server works.
 *
 * @example
 * const store = await createMongoConfigStore({ connection: await connectMongo(config.MONGODB_URI) });
 */
import type { Connection } from 'mongoose';
import type { ConfigStore, ProxyKeyGrant } from '../../../store/config-store';
import { pingMongo } from '../../mongo/connect-mongo';
import { createConfigModels } from './config-schemas';
import { createMongoApiKeyRepository } from './mongo-api-key-repository';
import { createMongoCredentialRepository } from './mongo-credential-repository';
import {
  mapApiKeyDocument,
  mapCredentialDocument,
  mapModelConfigDocument,
} from './mongo-documents';
import { createMongoModelConfigRepository } from './mongo-model-config-repository';
import { createMongoRefreshTokenRepository } from './mongo-refresh-token-repository';
import { createMongoUserRepository } from './mongo-user-repository';

export interface MongoConfigStoreOptions {
  readonly connection: Connection;
  /** Whether `close()` closes the connection too (default true). */
  readonly ownsConnection?: boolean;
}

export async function createMongoConfigStore(
  options: MongoConfigStoreOptions,
): Promise<ConfigStore> {
  const { connection } = options;
  const models = await createConfigModels(connection);

  return {
    users: createMongoUserRepository(models),
    refreshTokens: createMongoRefreshTokenRepository(models),
    credentials: createMongoCredentialRepository(models),
    modelConfigs: createMongoModelConfigRepository(models),
    apiKeys: createMongoApiKeyRepository(models),

    async resolveProxyKey(keyHash): Promise<ProxyKeyGrant | undefined> {
      const keyDocument = await models.apiKeys.findOne({ keyHash }).lean();
      if (!keyDocument) return undefined;
      const key = mapApiKeyDocument(keyDocument);
      const [user, configs] = await Promise.all([
        models.users.findById(key.userId, { isActive: 1, isSuperuser: 1 }).lean(),
        models.modelConfigs
          .find({
            userId: key.userId,
            isEnabled: true,
            ...(key.modelConfigIds.length > 0 ? { _id: { $in: [...key.modelConfigIds] } } : {}),
          })
          .sort({ _id: 1 })
          .lean(),
      ]);
      if (!user) return undefined;
      const credentialIds = [...new Set(configs.map((config) => config.credentialId))];
      const credentials =
        credentialIds.length === 0
          ? []
          : await models.credentials.find({ _id: { $in: credentialIds } }).lean();
      const credentialsById = new Map(
        credentials.map((document) => [document._id, mapCredentialDocument(document)]),
      );
      const grantedModels = configs.flatMap((document) => {
        const credential = credentialsById.get(document.credentialId);
        return credential ? [{ config: mapModelConfigDocument(document), credential }] : [];
      });
      return {
        key,
        user: { id: user._id, isActive: user.isActive, isSuperuser: user.isSuperuser },
        models: grantedModels,
      };
    },
    async touchKeysLastUsed(ids, at) {
      if (ids.length === 0) return;
      await models.apiKeys.updateMany(
        { _id: { $in: [...ids] }, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: at } }] },
        { $set: { lastUsedAt: at } },
      );
    },
    async checkReady() {
      await pingMongo(connection);
    },
    async close() {
      if (options.ownsConnection ?? true) await connection.close();
    },
  };
}
