/**
 * @module main
 * Worker process entry: `node workers/dist/main.js logs|usage|all` (npm run worker:logs, …).
 * Needs Kafka (KAFKA_BROKERS); stores into MongoDB when MONGODB_URI is set, else SQLite in
 * LLMFB_DATA_DIR. SIGTERM/SIGINT: stop fetching, finish and commit the batch in hand, exit 0.
 */
import pino from 'pino';
import type { Logger } from '@llmfb/shared';
import { createAnalyticsStore, createEventBus, loadConfig } from '@llmfb/shared/node';
import { startLagPoller } from './lag-poller';
import { startMetricsServer } from './metrics-server';
import { startWorkers, type WorkerRole } from './start-workers';
import { createWorkerMetrics } from './worker-metrics';

function parseRole(value: string | undefined): WorkerRole {
  if (value === 'logs' || value === 'usage' || value === 'all') return value;
  process.stderr.write(`unknown worker role "${value ?? ''}" (want logs, usage or all)\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const role = parseRole(process.argv[2] ?? 'all');
  const config = loadConfig(process.env);
  const logger = pino({
    level: config.LLMFB_LOG_LEVEL,
    base: { service: 'workers', role },
  }) as unknown as Logger;
  if (!config.KAFKA_BROKERS) {
    logger.error(
      {},
      'KAFKA_BROKERS is not set: without Kafka the gateway runs the workers in-process',
    );
    process.exit(2);
  }
  const bus = createEventBus(config, logger);
  if (bus.readState().kind !== 'kafka' || !('readConsumerLag' in bus))
    throw new Error('expected the Kafka bus');
  await bus.connect();
  const analyticsStore = await createAnalyticsStore(config);
  const metrics = createWorkerMetrics({ withProcessMetrics: true });
  const workers = await startWorkers({
    bus,
    analyticsStore,
    logger,
    role,
    metrics,
    retentionDays: config.LLMFB_LOG_RETENTION_DAYS,
    groupIdPrefix: config.LLMFB_KAFKA_TOPIC_PREFIX,
  });
  const lagPoller = startLagPoller({ reader: bus, groups: workers.groups, metrics, logger });
  const server = await startMetricsServer({
    port: config.LLMFB_WORKER_METRICS_PORT,
    host: config.HOST,
    registry: metrics.registry,
    checks: [
      { name: 'analytics_store', check: () => analyticsStore.checkReady() },
      { name: 'kafka', check: () => bus.checkReady() },
    ],
  });
  logger.info({ role, metricsPort: server.port }, 'worker started');

  let isShuttingDown = false;
  const shutdown = async (signal: string) => {
    if (isShuttingDown) return;
    isShuttingDown = true;
    logger.info({ signal }, 'worker stopping: finishing the batch in hand');
    setTimeout(() => {
      logger.error({}, 'shutdown took over 30 s; exiting');
      process.exit(1);
    }, 30_000).unref();
    lagPoller.stop();
    await workers.close();
    await bus.close();
    await analyticsStore.close();
    await server.close();
    logger.info({}, 'worker stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
