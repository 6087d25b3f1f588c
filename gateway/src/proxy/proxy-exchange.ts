/**
 * @module proxy-exchange
 * What the gateway learns about one proxied request while serving it, and what it does with it at
 * the end: one request-completed and one usage-recorded event on the bus (fire-and-forget, after
 * the answer is sent) and the Prometheus metrics. Aborted requests are recorded with status 499.
 */
import type {
  ApiFormat,
  ConversionNote,
  EventPublisher,
  Logger,
  UsageSummary,
} from '@llmfb/shared';
import { topics } from '@llmfb/shared';
import type { GatewayMetrics } from '../metrics';
import type { ProxyKeyGrant } from './proxy-key-auth';
import type { RouteCandidate } from './model-router';

// Read once: a re-exported binding is a getter, and this module runs on every request.
const { requestCompleted: requestCompletedTopic, usageRecorded: usageRecordedTopic } = topics;

export type ServerTimingPhase = 'auth' | 'limit' | 'convert_in' | 'upstream' | 'convert_out';

export interface ProxyExchange {
  readonly requestId: string;
  readonly inbound: ApiFormat;
  readonly method: string;
  readonly path: string;
  readonly startedAt: number;
  /** performance.now() at arrival. */
  readonly startedHr: number;
  grant?: ProxyKeyGrant;
  candidate?: RouteCandidate;
  upstreamFormat?: ApiFormat;
  model?: string;
  stream: boolean;
  status: number;
  ttftMs: number | null;
  usage?: UsageSummary;
  tokensEstimated: boolean;
  errorMessage: string | null;
  notes: readonly ConversionNote[];
  attempts: number;
  readonly timings: Partial<Record<ServerTimingPhase, number>>;
  /** Estimates of input/output tokens for when the upstream reports none. */
  estimateTokens?: () => { input: number; output: number };
}

export function startExchange(options: {
  requestId: string;
  inbound: ApiFormat;
  method: string;
  path: string;
  now: number;
  hr: number;
}): ProxyExchange {
  return {
    requestId: options.requestId,
    inbound: options.inbound,
    method: options.method,
    path: options.path,
    startedAt: options.now,
    startedHr: options.hr,
    stream: false,
    status: 0,
    ttftMs: null,
    tokensEstimated: false,
    errorMessage: null,
    notes: [],
    attempts: 0,
    timings: {},
  };
}

/** Adds the duration since `since` (performance.now()) to a Server-Timing phase. */
export function recordPhase(
  exchange: ProxyExchange,
  phase: ServerTimingPhase,
  since: number,
): void {
  addPhase(exchange, phase, performance.now() - since);
}

export function addPhase(
  exchange: ProxyExchange,
  phase: ServerTimingPhase,
  milliseconds: number,
): void {
  exchange.timings[phase] = (exchange.timings[phase] ?? 0) + milliseconds;
}

export function formatServerTiming(exchange: ProxyExchange): string {
  let header = '';
  for (const phase in exchange.timings) {
    const duration = exchange.timings[phase as ServerTimingPhase] as number;
    header += `${header ? ', ' : ''}${phase};dur=${duration.toFixed(2)}`;
  }
  return header;
}

export interface ExchangeRecorderDeps {
  readonly publisher: EventPublisher;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

/** Publishes the exchange's events and metrics once; never throws, never delays the answer. */
export function createExchangeRecorder({ publisher, metrics, logger }: ExchangeRecorderDeps) {
  return function recordExchange(exchange: ProxyExchange): void {
    try {
      const responseTimeMs = performance.now() - exchange.startedHr;
      let usage = exchange.usage;
      let estimated = exchange.tokensEstimated;
      if (!usage && exchange.estimateTokens && exchange.status < 400) {
        const estimate = exchange.estimateTokens();
        usage = {
          inputTokens: estimate.input,
          outputTokens: estimate.output,
          cacheReadTokens: 0,
          cacheCreationTokens: 0,
        };
        estimated = true;
      }
      const config = exchange.candidate?.config;
      const credential = exchange.candidate?.credential;
      const userId = exchange.grant?.user.id ?? null;
      const keyId = exchange.grant?.key.id ?? null;
      const startedAt = new Date(exchange.startedAt).toISOString();
      const occurredAt = new Date().toISOString();
      const inputTokens = usage?.inputTokens ?? 0;
      const outputTokens = usage?.outputTokens ?? 0;
      const partitionKey = keyId ?? 'anonymous';

      publisher.publish(requestCompletedTopic, partitionKey, {
        id: `${exchange.requestId}:request.completed`,
        type: 'request.completed',
        version: 1,
        occurredAt,
        data: {
          requestId: exchange.requestId,
          userId,
          keyId,
          modelConfigId: config?.id ?? null,
          credentialId: credential?.id ?? null,
          method: exchange.method,
          path: exchange.path,
          model: exchange.model ?? null,
          upstreamModel: config?.modelName ?? null,
          sourceFormat: exchange.inbound,
          targetFormat: exchange.upstreamFormat ?? null,
          stream: exchange.stream,
          statusCode: exchange.status,
          responseTimeMs: Math.round(responseTimeMs * 100) / 100,
          ttftMs: exchange.ttftMs === null ? null : Math.round(exchange.ttftMs * 100) / 100,
          inputTokens,
          outputTokens,
          cacheReadTokens: usage?.cacheReadTokens ?? 0,
          cacheCreationTokens: usage?.cacheCreationTokens ?? 0,
          tokensEstimated: estimated,
          errorMessage: exchange.errorMessage,
          conversionNotes: [...exchange.notes],
          upstreamAttempts: exchange.attempts,
          startedAt,
        },
      });
      // Usage rollups count model calls: a models listing or a refused key has no model to count.
      if (exchange.model !== undefined)
        publisher.publish(usageRecordedTopic, partitionKey, {
          id: `${exchange.requestId}:usage.recorded`,
          type: 'usage.recorded',
          version: 1,
          occurredAt,
          data: {
            requestId: exchange.requestId,
            userId,
            keyId,
            modelConfigId: config?.id ?? null,
            credentialId: credential?.id ?? null,
            model: exchange.model ?? null,
            startedAt,
            isError: exchange.status >= 400,
            statusCode: exchange.status,
            inputTokens,
            outputTokens,
            latencyMs: Math.round(responseTimeMs * 100) / 100,
          },
        });
      metrics.eventsPublished.inc({ topic: requestCompletedTopic });
      if (exchange.model !== undefined) metrics.eventsPublished.inc({ topic: usageRecordedTopic });

      const provider = credential?.provider ?? 'none';
      const model = exchange.model && config ? exchange.model : 'unknown';
      const labels = {
        inbound_format: exchange.inbound,
        provider,
        model,
        status: String(exchange.status),
      };
      metrics.requests.inc(labels);
      metrics.latency.observe(labels, responseTimeMs / 1000);
      if (exchange.ttftMs !== null) {
        metrics.ttft.observe(
          { inbound_format: exchange.inbound, provider, model },
          exchange.ttftMs / 1000,
        );
      }
      if (usage) {
        metrics.tokens.inc({ direction: 'input', provider, model }, inputTokens);
        metrics.tokens.inc({ direction: 'output', provider, model }, outputTokens);
      }
    } catch (error) {
      logger.error(
        { err: error, requestId: exchange.requestId },
        'recording a proxied request failed',
      );
    }
  };
}
