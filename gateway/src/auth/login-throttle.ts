/**
 * @module login-throttle
 * Throttles failed logins per account and per client IP (rate-limiter-flexible). Defaults: 5
 * failures per account or 20 per IP within 15 minutes block further attempts for the rest of that
 * window with a 429 and `retry-after`. A successful login clears the account's count.
 *
 * With a Redis connection the counts live in Redis, so every gateway process counts the same
 * failures (a guesser gains nothing by spreading attempts over instances); while Redis is
 * unreachable an in-memory insurance limiter per process takes over. Without Redis the counts are
 * per process. Accounts are keyed by a hash of the case-folded identifier, so no login name is
 * stored in Redis.
 *
 * @example
 * await throttle.check({ account, ip }); // throws 429 when blocked
 * ok ? await throttle.recordSuccess({ account, ip }) : await throttle.recordFailure({ account, ip });
 */
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GatewayError } from '@llmfb/shared';
import { createInsuredRedisLimiter, type RedisConnection } from '@llmfb/shared/node';

export interface LoginAttempt {
  /** The login identifier as typed (case-folded here). */
  readonly account: string;
  readonly ip: string;
}

export interface LoginThrottle {
  check(attempt: LoginAttempt): Promise<void>;
  recordFailure(attempt: LoginAttempt): Promise<void>;
  recordSuccess(attempt: LoginAttempt): Promise<void>;
}

export interface LoginThrottleOptions {
  readonly failuresPerAccount?: number;
  readonly failuresPerIp?: number;
  readonly windowSeconds?: number;
  /** Count in Redis, shared by every process on it (the owner closes the connection). */
  readonly redis?: RedisConnection;
}

const throttled = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GatewayError({
    code: 'auth.throttled',
    status: 429,
    message: `Too many failed logins. Try again in ${seconds} seconds.`,
    headers: { 'retry-after': String(seconds) },
  });
};

export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const duration = options.windowSeconds ?? 15 * 60;
  const { redis } = options;
  const createLimiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? createInsuredRedisLimiter(redis, { keyPrefix, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  const byAccount = createLimiter('login-account', options.failuresPerAccount ?? 5);
  const byIp = createLimiter('login-ip', options.failuresPerIp ?? 20);
  const accountKey = (attempt: LoginAttempt) =>
    createHash('sha256').update(attempt.account.trim().toLowerCase()).digest('base64url');

  async function consumeQuietly(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key, 1);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
  }

  return {
    async check(attempt) {
      const [account, ip] = await Promise.all([
        byAccount.get(accountKey(attempt)),
        byIp.get(attempt.ip),
      ]);
      const blocked = [
        account && account.consumedPoints >= byAccount.points ? account.msBeforeNext : 0,
        ip && ip.consumedPoints >= byIp.points ? ip.msBeforeNext : 0,
      ];
      const wait = Math.max(...blocked);
      if (wait > 0) throw throttled(wait);
    },
    async recordFailure(attempt) {
      await Promise.all([
        consumeQuietly(byAccount, accountKey(attempt)),
        consumeQuietly(byIp, attempt.ip),
      ]);
    },
    async recordSuccess(attempt) {
      await byAccount.delete(accountKey(attempt));
    },
  };
}
