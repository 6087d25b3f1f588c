/**
 * @module log-writer
 * The request-log worker: turns a batch of `request.completed` events into `request_logs` rows in
 * one batched insert, idempotent on `requestId` (a replayed event is ignored).
 */
import type { AnalyticsStore, EventEnvelope, Logger, RequestCompletedData } from '@llmfb/shared';
// Values from subpaths, not the package root: the embedded analytics thread loads this module,
// and the root would bring the whole conversion core into that thread.
import { mapRequestCompletedToLog } from '@llmfb/shared/analytics';
import type { WorkerMetrics } from './worker-metrics';

export interface LogWriterDeps {
  readonly analyticsStore: AnalyticsStore;
  readonly logger: Logger;
  readonly metrics?: WorkerMetrics;
}

export function createLogWriter(deps: LogWriterDeps) {
  const logger = deps.logger.child({ worker: 'log-writer' });
  return async function writeRequestLogs(envelopes: readonly EventEnvelope[]): Promise<void> {
    const stopTimer = deps.metrics?.batchSeconds.startTimer({ worker: 'log-writer' });
    deps.metrics?.consumed.inc({ worker: 'log-writer' }, envelopes.length);
    // The bus validated every envelope against the topic's schema.
    const records = envelopes.map((envelope) =>
      mapRequestCompletedToLog(envelope as EventEnvelope<string, RequestCompletedData>),
    );
    try {
      const { inserted } = await deps.analyticsStore.insertRequestLogs(records);
      deps.metrics?.written.inc({ worker: 'log-writer' }, inserted);
      deps.metrics?.skipped.inc({ worker: 'log-writer' }, records.length - inserted);
      logger.debug({ received: records.length, inserted }, 'request logs written');
    } catch (error) {
      deps.metrics?.failed.inc({ worker: 'log-writer' });
      throw error;
    } finally {
      stopTimer?.();
    }
  };
}
