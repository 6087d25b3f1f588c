/**
 * @module analytics-thread
 * Worker-thread entry of embedded mode: the log writer and the usage roller run here, on an
 * in-process bus of their own, against the embedded analytics store — so the SQLite writes
 * (synchronous in `node:sqlite`) never block the proxy's event loop. The main thread posts
 * batches of request-completed and usage-recorded envelopes; `close` drains and answers `closed`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import type { EventEnvelope, Logger, Topic } from '@llmfb/shared';
import type { Config } from '@llmfb/shared/node';
// Narrow entry points, not the packages' roots: this thread needs the analytics store, a bus and
// the workers, not the conversion core, the limiter or the metrics registry (~15 MB less).
import { createAnalyticsStore } from '@llmfb/shared/node/analytics';
import { createInProcessEventBus } from '@llmfb/shared/node/bus';
import { startEmbeddedWorkers } from '@llmfb/workers/start-workers';

export type AnalyticsThreadMessage =
  | {
      readonly type: 'events';
      readonly items: ReadonlyArray<{ topic: Topic; key: string; envelope: EventEnvelope }>;
    }
  | { readonly type: 'close' };

async function runAnalyticsThread(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('analytics-thread must run in a worker thread');
  const config = workerData as Config;
  const logger = pino({
    level: config.LLMFB_LOG_LEVEL,
    base: { service: 'gateway', component: 'analytics-thread' },
  }) as unknown as Logger;
  const analyticsStore = await createAnalyticsStore(config);
  const bus = createInProcessEventBus({
    logger,
    maxQueued: config.LLMFB_EVENT_QUEUE_MAX,
    // As long as the main thread gathers events per message (`flushDelayMs`): one SQLite
    // transaction per message.
    lingerMs: 25,
  });
  await bus.connect();
  const workers = await startEmbeddedWorkers({
    bus,
    analyticsStore,
    logger,
    retentionDays: config.LLMFB_LOG_RETENTION_DAYS,
  });

  port.on('message', (message: AnalyticsThreadMessage) => {
    if (message.type === 'events') {
      for (const item of message.items) bus.publish(item.topic, item.key, item.envelope);
      return;
    }
    void (async () => {
      await bus.close();
      await workers.close();
      await analyticsStore.close();
      port.postMessage('closed');
    })();
  });
  port.postMessage('ready');
}

runAnalyticsThread().catch((error: unknown) => {
  parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
});
