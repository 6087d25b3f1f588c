/**
 * @module metrics-server
 * The worker's HTTP side: `/healthz` (the process serves), `/readyz` (store and Kafka answer; 503
 * naming the one that does not) and Prometheus `/metrics`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

async function runChecks(checks: readonly ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await check();
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
  return { isReady: results.every((result) => result.ok), results };
}

export function startMetricsServer(options: {
  readonly port: number;
  readonly host?: string;
  readonly registry: Registry;
  readonly checks: readonly ReadinessCheck[];
}): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, JSON.stringify({ error: { code: 'method_not_allowed', message: 'Use GET.' } }));
      return;
    }
    if (path === '/healthz') {
      send(200, JSON.stringify({ status: 'ok' }));
    } else if (path === '/readyz') {
      runChecks(options.checks).then(
        ({ isReady, results }) =>
          send(
            isReady ? 200 : 503,
            JSON.stringify({ status: isReady ? 'ready' : 'not_ready', checks: results }),
          ),
        () => send(503, JSON.stringify({ status: 'not_ready' })),
      );
    } else if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => send(200, text, options.registry.contentType),
        () => send(500, JSON.stringify({ error: { code: 'internal', message: 'metrics failed' } })),
      );
    } else {
      send(
        404,
        JSON.stringify({ error: { code: 'resource_not_found', message: `No route for ${path}.` } }),
      );
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
