/** The AnalyticsStore contract against MongoDB-protocol storage (FerretDB from infra/scripts). */
import { randomUUID } from 'node:crypto';
import type { AnalyticsStore } from '../src/analytics/analytics-store';
import { createMongoAnalyticsStore } from '../src/node/analytics/mongo-analytics-store';
import { connectMongo } from '../src/node/mongo/connect-mongo';
import {
  describeAnalyticsStoreContract,
  makeUsageEntry,
  sumEntries,
  sumRollups,
  listAllRollups,
} from './analytics-store-contract';

function requireMongoUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set (the integration global setup provides it)');
  return uri;
}

/** A store on a fresh database, dropped again on close. */
export async function createIsolatedMongoStore(): Promise<AnalyticsStore> {
  const url = new URL(requireMongoUri());
  url.pathname = `/analytics_${randomUUID().slice(0, 8)}`;
  const connection = await connectMongo(url.toString());
  const store = await createMongoAnalyticsStore({ connection, retentionDays: 30 });
  return {
    ...store,
    async close() {
      await connection.db?.dropDatabase();
      await connection.close();
    },
  };
}

describeAnalyticsStoreContract('MongoDB (FerretDB)', createIsolatedMongoStore);

describe('MongoDB analytics adapter under concurrency', () => {
  it('stays exact when several consumers apply one source at once, each cut differently', async () => {
    const store = await createIsolatedMongoStore();
    try {
      const entries = Array.from({ length: 400 }, (_, index) => makeUsageEntry(index));
      // A rebalance race: the old and the new owners of a partition all process it from the
      // committed offset, each in offset order (what a Kafka consumer does), in their own batches.
      const consume = async (cuts: number[]) => {
        for (let index = 0; index + 1 < cuts.length; index += 1)
          await store.applyUsage({
            source: 'usage:0',
            entries: entries.slice(cuts[index], cuts[index + 1]),
          });
      };
      await Promise.all([consume([0, 300, 400]), consume([0, 100, 400]), consume([0, 400])]);
      for (const granularity of ['minute', 'hour', 'day'] as const) {
        expect(sumRollups(await listAllRollups(store, granularity))).toEqual(sumEntries(entries));
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
