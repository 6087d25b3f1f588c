/**
 * @module rate-limiter
 * The rate-limiter port: requests per minute per bucket (`key:<id>`, `model:<id>`), in Redis when
 * configured — shared by every gateway process — with an in-memory insurance limiter that takes
 * over while Redis is unreachable; in memory otherwise. Built on rate-limiter-flexible.
 *
 * Windows are fixed and start at a bucket's first request (rate-limiter-flexible's semantics), so
 * a burst of `limit + 1` requests within one second gets exactly one refusal (API.md).
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { checkRedis, type RedisConnection } from '../redis/connect-redis';

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the current window ends (when the bucket is full again). */
  readonly resetMs: number;
}

export interface RateLimiter {
  /** Counts one request against `bucket`, allowed `limitPerMinute` per window. */
  consume(bucket: string, limitPerMinute: number): Promise<RateLimitDecision>;
  /** Resolves when the backing store answers (readiness); memory is always ready. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

const windowSeconds = 60;

function toDecision(result: RateLimiterRes, limit: number, allowed: boolean): RateLimitDecision {
  return {
    allowed,
    limit,
    remaining: Math.max(0, result.remainingPoints),
    resetMs: Math.max(0, result.msBeforeNext),
  };
}

function createLimiterFamily(create: (points: number) => RateLimiterAbstract) {
  const byLimit = new Map<number, RateLimiterAbstract>();
  return async function consume(bucket: string, limit: number): Promise<RateLimitDecision> {
    let limiter = byLimit.get(limit);
    if (!limiter) {
      limiter = create(limit);
      byLimit.set(limit, limiter);
    }
    try {
      return toDecision(await limiter.consume(bucket, 1), limit, true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return toDecision(rejection, limit, false);
      throw rejection;
    }
  };
}

export function createMemoryRateLimiter(): RateLimiter {
  const consume = createLimiterFamily(
    (points) =>
      new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix: `rpm${points}` }),
  );
  return { consume, checkReady: async () => {}, close: async () => {} };
}

/**
 * One rate-limiter-flexible limiter counting in Redis (keys `llmfb:<keyPrefix>:…`) on the
 * process's connection (`connectRedis`, which its owner closes). While Redis is down its commands
 * fail at once and an in-memory insurance limiter counts instead, so a caller never waits on a
 * dead Redis. The proxy's limits and the login throttle use it.
 */
export function createInsuredRedisLimiter(
  client: RedisConnection,
  options: { readonly keyPrefix: string; readonly points: number; readonly duration: number },
): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    ...options,
    keyPrefix: `llmfb:${options.keyPrefix}`,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/** The proxy's limits in Redis, shared by every gateway process (`createInsuredRedisLimiter`). */
export function createRedisRateLimiter(client: RedisConnection): RateLimiter {
  const consume = createLimiterFamily((points) =>
    createInsuredRedisLimiter(client, {
      keyPrefix: `rpm${points}`,
      points,
      duration: windowSeconds,
    }),
  );
  return {
    consume,
    checkReady: () => checkRedis(client),
    // The connection is its owner's to close.
    close: async () => {},
  };
}
