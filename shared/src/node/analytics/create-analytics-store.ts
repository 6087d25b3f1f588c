/**
 * @module create-analytics-store
 * Picks the analytics adapter from configuration: MongoDB when `MONGODB_URI` is set, else the
 * embedded SQLite file `<LLMFB_DATA_DIR>/analytics.db`.
 */
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { AnalyticsStore } from '../../analytics/analytics-store';
import type { Config } from '../config-schema';
import { connectMongo } from '../mongo/connect-mongo';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store';

export interface AnalyticsStoreDeps {
  /** An open connection to reuse (the config store's); else the store opens its own. */
  readonly mongoConnection?: Connection;
}

export async function createAnalyticsStore(
  config: Config,
  deps: AnalyticsStoreDeps = {},
): Promise<AnalyticsStore> {
  if (config.MONGODB_URI) {
    // mongoose is loaded only when MongoDB is configured.
    const { createMongoAnalyticsStore } =
      require('./mongo-analytics-store') as typeof import('./mongo-analytics-store');
    return createMongoAnalyticsStore({
      connection: deps.mongoConnection ?? (await connectMongo(config.MONGODB_URI)),
      retentionDays: config.LLMFB_LOG_RETENTION_DAYS,
      ownsConnection: !deps.mongoConnection,
    });
  }
  return createSqliteAnalyticsStore({ filePath: path.join(config.LLMFB_DATA_DIR, 'analytics.db') });
}
