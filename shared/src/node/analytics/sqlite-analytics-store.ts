/**
 * @module sqlite-analytics-store
 * The embedded analytics adapter: one SQLite file (`<LLMFB_DATA_DIR>/analytics.db`) through
 * Node's built-in `node:sqlite`. Calls are synchronous underneath; the port's promises keep the
 * adapters interchangeable.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { AnalyticsStore } from '../../analytics/analytics-store';
import { applyMigrations, openSqliteDatabase } from '../sqlite/open-sqlite';
import { analyticsMigrations } from './sqlite-analytics-migrations';
import { createSqliteRequestLogs } from './sqlite-request-logs';
import { createSqliteUsageRollups } from './sqlite-usage-rollups';

export interface SqliteAnalyticsStoreOptions {
  /** A file path, or `:memory:` in tests. */
  readonly filePath: string;
}

export function createSqliteAnalyticsStore(options: SqliteAnalyticsStoreOptions): AnalyticsStore {
  const database: DatabaseSync = openSqliteDatabase(options.filePath);
  applyMigrations(database, 'analytics', analyticsMigrations);
  const logs = createSqliteRequestLogs(database);
  const usage = createSqliteUsageRollups(database);
  let isOpen = true;

  return {
    insertRequestLogs: async (records) => ({ inserted: logs.insertRequestLogs(records) }),
    listRequestLogs: async (query) => logs.listRequestLogs(query),
    findRequestLog: async (idOrRequestId, scope) => logs.findRequestLog(idOrRequestId, scope),
    purgeBefore: async (before) => ({
      requestLogs: logs.deleteRequestLogsBefore(before),
      usageFacts: usage.deleteUsageFactsBefore(before),
    }),
    applyUsage: async (batch) => usage.applyUsage(batch),
    listUsageRollups: async (query) => usage.listUsageRollups(query),
    async checkReady() {
      if (!isOpen) throw new Error('analytics database is closed');
      database.prepare('SELECT 1').get();
    },
    async close() {
      if (!isOpen) return;
      isOpen = false;
      database.close();
    },
  };
}
