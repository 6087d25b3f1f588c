/**
 * @module map-event-to-records
 * Maps validated events to the analytics store's records (pure).
 */
import type { EventEnvelope } from '../events/event-envelope';
import type { RequestCompletedData } from '../events/request-completed.v1';
import type { UsageRecordedData } from '../events/usage-recorded.v1';
import type { RequestLogRecord, UsageRecord } from './analytics-store';

/** `startedAt` normalised to `toISOString()` so stored timestamps sort as text. */
function normaliseTimestamp(value: string): string {
  return new Date(Date.parse(value)).toISOString();
}

export function mapRequestCompletedToLog(
  envelope: EventEnvelope<string, RequestCompletedData>,
): RequestLogRecord {
  const data = envelope.data;
  return {
    id: envelope.id,
    requestId: data.requestId,
    userId: data.userId,
    keyId: data.keyId,
    modelConfigId: data.modelConfigId,
    credentialId: data.credentialId,
    method: data.method,
    path: data.path,
    model: data.model,
    upstreamModel: data.upstreamModel,
    sourceFormat: data.sourceFormat,
    targetFormat: data.targetFormat,
    stream: data.stream,
    statusCode: data.statusCode,
    responseTimeMs: data.responseTimeMs,
    ttftMs: data.ttftMs,
    inputTokens: data.inputTokens,
    outputTokens: data.outputTokens,
    cacheReadTokens: data.cacheReadTokens,
    cacheCreationTokens: data.cacheCreationTokens,
    tokensEstimated: data.tokensEstimated,
    errorMessage: data.errorMessage,
    conversionNotes: data.conversionNotes,
    upstreamAttempts: data.upstreamAttempts,
    createdAt: normaliseTimestamp(data.startedAt),
  };
}

export function mapUsageRecordedToRecord(data: UsageRecordedData): UsageRecord {
  return {
    requestId: data.requestId,
    userId: data.userId,
    keyId: data.keyId,
    modelConfigId: data.modelConfigId,
    credentialId: data.credentialId,
    model: data.model,
    startedAt: normaliseTimestamp(data.startedAt),
    isError: data.isError,
    inputTokens: data.inputTokens,
    outputTokens: data.outputTokens,
    latencyMs: data.latencyMs,
  };
}
