import { mapRequestCompletedToLog, silentLogger, type RequestLogRecord } from '@llmfb/shared';
import { createSqliteAnalyticsStore } from '@llmfb/shared/node';
import { makeRequestCompletedEnvelope } from '../../shared/test/event-fixtures';
import { startRetentionSweeper } from './retention-sweeper';

describe('retention sweeper', () => {
  it('deletes request logs older than the retention period and keeps the rest', async () => {
    const store = createSqliteAnalyticsStore({ filePath: ':memory:' });
    const now = Date.parse('2026-06-30T12:00:00.000Z');
    const at = (daysAgo: number, index: number): RequestLogRecord => ({
      ...mapRequestCompletedToLog(makeRequestCompletedEnvelope(index)),
      createdAt: new Date(now - daysAgo * 86_400_000).toISOString(),
    });
    await store.insertRequestLogs([at(40, 0), at(31, 1), at(29, 2), at(1, 3)]);
    const sweeper = startRetentionSweeper({
      analyticsStore: store,
      logger: silentLogger,
      retentionDays: 30,
      now: () => now,
    });
    await sweeper.stop();
    const left = await store.listRequestLogs({ scope: 'all', limit: 10 });
    expect(left.items.map((item) => item.requestId).sort()).toEqual([
      'run-request-2',
      'run-request-3',
    ]);
    await store.close();
  });
});
