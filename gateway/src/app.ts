/**
 * @module app
 * `createApp(deps)` builds the Express application; it never listens (main.ts does).
 */
import express, { type Express } from 'express';
import type { Logger } from '@llmfb/shared';
import './http/locals';
import { createRequestIdMiddleware } from './http/middleware/request-id';
import { createAdminErrorHandler, createNotFoundHandler } from './http/middleware/error-handler';
import { createHealthRouter, type ReadinessCheck } from './http/routes/health.route';
import { createConsoleRouter } from './http/routes/console.route';
import { version } from './version';

export interface AppDeps {
  readonly logger: Logger;
  readonly readinessChecks: readonly ReadinessCheck[];
  /** Directory of the built admin console, when there is one. */
  readonly consoleDirectory: string | undefined;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('query parser', 'simple');

  app.use(createRequestIdMiddleware());
  app.use(createHealthRouter({ checks: deps.readinessChecks }));

  // Claude Code probes the base URL at start; answer 200 whether or not the console is built.
  app.head('/', function probeRoot(_request, response) {
    response.status(200).end();
  });
  app.use(createConsoleRouter(deps.consoleDirectory));
  app.get('/', function root(_request, response) {
    response.json({ name: 'LLMFormBridge', version });
  });

  app.use(createNotFoundHandler());
  app.use(createAdminErrorHandler(deps.logger));
  return app;
}
