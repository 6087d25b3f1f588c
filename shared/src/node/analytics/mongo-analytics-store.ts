/**
 * @module mongo-analytics-store
 * The production analytics adapter on MongoDB (and FerretDB): `request_logs` with a TTL index,
 * `usage_facts` (request-id claims, TTL) and `usage_rollups` (kept). Indexes are built here at
 * start-up (mongoose `autoIndex` is off).
 */
import type { Connection } from 'mongoose';
import type { AnalyticsStore } from '../../analytics/analytics-store';
import { pingMongo } from '../mongo/connect-mongo';
import { createMongoRequestLogs, type RequestLogDocument } from './mongo-request-logs';
import {
  createMongoUsageRollups,
  type RollupDocument,
  type UsageFactDocument,
} from './mongo-usage-rollups';

export interface MongoAnalyticsStoreOptions {
  readonly connection: Connection;
  /** Request logs and usage facts older than this many days expire. */
  readonly retentionDays: number;
  /** Whether `close()` closes the connection too (default false: the caller owns it). */
  readonly ownsConnection?: boolean;
}

export async function createMongoAnalyticsStore(
  options: MongoAnalyticsStoreOptions,
): Promise<AnalyticsStore> {
  const database = options.connection.db;
  if (!database) throw new Error('MongoDB connection is not open');
  const logs = createMongoRequestLogs(database.collection<RequestLogDocument>('request_logs'));
  const usage = createMongoUsageRollups(
    database.collection<UsageFactDocument>('usage_facts'),
    database.collection<RollupDocument>('usage_rollups'),
  );
  const retentionSeconds = options.retentionDays * 86_400;
  await logs.ensureIndexes(retentionSeconds);
  await usage.ensureIndexes(retentionSeconds);

  return {
    insertRequestLogs: async (records) => ({ inserted: await logs.insertRequestLogs(records) }),
    listRequestLogs: (query) => logs.listRequestLogs(query),
    findRequestLog: (idOrRequestId, scope) => logs.findRequestLog(idOrRequestId, scope),
    purgeBefore: async (before) => ({
      requestLogs: await logs.deleteRequestLogsBefore(before),
      usageFacts: await usage.deleteUsageFactsBefore(before),
    }),
    applyUsage: (batch) => usage.applyUsage(batch),
    listUsageRollups: (query) => usage.listUsageRollups(query),
    checkReady: () => pingMongo(options.connection),
    async close() {
      if (options.ownsConnection) await options.connection.close();
    },
  };
}
