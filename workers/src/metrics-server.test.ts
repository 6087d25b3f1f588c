import { createWorkerMetrics } from './worker-metrics';
import { startMetricsServer } from './metrics-server';

describe('worker metrics server', () => {
  it('answers healthz, readyz (503 naming the failing dependency) and Prometheus metrics', async () => {
    const metrics = createWorkerMetrics();
    metrics.consumed.inc({ worker: 'log-writer' }, 7);
    metrics.lag.set(
      { worker: 'log-writer', topic: 'gateway.request.completed.v1', partition: '0' },
      42,
    );
    let isKafkaUp = false;
    const server = await startMetricsServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      checks: [
        { name: 'analytics_store', check: async () => {} },
        {
          name: 'kafka',
          check: async () => {
            if (!isKafkaUp) throw new Error('kafka unreachable');
          },
        },
      ],
    });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: 'not_ready',
        checks: [
          { name: 'analytics_store', ok: true },
          { name: 'kafka', ok: false, error: 'kafka unreachable' },
        ],
      });
      isKafkaUp = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('llmfb_worker_events_consumed_total{worker="log-writer"} 7');
      expect(text).toContain(
        'llmfb_worker_consumer_lag{worker="log-writer",topic="gateway.request.completed.v1",partition="0"} 42',
      );
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
