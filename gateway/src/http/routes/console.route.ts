/**
 * @module console.route
 * Serves the built admin console at `/` with an SPA fallback that never shadows the API, the
 * proxy, health or metrics paths.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const reservedPrefixes = ['/api', '/v1', '/healthz', '/readyz', '/metrics'];

export function isReservedPath(requestPath: string): boolean {
  return reservedPrefixes.some(
    (prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`),
  );
}

/** The console's build output, or undefined when it has not been built. */
export function findConsoleDirectory(candidates: readonly string[]): string | undefined {
  return candidates.find((directory) => existsSync(path.join(directory, 'index.html')));
}

export function createConsoleRouter(directory: string | undefined): Router {
  const router = Router();
  if (!directory) return router;
  const indexFile = path.join(directory, 'index.html');
  router.use(
    express.static(directory, {
      index: false,
      maxAge: '1h',
      setHeaders(response, filePath) {
        // Hashed bundles can be cached for long; index.html never.
        if (/\.[0-9a-z]{8,}\.(js|css)$/i.test(filePath)) {
          response.setHeader('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  router.get(/.*/, function serveConsole(request, response, next) {
    if (isReservedPath(request.path) || !request.accepts('html')) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(indexFile);
  });
  return router;
}
