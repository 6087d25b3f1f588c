/**
 * @module main
 * The sole composition root: configuration, logger, dependencies, app, listen, shutdown.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { loadConfig } from '@llmfb/shared/node';
import { createApp } from './app';
import { createLogger } from './logger';
import { findConsoleDirectory } from './http/routes/console.route';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LLMFB_LOG_LEVEL);
  mkdirSync(config.LLMFB_DATA_DIR, { recursive: true, mode: 0o700 });

  const consoleDirectory = findConsoleDirectory([
    path.resolve(__dirname, '..', '..', 'admin-ui', 'dist', 'admin-ui', 'browser'),
    path.resolve(__dirname, '..', 'public'),
  ]);
  if (!consoleDirectory) logger.warn({}, 'admin console not built; run `npm run build:ui`');

  const app = createApp({ logger, readinessChecks: [], consoleDirectory });
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, host: config.HOST, dataDir: config.LLMFB_DATA_DIR }, 'gateway listening');
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
