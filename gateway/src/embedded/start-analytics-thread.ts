/**
 * @module start-analytics-thread
 * Embedded mode without a synchronous SQLite write on the proxy's event loop: a worker thread
 * (`analytics-thread.ts`) runs the log writer and usage roller, and this publisher hands it the
 * request-completed and usage-recorded events gathered over a few milliseconds in one message.
 * Other topics (config changes) stay on the main thread's bus.
 */
import { Worker } from 'node:worker_threads';
import {
  topics,
  type EventEnvelope,
  type EventPublisher,
  type Logger,
  type Topic,
} from '@llmfb/shared';
import { findCompiledEntry, stopWorker, type Config } from '@llmfb/shared/node';
import type { AnalyticsThreadMessage } from './analytics-thread';

export interface AnalyticsThread {
  /** Publishes analytics topics to the thread and everything else to `fallback`. */
  readonly publisher: EventPublisher;
  close(): Promise<void>;
}

const threadTopics = new Set<Topic>([topics.requestCompleted, topics.usageRecorded]);
/**
 * Events gather this long before one message takes them to the thread: fewer messages (each one a
 * structured clone and a wake-up of the thread) for a delay the log writer does not notice. It
 * matches the thread's own bus linger (one SQLite transaction per message): at low rates 25 ms
 * instead of 5 ms cut the thread's CPU per request by a third (docs/benchmarks.md).
 */
const flushDelayMs = 25;
/**
 * The thread's young generation, capped: it takes bursts of events (thousands when many streams
 * end together) and, left to V8's default, grows its semi-spaces as the main thread's do. Capped,
 * 2,000 held streams cost ~6 MB less RSS at no measured CPU cost (docs/benchmarks.md).
 */
const threadYoungGenerationMb = 4;

/** The compiled thread entry, if built (see `findCompiledEntry`). */
export function findAnalyticsThreadEntry(): string | undefined {
  return findCompiledEntry(__filename, 'analytics-thread');
}

export async function startAnalyticsThread(options: {
  readonly entry: string;
  readonly config: Config;
  readonly fallback: EventPublisher;
  readonly logger: Logger;
}): Promise<AnalyticsThread> {
  const worker = new Worker(options.entry, {
    workerData: options.config,
    resourceLimits: { maxYoungGenerationSizeMb: threadYoungGenerationMb },
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (message === 'ready') {
        worker.off('message', onMessage);
        resolve();
      } else if (typeof message === 'object' && message && 'failed' in message) {
        reject(
          new Error(
            `analytics thread failed to start: ${String((message as { failed: unknown }).failed)}`,
          ),
        );
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'analytics thread failed'));

  let pending: Array<{ topic: Topic; key: string; envelope: EventEnvelope }> = [];
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0 || closed) return;
    const message: AnalyticsThreadMessage = { type: 'events', items: pending };
    pending = [];
    worker.postMessage(message);
  };

  return {
    publisher: {
      publish(topic, key, envelope) {
        if (!threadTopics.has(topic)) return options.fallback.publish(topic, key, envelope);
        if (closed) return;
        pending.push({ topic, key, envelope });
        if (!scheduled) {
          scheduled = true;
          setTimeout(flush, flushDelayMs);
        }
      },
    },
    async close() {
      flush();
      closed = true;
      await stopWorker(worker, {
        closeMessage: { type: 'close' } satisfies AnalyticsThreadMessage,
        isClosed: (message) => message === 'closed',
        timeoutMs: 10_000,
      });
    },
  };
}
