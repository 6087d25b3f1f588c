/**
 * @module main
 * The process entry: configuration, logger, `composeGateway`, listen, graceful shutdown.
 * `LLMFB_WORKERS=N` (N > 1) runs N gateway processes on one port with node:cluster; they share
 * rate limits through Redis when REDIS_URL is set.
 */
import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadConfig, type Config } from '@llmfb/shared/node';
import type { Logger } from '@llmfb/shared';
import { composeGateway } from './compose-gateway';
import { createLogger } from './logger';

/**
 * Pending-connection queue of the listening socket (Node's default is 511; the kernel caps it at
 * net.core.somaxconn). A burst of thousands of new clients would otherwise see resets.
 */
const listenBacklog = 4096;

async function serve(config: Config, logger: Logger): Promise<void> {
  const gateway = await composeGateway(config, logger);
  const server = createServer(gateway.handler);
  server.listen(config.PORT, config.HOST, listenBacklog, () => {
    logger.info(
      { port: config.PORT, host: config.HOST, dataDir: config.LLMFB_DATA_DIR, pid: process.pid },
      'gateway listening',
    );
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(0), 15_000);
    force.unref();
    server.close(() => {
      gateway.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

function superviseWorkers(config: Config, logger: Logger): void {
  logger.info({ workers: config.LLMFB_WORKERS }, 'starting gateway processes');
  for (let index = 0; index < config.LLMFB_WORKERS; index += 1) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.warn(
      { pid: worker.process.pid, code, signal },
      'gateway process exited; starting another',
    );
    setTimeout(() => cluster.fork(), 500);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 16_000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LLMFB_LOG_LEVEL);
  mkdirSync(config.LLMFB_DATA_DIR, { recursive: true, mode: 0o700 });
  if (config.LLMFB_WORKERS > 1 && cluster.isPrimary) {
    superviseWorkers(config, logger);
    return;
  }
  await serve(config, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
