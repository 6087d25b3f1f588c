/**
 * @module model-usage-summary
 * `recent_usage` of `GET /api/models/{id}/info`: the model config's totals over the last 24 hours,
 * from the hour rollups (AdminDeps.usageSummary).
 *
 * @example
 * createAdminApi({ ...deps, usageSummary: createModelUsageSummary({ analyticsStore }) });
 */
import {
  addCounters,
  createEmptyCounters,
  estimateLatencyPercentile,
  floorToBucket,
  type AnalyticsStore,
  type ModelConfig,
  type UsageCounters,
} from '@llmfb/shared';

export interface ModelUsageSummaryWire {
  readonly window_hours: 24;
  readonly requests: number;
  readonly errors: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly avg_latency_ms: number | null;
  readonly p95_latency_ms: number | null;
}

export function createModelUsageSummary(deps: {
  readonly analyticsStore: AnalyticsStore;
  readonly now?: () => number;
}): (modelConfig: ModelConfig) => Promise<ModelUsageSummaryWire> {
  const now = deps.now ?? Date.now;
  return async function summarizeModelUsage(modelConfig) {
    const toMs = now();
    const rollups = await deps.analyticsStore.listUsageRollups({
      scope: { userId: modelConfig.userId },
      granularity: 'hour',
      from: new Date(floorToBucket(toMs - 86_400_000, 'hour')).toISOString(),
      to: new Date(toMs).toISOString(),
    });
    const total = rollups
      .filter((rollup) => rollup.modelConfigId === modelConfig.id)
      .reduce<UsageCounters>(addCounters, createEmptyCounters());
    const p95 = estimateLatencyPercentile(total, 0.95);
    return {
      window_hours: 24,
      requests: total.requests,
      errors: total.errors,
      input_tokens: total.inputTokens,
      output_tokens: total.outputTokens,
      avg_latency_ms: total.requests ? Math.round(total.latencySumMs / total.requests) : null,
      p95_latency_ms: p95 === null ? null : Math.round(p95),
    };
  };
}
