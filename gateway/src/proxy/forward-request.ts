/**
 * @module forward-request
 * Sends a request to the first healthy candidate and fails over before the first byte: an
 * upstream 429/5xx, a timeout or a connection error moves the request to the next credential
 * serving the alias, with a short bounded backoff, through each credential's circuit breaker.
 * Per-model-config rate limits are checked as each candidate is tried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayError, type ApiFormat } from '@llmfb/shared';
import type { RateLimiter, RateLimitDecision } from '@llmfb/shared/node';
import type { CredentialBreakers } from './credential-breakers';
import type { RouteCandidate, ModelRouter } from './model-router';
import type { UpstreamClient, UpstreamResponse } from './upstream-client';

/** A fully built upstream call for one candidate. */
export interface PreparedCall {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly upstreamFormat: ApiFormat;
}

/** An upstream answer with an error status worth failing over for (429, 5xx). */
export class UpstreamStatusError extends GatewayError {
  readonly upstreamStatus: number;
  readonly upstreamHeaders: Record<string, string>;
  readonly upstreamBody: string;
  readonly upstreamFormat: ApiFormat;

  constructor(options: {
    status: number;
    headers: Record<string, string>;
    body: string;
    format: ApiFormat;
  }) {
    super({
      code: 'upstream.rejected',
      status: options.status,
      retryable: true,
      message: `The upstream answered ${options.status}.`,
    });
    this.upstreamStatus = options.status;
    this.upstreamHeaders = options.headers;
    this.upstreamBody = options.body;
    this.upstreamFormat = options.format;
  }
}

/** Every candidate's model-config rate limit is used up; `decision` is the soonest to reset. */
export class ModelRateLimitError extends GatewayError {
  readonly decision: RateLimitDecision;

  constructor(decision: RateLimitDecision) {
    const retryAfter = Math.max(1, Math.ceil(decision.resetMs / 1000));
    super({
      code: 'rate_limit.exceeded',
      status: 429,
      retryable: true,
      message: `Rate limit of ${decision.limit} requests per minute reached for this model; retry in ${retryAfter} s.`,
      headers: { 'retry-after': String(retryAfter) },
      details: { scope: 'model', limit: decision.limit, reset_ms: decision.resetMs },
    });
    this.decision = decision;
  }
}

export interface ForwardDeps {
  readonly upstream: UpstreamClient;
  readonly breakers: CredentialBreakers;
  readonly limiter: RateLimiter;
  readonly router: ModelRouter;
  readonly maxAttempts: number;
  /** Counts failures for metrics. */
  readonly onUpstreamFailure?: (candidate: RouteCandidate, error: GatewayError) => void;
}

export interface ForwardOptions<P extends PreparedCall> {
  readonly candidates: readonly RouteCandidate[];
  readonly prepare: (candidate: RouteCandidate) => P;
  readonly signal: AbortSignal;
  /** Called when a candidate is chosen for an attempt (telemetry). */
  readonly onAttempt?: (candidate: RouteCandidate, prepared: P) => void;
  /** Called with the time spent checking model rate limits (Server-Timing). */
  readonly onLimitChecked?: (milliseconds: number) => void;
  /** Called with the time from sending to the upstream's response headers (Server-Timing). */
  readonly onUpstreamWaited?: (milliseconds: number) => void;
}

export interface ForwardResult<P extends PreparedCall> {
  readonly candidate: RouteCandidate;
  readonly prepared: P;
  readonly response: UpstreamResponse;
  /** Ends the candidate's in-flight count; call when the answer is fully relayed. */
  readonly release: () => void;
  readonly limit: RateLimitDecision;
}

const isRetryableStatus = (status: number) => status === 429 || status >= 500;

function backoffMs(attempt: number): number {
  return Math.min(25 * 2 ** attempt, 250);
}

export async function forwardRequest<P extends PreparedCall>(
  deps: ForwardDeps,
  options: ForwardOptions<P>,
): Promise<ForwardResult<P>> {
  let lastError: GatewayError | undefined;
  let refusal: RateLimitDecision | undefined;
  let attempts = 0;

  for (const candidate of options.candidates) {
    if (attempts >= deps.maxAttempts) break;
    if (options.signal.aborted) break;
    const limitStarted = performance.now();
    const limit = await deps.limiter.consume(
      `model:${candidate.config.id}`,
      candidate.config.rateLimit,
    );
    options.onLimitChecked?.(performance.now() - limitStarted);
    if (!limit.allowed) {
      if (!refusal || limit.resetMs < refusal.resetMs) refusal = limit;
      continue;
    }
    if (attempts > 0)
      await sleep(backoffMs(attempts), undefined, { signal: options.signal }).catch(
        () => undefined,
      );
    attempts += 1;
    const prepared = options.prepare(candidate);
    options.onAttempt?.(candidate, prepared);
    const release = deps.router.begin(candidate.config.id);
    try {
      const sent = performance.now();
      const response = await deps.breakers.run(candidate.credential.id, async () => {
        const answer = await deps.upstream.send({
          url: prepared.url,
          headers: prepared.headers,
          body: prepared.body,
          signal: options.signal,
        });
        if (isRetryableStatus(answer.status)) {
          const body = await answer.body.text().catch(() => '');
          throw new UpstreamStatusError({
            status: answer.status,
            headers: answer.headers,
            body,
            format: prepared.upstreamFormat,
          });
        }
        return answer;
      });
      options.onUpstreamWaited?.(performance.now() - sent);
      return { candidate, prepared, response, release, limit };
    } catch (error) {
      release();
      const gatewayError =
        error instanceof GatewayError
          ? error
          : new GatewayError({
              code: 'internal',
              status: 500,
              message: 'Upstream call failed.',
              cause: error,
            });
      deps.onUpstreamFailure?.(candidate, gatewayError);
      lastError = gatewayError;
      if (!gatewayError.retryable || options.signal.aborted) throw gatewayError;
    }
  }

  if (lastError) throw lastError;
  if (refusal) throw new ModelRateLimitError(refusal);
  throw new GatewayError({
    code: 'upstream.unreachable',
    status: 502,
    message: 'No upstream could take the request.',
  });
}
