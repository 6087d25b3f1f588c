/**
 * @module usage-roller
 * The usage worker: folds a batch of `usage.recorded` events into minute/hour/day rollups, exactly
 * once per request whatever is redelivered (the store's claim + watermark design).
 */
import type {
  AnalyticsStore,
  DeliveredBatch,
  EventEnvelope,
  Logger,
  UsageEntry,
  UsageRecordedData,
} from '@llmfb/shared';
import { mapUsageRecordedToRecord } from '@llmfb/shared/analytics';
import type { WorkerMetrics } from './worker-metrics';

export interface UsageRollerDeps {
  readonly analyticsStore: AnalyticsStore;
  readonly logger: Logger;
  readonly metrics?: WorkerMetrics;
}

export function createUsageRoller(deps: UsageRollerDeps) {
  const logger = deps.logger.child({ worker: 'usage-roller' });
  return async function rollUpUsage(
    envelopes: readonly EventEnvelope[],
    delivery: DeliveredBatch,
  ): Promise<void> {
    const stopTimer = deps.metrics?.batchSeconds.startTimer({ worker: 'usage-roller' });
    deps.metrics?.consumed.inc({ worker: 'usage-roller' }, envelopes.length);
    const entries: UsageEntry[] = envelopes.map((envelope, index) => ({
      ...mapUsageRecordedToRecord((envelope as EventEnvelope<string, UsageRecordedData>).data),
      sequence: delivery.sequences[index] ?? Number.NaN,
    }));
    if (entries.some((entry) => Number.isNaN(entry.sequence))) {
      throw new Error('usage roller: the bus delivered envelopes without positions');
    }
    try {
      const result = await deps.analyticsStore.applyUsage({ source: delivery.source, entries });
      deps.metrics?.written.inc({ worker: 'usage-roller' }, result.applied);
      deps.metrics?.skipped.inc({ worker: 'usage-roller' }, result.skipped);
      logger.debug({ source: delivery.source, ...result }, 'usage rolled up');
    } catch (error) {
      deps.metrics?.failed.inc({ worker: 'usage-roller' });
      throw error;
    } finally {
      stopTimer?.();
    }
  };
}
