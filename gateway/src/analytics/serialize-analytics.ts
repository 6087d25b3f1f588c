/**
 * @module serialize-analytics
 * Records → wire shapes (snake_case, API.md). API keys never appear: a log carries only ids.
 */
import type { RequestLogRecord, UsageSeries } from '@llmfb/shared';
import type { RequestLogWire, UsageWire } from './analytics-schemas';

export function serializeRequestLog(record: RequestLogRecord): RequestLogWire {
  return {
    id: record.id,
    request_id: record.requestId,
    model_config_id: record.modelConfigId,
    key_id: record.keyId,
    user_id: record.userId,
    method: record.method,
    path: record.path,
    model: record.model,
    source_format: record.sourceFormat,
    target_format: record.targetFormat,
    stream: record.stream,
    status_code: record.statusCode,
    response_time_ms: record.responseTimeMs,
    ttft_ms: record.ttftMs,
    input_tokens: record.inputTokens,
    output_tokens: record.outputTokens,
    tokens_used: record.inputTokens + record.outputTokens,
    error_message: record.errorMessage,
    created_at: record.createdAt,
    credential_id: record.credentialId,
    upstream_model: record.upstreamModel,
    cache_read_tokens: record.cacheReadTokens,
    cache_creation_tokens: record.cacheCreationTokens,
    tokens_estimated: record.tokensEstimated,
    upstream_attempts: record.upstreamAttempts,
    conversion_notes: record.conversionNotes.map((note) => ({ ...note })),
  };
}

export function serializeUsage(series: readonly UsageSeries[]): UsageWire {
  return {
    series: series.map((entry) => ({
      key: entry.key,
      points: entry.points.map((point) => ({
        t: point.t,
        requests: point.requests,
        errors: point.errors,
        input_tokens: point.inputTokens,
        output_tokens: point.outputTokens,
        avg_latency_ms: point.avgLatencyMs,
        p95_latency_ms: point.p95LatencyMs,
      })),
    })),
  };
}
