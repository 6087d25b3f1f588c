/**
 * The ConfigStore contract against both adapters as deployed: SQLite on a real file (WAL) and
 * MongoDB (the MongoDB-protocol server from infra/scripts/services.sh, MONGODB_URI).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { connectMongo } from '../src/node/mongo/connect-mongo';
import { createMongoConfigStore } from '../src/node/store/mongo/create-mongo-config-store';
import { createSqliteConfigStore } from '../src/node/store/sqlite/create-sqlite-config-store';
import type { ConfigStore } from '../src/store/config-store';
import { describeConfigStoreContract } from './config-store-contract';

const directories: string[] = [];
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describeConfigStoreContract('sqlite (file, WAL)', {
  create: async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'llmfb-config-'));
    directories.push(directory);
    return createSqliteConfigStore({ filePath: path.join(directory, 'llmfb.db') });
  },
  destroy: (store) => store.close(),
});

describe('mongo', () => {
  let base: Connection;
  const databases = new Map<ConfigStore, Connection>();

  beforeAll(async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run through the integration project');
    base = await connectMongo(uri);
  });
  afterAll(async () => {
    await base?.close();
  });

  describeConfigStoreContract('mongodb', {
    create: async () => {
      const database = base.useDb(`llmfb_cfg_${randomBytes(6).toString('hex')}`, {
        useCache: false,
      });
      const store = await createMongoConfigStore({ connection: database, ownsConnection: false });
      databases.set(store, database);
      return store;
    },
    destroy: async (store) => {
      await databases.get(store)?.dropDatabase();
      databases.delete(store);
    },
  });
});
