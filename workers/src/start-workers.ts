/**
 * @module start-workers
 * Subscribes the log writer and/or the usage roller to the bus, and runs the retention sweep next
 * to the log writer. The same code runs in a worker process (Kafka) and inside the gateway in
 * embedded mode (in-process bus, SQLite): `startEmbeddedWorkers`.
 */
import type { AnalyticsStore, EventBus, Logger, Subscription, Topic } from '@llmfb/shared';
// Values from subpaths, not the package root: see log-writer.
import { topics } from '@llmfb/shared/events';
import { createLogWriter } from './log-writer';
import { startRetentionSweeper } from './retention-sweeper';
import { createUsageRoller } from './usage-roller';
import type { WorkerMetrics, WorkerName } from './worker-metrics';

export type WorkerRole = 'logs' | 'usage' | 'all';

export interface StartWorkersOptions {
  readonly bus: EventBus;
  readonly analyticsStore: AnalyticsStore;
  readonly logger: Logger;
  readonly role: WorkerRole;
  readonly metrics?: WorkerMetrics;
  /** Request logs older than this are deleted (LLMFB_LOG_RETENTION_DAYS; default 30). */
  readonly retentionDays?: number;
  /** Prepended to the consumer group ids (LLMFB_KAFKA_TOPIC_PREFIX). */
  readonly groupIdPrefix?: string;
}

export interface WorkerGroup {
  readonly worker: WorkerName;
  readonly groupId: string;
  readonly topic: Topic;
}

export interface RunningWorkers {
  readonly groups: readonly WorkerGroup[];
  /** Stops consuming after the batches in hand are written and committed. */
  close(): Promise<void>;
}

export function listWorkerGroups(role: WorkerRole, groupIdPrefix = ''): WorkerGroup[] {
  const groups: WorkerGroup[] = [];
  if (role === 'logs' || role === 'all') {
    groups.push({
      worker: 'log-writer',
      groupId: `${groupIdPrefix}llmfb.log-writer`,
      topic: topics.requestCompleted,
    });
  }
  if (role === 'usage' || role === 'all') {
    groups.push({
      worker: 'usage-roller',
      groupId: `${groupIdPrefix}llmfb.usage-roller`,
      topic: topics.usageRecorded,
    });
  }
  return groups;
}

export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const groups = listWorkerGroups(options.role, options.groupIdPrefix);
  const subscriptions: Subscription[] = [];
  const deps = {
    analyticsStore: options.analyticsStore,
    logger: options.logger,
    metrics: options.metrics,
  };
  try {
    for (const group of groups) {
      const handleBatch =
        group.worker === 'log-writer' ? createLogWriter(deps) : createUsageRoller(deps);
      subscriptions.push(
        await options.bus.subscribe({
          topic: group.topic,
          groupId: group.groupId,
          fromBeginning: true,
          handleBatch,
        }),
      );
    }
  } catch (error) {
    await Promise.allSettled(subscriptions.map((subscription) => subscription.close()));
    throw error;
  }
  const sweeper = groups.some((group) => group.worker === 'log-writer')
    ? startRetentionSweeper({
        analyticsStore: options.analyticsStore,
        logger: options.logger,
        retentionDays: options.retentionDays ?? 30,
      })
    : undefined;
  options.logger.info({ workers: groups.map((group) => group.worker) }, 'workers consuming');
  return {
    groups,
    async close() {
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      await sweeper?.stop();
    },
  };
}

export interface EmbeddedWorkersOptions {
  readonly bus: EventBus;
  readonly analyticsStore: AnalyticsStore;
  readonly logger: Logger;
  readonly retentionDays?: number;
  readonly metrics?: WorkerMetrics;
}

/**
 * Embedded mode (no KAFKA_BROKERS, LLMFB_RUN_WORKERS auto/true): both workers in the gateway's
 * process, on the in-process bus, against the embedded analytics store. Call before the gateway
 * starts publishing; `close()` before closing the bus' store.
 */
export function startEmbeddedWorkers(options: EmbeddedWorkersOptions): Promise<RunningWorkers> {
  return startWorkers({ ...options, role: 'all' });
}
