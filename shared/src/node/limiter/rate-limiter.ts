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
import type { Logger } from '../../logger';

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

export interface RedisRateLimiterOptions {
  readonly url: string;
  readonly logger: Logger;
}

/**
 * A Redis-backed limiter. Commands fail fast while Redis is down (no offline queue) and the
 * in-memory insurance limiter answers instead, so the proxy never waits on a dead Redis.
 */
export async function createRedisRateLimiter({
  url,
  logger,
}: RedisRateLimiterOptions): Promise<RateLimiter> {
  const { createClient } = require('redis') as typeof import('redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
    },
  });
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastError)
      logger.warn(
        { err: error.message },
        'redis rate limiter unavailable; memory insurance in use',
      );
    lastError = error.message;
  });
  client.on('ready', () => {
    if (lastError) logger.info({}, 'redis rate limiter reconnected');
    lastError = '';
  });
  await client.connect().catch((error: Error) => {
    logger.warn(
      { err: error.message },
      'redis not reachable at start; memory insurance in use until it is',
    );
  });
  const consume = createLimiterFamily(
    (points) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        points,
        duration: windowSeconds,
        keyPrefix: `llmfb:rpm${points}`,
        insuranceLimiter: new RateLimiterMemory({
          points,
          duration: windowSeconds,
          keyPrefix: `rpm${points}`,
        }),
      }),
  );
  return {
    consume,
    async checkReady() {
      if (!client.isReady) throw new Error('redis is not connected');
      await client.ping();
    },
    async close() {
      if (client.isOpen) await client.quit().catch(() => client.destroy());
    },
  };
}
