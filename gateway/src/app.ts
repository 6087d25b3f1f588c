/**
 * @module app
 * `createApp(deps)` builds the Express application from ready-made routers; it never listens
 * (main.ts does) and builds no dependencies (compose-gateway.ts does). `createRequestListener`
 * puts the proxy API (`/v1`, `/api/v1`, plain node:http handlers) in front of it.
 */
import type { RequestListener } from 'node:http';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Registry } from 'prom-client';
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
  /** The admin API, mounted at `/api`. */
  readonly adminRouter?: Router;
  /** The admin JWT middleware, for the `/api` routers that are not part of the admin router. */
  readonly authenticateAdmin?: RequestHandler;
  /** Further `/api/<path>` routers behind admin authentication (logs, usage). */
  readonly authenticatedRouters?: ReadonlyArray<{ readonly path: string; readonly router: Router }>;
  readonly metricsRegistry?: Registry;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.set('query parser', 'simple');

  app.use(createRequestIdMiddleware());
  app.use(createHealthRouter({ checks: deps.readinessChecks }));
  if (deps.metricsRegistry) {
    const registry = deps.metricsRegistry;
    app.get('/metrics', async function metrics(_request, response) {
      response.type(registry.contentType).send(await registry.metrics());
    });
  }

  // Claude Code probes the base URL at start; answer 200 whether or not the console is built.
  app.head('/', function probeRoot(_request, response) {
    response.status(200).end();
  });

  if (deps.adminRouter) app.use('/api', deps.adminRouter);
  if (deps.authenticateAdmin) {
    for (const { path, router } of deps.authenticatedRouters ?? []) {
      app.use(`/api${path}`, deps.authenticateAdmin, router);
    }
  }

  app.use(createConsoleRouter(deps.consoleDirectory));
  app.get('/', function root(_request, response) {
    response.json({ name: 'LLMFormBridge', version });
  });

  app.use(createNotFoundHandler());
  app.use(createAdminErrorHandler(deps.logger));
  return app;
}

/** The server's request listener: proxy requests to `dispatchProxy`, everything else to `app`. */
export function createRequestListener(
  app: Express,
  dispatchProxy: (...args: Parameters<RequestListener>) => boolean,
): RequestListener {
  return function handleRequest(request, response) {
    if (!dispatchProxy(request, response)) app(request, response);
  };
}
