/**
 * @module lag-poller
 * Refreshes the consumer-lag gauge periodically: the partitions' end offsets (admin client) minus
 * the group's committed offsets.
 */
import type { Logger, Topic } from '@llmfb/shared';
import type { PartitionLag } from '@llmfb/shared/node';
import type { WorkerGroup } from './start-workers';
import type { WorkerMetrics } from './worker-metrics';

export interface LagReader {
  readConsumerLag(groupId: string, topic: Topic): Promise<PartitionLag[]>;
  resolveTopicName(topic: Topic): string;
}

export function startLagPoller(options: {
  readonly reader: LagReader;
  readonly groups: readonly WorkerGroup[];
  readonly metrics: WorkerMetrics;
  readonly logger: Logger;
  readonly intervalMs?: number;
}): { stop(): void } {
  let isPolling = false;
  async function poll(): Promise<void> {
    if (isPolling) return;
    isPolling = true;
    try {
      for (const group of options.groups) {
        const lags = await options.reader.readConsumerLag(group.groupId, group.topic);
        const topic = options.reader.resolveTopicName(group.topic);
        for (const { partition, lag } of lags) {
          options.metrics.lag.set(
            { worker: group.worker, topic, partition: String(partition) },
            lag,
          );
        }
      }
    } catch (error) {
      options.logger.debug({ err: error }, 'consumer lag not available');
    } finally {
      isPolling = false;
    }
  }
  void poll();
  const timer = setInterval(() => void poll(), options.intervalMs ?? 5000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
