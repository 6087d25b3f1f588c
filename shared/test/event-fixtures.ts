/** Valid sample events for bus, worker and end-to-end tests. */
import type { EventEnvelope } from '../src/events/event-envelope';
import type { RequestCompletedData } from '../src/events/request-completed.v1';
import type { UsageRecordedData } from '../src/events/usage-recorded.v1';

const baseTime = Date.parse('2026-03-01T10:00:00.000Z');

export interface SampleOptions {
  /** Prefix of request ids, so runs do not collide. */
  readonly run?: string;
  readonly startedAtMs?: number;
  /** Time between consecutive requests (default 250 ms). */
  readonly spacingMs?: number;
}

export function makeRequestCompletedData(
  index: number,
  options: SampleOptions = {},
): RequestCompletedData {
  const run = options.run ?? 'run';
  // Six keys; each key belongs to one user and may call one model config (as in real traffic).
  const key = index % 6;
  return {
    requestId: `${run}-request-${index}`,
    userId: `user-${key % 3}`,
    keyId: `key-${key}`,
    modelConfigId: `mc-${key % 4}`,
    credentialId: `cred-${key % 2}`,
    method: 'POST',
    path: index % 2 ? '/v1/messages' : '/v1/chat/completions',
    model: `alias-${key % 4}`,
    upstreamModel: `upstream-${key % 4}`,
    sourceFormat: index % 2 ? 'anthropic' : 'openai',
    targetFormat: index % 3 ? 'anthropic' : 'openai',
    stream: index % 2 === 0,
    statusCode: index % 10 === 0 ? 502 : 200,
    responseTimeMs: 20 + ((index * 37) % 2500),
    ttftMs: 5 + (index % 300),
    inputTokens: 10 + (index % 100),
    outputTokens: 1 + (index % 50),
    cacheReadTokens: index % 7,
    cacheCreationTokens: 0,
    tokensEstimated: index % 11 === 0,
    errorMessage: index % 10 === 0 ? 'upstream failed' : null,
    conversionNotes: [],
    upstreamAttempts: 1,
    startedAt: new Date(
      (options.startedAtMs ?? baseTime) + index * (options.spacingMs ?? 250),
    ).toISOString(),
  };
}

export function makeRequestCompletedEnvelope(
  index: number,
  options: SampleOptions = {},
): EventEnvelope<'request.completed', RequestCompletedData> {
  const data = makeRequestCompletedData(index, options);
  return {
    id: `${data.requestId}:completed`,
    type: 'request.completed',
    version: 1,
    occurredAt: data.startedAt,
    data,
  };
}

export function makeUsageRecordedEnvelope(
  index: number,
  options: SampleOptions = {},
): EventEnvelope<'usage.recorded', UsageRecordedData> {
  const completed = makeRequestCompletedData(index, options);
  return {
    id: `${completed.requestId}:usage`,
    type: 'usage.recorded',
    version: 1,
    occurredAt: completed.startedAt,
    data: {
      requestId: completed.requestId,
      userId: completed.userId,
      keyId: completed.keyId,
      modelConfigId: completed.modelConfigId,
      credentialId: completed.credentialId,
      model: completed.model,
      startedAt: completed.startedAt,
      isError: completed.statusCode >= 400,
      statusCode: completed.statusCode,
      inputTokens: completed.inputTokens,
      outputTokens: completed.outputTokens,
      latencyMs: completed.responseTimeMs,
    },
  };
}
