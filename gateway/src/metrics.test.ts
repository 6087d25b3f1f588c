import { createGatewayMetrics } from './metrics';

describe('gateway metrics', () => {
  it("exports Node's process metrics, event-loop delay included, beside the proxy's own", async () => {
    const metrics = createGatewayMetrics();
    const text = await metrics.registry.metrics();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    for (const quantile of ['p50', 'p99'])
      expect(value(`nodejs_eventloop_lag_${quantile}_seconds`)).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# TYPE llmfb_proxy_requests_total counter');
    metrics.registry.clear();
  });
});
