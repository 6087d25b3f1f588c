/**
 * @module load-mongo-analytics-store
 * The MongoDB analytics adapter, loaded on first use so that importing @llmfb/shared/node does not
 * load mongoose (embedded mode never needs it).
 */
import type { AnalyticsStore } from '../../analytics/analytics-store';
import type { MongoAnalyticsStoreOptions } from './mongo-analytics-store';

export type { MongoAnalyticsStoreOptions };

export function createMongoAnalyticsStore(
  options: MongoAnalyticsStoreOptions,
): Promise<AnalyticsStore> {
  const adapter = require('./mongo-analytics-store') as typeof import('./mongo-analytics-store');
  return adapter.createMongoAnalyticsStore(options);
}
