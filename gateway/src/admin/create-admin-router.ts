/**
 * @module create-admin-router
 * The management half of the admin API, to mount at `/api`: `/auth`, `/users`, `/credentials`,
 * `/models`, `/keys`, plus `/openapi.json` and `/docs`. It parses JSON bodies itself (any JSON
 * value, so a non-object body gets a per-field 400 from zod rather than a parse error; with the
 * LLMFB_ADMIN_MAX_BODY_BYTES limit → 413) and renders its own errors in the admin shape, so it
 * leaves other `/api/...` paths (logs, usage, the `/api/v1` proxy) untouched.
 *
 * @example
 * const admin = createAdminApi({ store, secretBox, accessTokens, events, logger, settings: createAdminSettings(config) });
 * app.use('/api', admin.router);
 * app.use('/api/logs', admin.authenticate, logsRouter); // same auth for the analytics routes
 */
import cookieParser from 'cookie-parser';
import express, { Router, type RequestHandler } from 'express';
import { createAdminErrorHandler } from '../http/middleware/error-handler';
import { createOpenApiRouter } from '../openapi/openapi-routes';
import type { PrincipalLoader } from '../auth/principal-loader';
import { createAdminContext } from './admin-context';
import type { AdminDeps } from './admin-deps';
import { createAuthRouter } from './auth-routes';
import { createCredentialRouter } from './credentials/credential-routes';
import { createKeyRouter } from './keys/key-routes';
import { createModelRouter } from './models/model-routes';
import { createUserRouter } from './user-routes';

export const adminPaths = ['/auth', '/users', '/credentials', '/models', '/keys'] as const;

export interface AdminApi {
  /** Mount at `/api`. */
  readonly router: Router;
  /** The admin JWT middleware (sets `response.locals.principal`), for other `/api` routers. */
  readonly authenticate: RequestHandler;
  readonly principals: PrincipalLoader;
}

export function createAdminApi(deps: AdminDeps): AdminApi {
  const context = createAdminContext(deps);
  const router = Router();
  const paths = [...adminPaths];
  router.use(
    paths,
    cookieParser(),
    express.json({ limit: deps.settings.maxBodyBytes, strict: false }),
  );
  router.use('/auth', createAuthRouter(context));
  router.use('/users', createUserRouter(context));
  router.use('/credentials', createCredentialRouter(context));
  router.use('/models', createModelRouter(context));
  router.use('/keys', createKeyRouter(context));
  router.use(createOpenApiRouter());
  router.use(paths, createAdminErrorHandler(deps.logger));
  return { router, authenticate: context.authenticate, principals: context.principals };
}

export function createAdminRouter(deps: AdminDeps): Router {
  return createAdminApi(deps).router;
}
