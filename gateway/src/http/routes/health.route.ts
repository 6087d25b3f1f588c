/**
 * @module health.route
 * `GET /healthz` (the process can serve) and `GET /readyz` (every configured dependency answers).
 */
import { Router } from 'express';
import { withTimeout } from '@llmfb/shared/node';
import { version } from '../../version';

/** A dependency the gateway needs to be ready: the store, the event bus, the rate limiter… */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<void>;
}

export interface HealthRouteOptions {
  readonly checks: readonly ReadinessCheck[];
  readonly timeoutMs?: number;
}

export function createHealthRouter({ checks, timeoutMs = 2000 }: HealthRouteOptions): Router {
  const router = Router();
  router.get('/healthz', function healthz(_request, response) {
    response.json({ status: 'ok', version });
  });
  router.get('/readyz', async function readyz(_request, response) {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), timeoutMs, `no answer within ${timeoutMs} ms`);
          return { name, ok: true as const };
        } catch (error) {
          return {
            name,
            ok: false as const,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    const down = results.filter((result) => !result.ok);
    response.status(down.length === 0 ? 200 : 503).json({
      status: down.length === 0 ? 'ready' : 'not_ready',
      version,
      dependencies: Object.fromEntries(
        results.map((result) => [result.name, result.ok ? 'up' : `down: ${result.error}`]),
      ),
      ...(down.length > 0 ? { down: down.map((result) => result.name) } : {}),
    });
  });
  return router;
}
