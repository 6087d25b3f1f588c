import { silentLogger, topics, type AnalyticsStore, type UsageRollup } from '@llmfb/shared';
import { createInProcessEventBus, createSqliteAnalyticsStore } from '@llmfb/shared/node';
import {
  makeRequestCompletedData,
  makeRequestCompletedEnvelope,
  makeUsageRecordedEnvelope,
} from '../../shared/test/event-fixtures';
import { startEmbeddedWorkers } from './start-workers';
import { createWorkerMetrics } from './worker-metrics';

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function countLogs(store: AnalyticsStore): Promise<number> {
  let total = 0;
  let cursor: Parameters<AnalyticsStore['listRequestLogs']>[0]['cursor'];
  for (;;) {
    const page = await store.listRequestLogs({ scope: 'all', limit: 500, cursor });
    total += page.items.length;
    if (!page.nextCursor) return total;
    cursor = page.nextCursor;
  }
}

const everything = { from: '2020-01-01T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' };

function sum(rollups: readonly UsageRollup[]) {
  return rollups.reduce(
    (totals, rollup) => ({
      requests: totals.requests + rollup.requests,
      errors: totals.errors + rollup.errors,
      inputTokens: totals.inputTokens + rollup.inputTokens,
      outputTokens: totals.outputTokens + rollup.outputTokens,
    }),
    { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0 },
  );
}

describe('embedded workers (in-process bus, SQLite)', () => {
  it('turns published events into log rows and exact rollups, ignoring replays', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger });
    const store = createSqliteAnalyticsStore({ filePath: ':memory:' });
    const metrics = createWorkerMetrics();
    const workers = await startEmbeddedWorkers({
      bus,
      analyticsStore: store,
      logger: silentLogger,
      metrics,
      retentionDays: 36500,
    });
    const total = 2000;
    for (let index = 0; index < total; index += 1) {
      bus.publish(topics.requestCompleted, `key-${index % 5}`, makeRequestCompletedEnvelope(index));
      bus.publish(topics.usageRecorded, `key-${index % 5}`, makeUsageRecordedEnvelope(index));
    }
    // A producer retry: the same facts published a second time.
    for (let index = 0; index < 100; index += 1) {
      bus.publish(topics.requestCompleted, `key-${index % 5}`, makeRequestCompletedEnvelope(index));
      bus.publish(topics.usageRecorded, `key-${index % 5}`, makeUsageRecordedEnvelope(index));
    }
    await waitFor(async () => bus.readState().queued === 0 && (await countLogs(store)) === total);

    const expected = Array.from({ length: total }, (_, index) =>
      makeRequestCompletedData(index),
    ).reduce(
      (totals, data) => ({
        requests: totals.requests + 1,
        errors: totals.errors + (data.statusCode >= 400 ? 1 : 0),
        inputTokens: totals.inputTokens + data.inputTokens,
        outputTokens: totals.outputTokens + data.outputTokens,
      }),
      { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0 },
    );
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const rollups = await store.listUsageRollups({ scope: 'all', granularity, ...everything });
      expect({ granularity, ...sum(rollups) }).toEqual({ granularity, ...expected });
    }
    const metricsText = await metrics.registry.metrics();
    expect(metricsText).toContain('llmfb_worker_events_written_total{worker="log-writer"} 2000');
    expect(metricsText).toContain('llmfb_worker_events_skipped_total{worker="log-writer"} 100');
    expect(metricsText).toContain('llmfb_worker_events_skipped_total{worker="usage-roller"} 100');

    await workers.close();
    await bus.close();
    await store.close();
  });

  it('keeps retrying a batch while the store fails, then writes it once', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger, retryDelayMs: 5 });
    const sqlite = createSqliteAnalyticsStore({ filePath: ':memory:' });
    let failuresLeft = 3;
    const flaky: AnalyticsStore = {
      ...sqlite,
      async insertRequestLogs(records) {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('database is locked');
        }
        return sqlite.insertRequestLogs(records);
      },
    };
    const metrics = createWorkerMetrics();
    const workers = await startEmbeddedWorkers({
      bus,
      analyticsStore: flaky,
      logger: silentLogger,
      metrics,
      retentionDays: 36500,
    });
    for (let index = 0; index < 50; index += 1) {
      bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(index));
    }
    await waitFor(async () => (await countLogs(sqlite)) === 50);
    expect(
      await metrics.registry.getSingleMetricAsString('llmfb_worker_batches_failed_total'),
    ).toContain('llmfb_worker_batches_failed_total{worker="log-writer"} 3');
    await workers.close();
    await bus.close();
    await sqlite.close();
  });
});
