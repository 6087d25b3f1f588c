/**
 * Done-when (issue 6): 10,000 events through Kafka → exactly 10,000 log rows and rollup sums equal
 * to the per-request sums; replaying the topics from offset 0 into an empty database yields the
 * same logs and rollups.
 */
import { createEventBus, loadConfig, type ConfiguredEventBus } from '@llmfb/shared/node';
import { makeRequestCompletedData } from '../../shared/test/event-fixtures';
import { startWorkers, type RunningWorkers } from '../src/start-workers';
import {
  createIsolatedPipeline,
  createTestLogger,
  createPublishingBus,
  openMongoStore,
  openProgressProbe,
  publishRequest,
  snapshotStore,
  sumRequests,
  sumRollups,
  waitUntilStored,
} from './pipeline-harness';

jest.setTimeout(600_000);

describe('events pipeline on Kafka and MongoDB', () => {
  const pipeline = createIsolatedPipeline('exact');
  const total = Number(process.env.LLMFB_TEST_EVENTS ?? 10_000);
  const run = 'exact';
  const sample = { run, spacingMs: 5 };

  const stops: Array<() => Promise<void>> = [];

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await pipeline.cleanUp();
  });

  async function startConsumers(databaseName: string, groupIdPrefix: string) {
    const uri = pipeline.databaseUri(databaseName);
    const store = await openMongoStore(uri);
    const probe = await openProgressProbe(uri);
    const bus: ConfiguredEventBus = createEventBus(
      loadConfig({ ...pipeline.env, LLMFB_DATA_DIR: `${pipeline.dataDir}/${databaseName}` }),
      createTestLogger(),
    );
    await bus.connect();
    stops.push(() => store.close());
    const workers: RunningWorkers = await startWorkers({
      bus,
      analyticsStore: store,
      logger: createTestLogger(),
      role: 'all',
      retentionDays: pipeline.config.LLMFB_LOG_RETENTION_DAYS,
      groupIdPrefix,
    });
    let stopping: Promise<void> | undefined;
    const stopOnce = () =>
      (stopping ??= (async () => {
        await workers.close();
        await bus.close();
        await probe.close();
      })());
    stops.push(stopOnce);
    return {
      store,
      probe,
      /** Until every log row and every usage entry (each granularity) is in. */
      async waitUntilComplete(count: number) {
        await waitUntilStored(probe, count);
        await new Promise((resolve) => setTimeout(resolve, 2000)); // nothing more may arrive
      },
      stop: stopOnce,
    };
  }

  it('stores 10,000 events exactly once and rolls them up exactly, and a replay reproduces both', async () => {
    const consumers = await startConsumers('primary', pipeline.prefix);
    const publisher = await createPublishingBus(pipeline);
    stops.push(() => publisher.close());
    for (let index = 0; index < total; index += 1) {
      publishRequest(publisher, index, sample);
      if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    // A second copy of some events (a producer retry after an ambiguous failure).
    for (let index = 0; index < 200; index += 1)
      publishRequest(publisher, (index * 37) % total, sample);
    await publisher.close();
    expect(publisher.stats).toMatchObject({ published: 2 * (total + 200), dropped: 0 });

    const expected = sumRequests(
      Array.from({ length: total }, (_, index) => makeRequestCompletedData(index, sample)),
    );
    await consumers.waitUntilComplete(total);
    const original = await snapshotStore(consumers.store);
    expect(original.logs).toHaveLength(total);
    expect(new Set(original.logs.map((log) => log.requestId)).size).toBe(total);
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      expect({ granularity, ...sumRollups(original.rollups[granularity]) }).toEqual({
        granularity,
        ...expected,
      });
    }
    await consumers.stop();

    // Replay: new consumer groups read both topics from offset 0 into an empty database.
    const replay = await startConsumers('replay', `${pipeline.prefix}replay.`);
    await replay.waitUntilComplete(total);
    const replayed = await snapshotStore(replay.store);
    expect(replayed.logs).toEqual(original.logs);
    expect(replayed.rollups).toEqual(original.rollups);
    await replay.stop();
  });
});
