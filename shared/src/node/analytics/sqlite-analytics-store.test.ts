import { describeAnalyticsStoreContract } from '../../../test/analytics-store-contract';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store';

describeAnalyticsStoreContract('SQLite', async () =>
  createSqliteAnalyticsStore({ filePath: ':memory:' }),
);
