/**
 * @module credential-breakers
 * One circuit breaker per upstream credential (opossum): after repeated failures (429, 5xx,
 * timeouts, connection errors) it opens and the router skips that credential at once; after
 * `resetTimeoutMs` it half-opens and lets one request probe the upstream. Client errors (4xx other
 * than 429) are the caller's fault and do not count.
 */
import CircuitBreaker from 'opossum';
import { GatewayError } from '@llmfb/shared';

export interface BreakerOptions {
  /** Minimum calls in the rolling window before the breaker may open. */
  readonly volumeThreshold: number;
  /** Failure percentage in the rolling window that opens the breaker. */
  readonly errorThresholdPercentage: number;
  /** How long the breaker stays open before half-opening. */
  readonly resetTimeoutMs: number;
  /** Length of the rolling statistics window. */
  readonly rollingWindowMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CredentialBreakers {
  /** Runs `action` through the credential's breaker; an open breaker rejects at once (retryable 503). */
  run<T>(credentialId: string, action: () => Promise<T>): Promise<T>;
  state(credentialId: string): BreakerState;
  /** Every breaker's state, for metrics. */
  states(): Array<{ credentialId: string; state: BreakerState }>;
  onStateChange(listener: (credentialId: string, state: BreakerState) => void): void;
  shutdown(): void;
}

type Thunk = () => Promise<unknown>;

/** Whether an error says nothing about the upstream's health (the caller's own mistake or abort). */
function isNeutralError(error: unknown): boolean {
  if (!(error instanceof GatewayError)) return false;
  if (error.status === 499) return true;
  return !error.retryable && error.status < 500 && error.status !== 429;
}

export function createCredentialBreakers(options: BreakerOptions): CredentialBreakers {
  const breakers = new Map<string, CircuitBreaker<[Thunk], unknown>>();
  const listeners: Array<(credentialId: string, state: BreakerState) => void> = [];

  function breakerFor(credentialId: string): CircuitBreaker<[Thunk], unknown> {
    let breaker = breakers.get(credentialId);
    if (breaker) return breaker;
    breaker = new CircuitBreaker<[Thunk], unknown>((thunk: Thunk) => thunk(), {
      timeout: false,
      volumeThreshold: options.volumeThreshold,
      errorThresholdPercentage: options.errorThresholdPercentage,
      resetTimeout: options.resetTimeoutMs,
      rollingCountTimeout: options.rollingWindowMs ?? 10_000,
      rollingCountBuckets: 10,
      errorFilter: isNeutralError,
      // Only counts are used: no latency list per call (opossum sorts the window's latencies on
      // every failure and every snapshot when it keeps one), no per-second snapshot events.
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    const notify = (state: BreakerState) => () =>
      listeners.forEach((listener) => listener(credentialId, state));
    breaker.on('open', notify('open'));
    breaker.on('halfOpen', notify('half_open'));
    breaker.on('close', notify('closed'));
    breakers.set(credentialId, breaker);
    return breaker;
  }

  function stateOf(breaker: CircuitBreaker<[Thunk], unknown> | undefined): BreakerState {
    if (!breaker) return 'closed';
    if (breaker.halfOpen) return 'half_open';
    return breaker.opened ? 'open' : 'closed';
  }

  return {
    async run<T>(credentialId: string, action: () => Promise<T>): Promise<T> {
      try {
        return (await breakerFor(credentialId).fire(action)) as T;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          throw new GatewayError({
            code: 'upstream.unreachable',
            status: 503,
            retryable: true,
            message: 'The upstream credential is failing repeatedly; its circuit breaker is open.',
            cause: error,
          });
        }
        throw error;
      }
    },
    state: (credentialId) => stateOf(breakers.get(credentialId)),
    states: () =>
      [...breakers.entries()].map(([credentialId, breaker]) => ({
        credentialId,
        state: stateOf(breaker),
      })),
    onStateChange(listener) {
      listeners.push(listener);
    },
    shutdown() {
      for (const breaker of breakers.values()) breaker.shutdown();
      breakers.clear();
    },
  };
}
