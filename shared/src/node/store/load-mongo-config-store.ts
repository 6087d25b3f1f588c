/**
 * @module load-mongo-config-store
 * The MongoDB config-store adapter, loaded on first use so that importing @llmfb/shared/node does
 * not load mongoose (embedded mode never needs it).
 */
import type { ConfigStore } from '../../store/config-store';
import type { MongoConfigStoreOptions } from './mongo/create-mongo-config-store';

export type { MongoConfigStoreOptions };

export function createMongoConfigStore(options: MongoConfigStoreOptions): Promise<ConfigStore> {
  const adapter =
    require('./mongo/create-mongo-config-store') as typeof import('./mongo/create-mongo-config-store');
  return adapter.createMongoConfigStore(options);
}
