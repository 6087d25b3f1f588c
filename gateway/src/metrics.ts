/**
 * @module metrics
 * The gateway's Prometheus metrics (prom-client), on a registry of its own (no global state), with
 * the default process metrics. Label values are bounded: formats, provider, status code, and the
 * client-facing model alias.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createGatewayMetrics() {
  const registry = new Registry();
  // The event-loop delay histogram samples every 100 ms instead of prom-client's 10 ms: its timer
  // was what kept an idle gateway busy (13 → 2 ms of CPU and 100 → 12 wake-ups per second,
  // bench/idle.mjs), and a 15 s scrape still gets 150 samples.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const requestLabels = ['inbound_format', 'provider', 'model', 'status'] as const;

  return {
    registry,
    requests: new Counter({
      name: 'llmfb_proxy_requests_total',
      help: 'Proxied requests by outcome',
      labelNames: requestLabels,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'llmfb_proxy_request_duration_seconds',
      help: 'Time from request to the end of the answer',
      labelNames: requestLabels,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    ttft: new Histogram({
      name: 'llmfb_proxy_ttft_seconds',
      help: 'Time to the first streamed byte',
      labelNames: ['inbound_format', 'provider', 'model'] as const,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'llmfb_proxy_tokens_total',
      help: 'Tokens by direction',
      labelNames: ['direction', 'provider', 'model'] as const,
      registers: [registry],
    }),
    activeStreams: new Gauge({
      name: 'llmfb_proxy_active_streams',
      help: 'Streams being relayed now',
      registers: [registry],
    }),
    upstreamErrors: new Counter({
      name: 'llmfb_upstream_errors_total',
      help: 'Upstream failures by kind',
      labelNames: ['provider', 'kind'] as const,
      registers: [registry],
    }),
    reshapedAnswers: new Counter({
      name: 'llmfb_upstream_reshaped_answers_total',
      help: 'Upstream answers in the other shape than the caller asked for: streams folded into one answer (requested: long generations; unrequested: upstreams that always stream), JSON answers replayed as streams',
      labelNames: ['provider', 'kind'] as const,
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'llmfb_upstream_breaker_state',
      help: 'Circuit breaker per credential: 0 closed, 1 half-open, 2 open',
      labelNames: ['credential_id'] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'llmfb_rate_limit_rejections_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['scope'] as const,
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: 'llmfb_events_published_total',
      help: 'Events handed to the bus',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
