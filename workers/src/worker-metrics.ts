/**
 * @module worker-metrics
 * Prometheus metrics of a worker process (prom-client, own registry): events consumed, rows
 * written, duplicates skipped, failed batches, batch duration, and consumer lag per partition.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type WorkerName = 'log-writer' | 'usage-roller';

export interface WorkerMetrics {
  readonly registry: Registry;
  readonly consumed: Counter<'worker'>;
  readonly written: Counter<'worker'>;
  readonly skipped: Counter<'worker'>;
  readonly failed: Counter<'worker'>;
  readonly batchSeconds: Histogram<'worker'>;
  readonly lag: Gauge<'worker' | 'topic' | 'partition'>;
}

export function createWorkerMetrics(options: { withProcessMetrics?: boolean } = {}): WorkerMetrics {
  const registry = new Registry();
  // Event-loop delay sampled every 100 ms, not every 10 ms: as the gateway (gateway/src/metrics.ts).
  if (options.withProcessMetrics)
    collectDefaultMetrics({
      register: registry,
      prefix: 'llmfb_worker_',
      eventLoopMonitoringPrecision: 100,
    });
  const registers = [registry];
  return {
    registry,
    consumed: new Counter({
      name: 'llmfb_worker_events_consumed_total',
      help: 'Valid events handed to the worker',
      labelNames: ['worker'],
      registers,
    }),
    written: new Counter({
      name: 'llmfb_worker_events_written_total',
      help: 'Events that changed the store (new log rows, usage entries counted)',
      labelNames: ['worker'],
      registers,
    }),
    skipped: new Counter({
      name: 'llmfb_worker_events_skipped_total',
      help: 'Events already stored (replays, second copies)',
      labelNames: ['worker'],
      registers,
    }),
    failed: new Counter({
      name: 'llmfb_worker_batches_failed_total',
      help: 'Batches whose store write failed (each is retried)',
      labelNames: ['worker'],
      registers,
    }),
    batchSeconds: new Histogram({
      name: 'llmfb_worker_batch_duration_seconds',
      help: 'Time to write one batch to the store',
      labelNames: ['worker'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    lag: new Gauge({
      name: 'llmfb_worker_consumer_lag',
      help: 'Messages on the partition not yet committed by the worker group',
      labelNames: ['worker', 'topic', 'partition'],
      registers,
    }),
  };
}
