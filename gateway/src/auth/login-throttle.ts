/**
 * @module login-throttle
 * Throttles failed logins per account and per client IP (in memory, per process; rate-limiter-
 * flexible). Defaults: 5 failures per account or 20 per IP within 15 minutes block further
 * attempts for the rest of that window with a 429 and `retry-after`. A successful login clears
 * the account's count.
 *
 * @example
 * await throttle.check({ account, ip }); // throws 429 when blocked
 * ok ? await throttle.recordSuccess({ account, ip }) : await throttle.recordFailure({ account, ip });
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GatewayError } from '@llmfb/shared';

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
  const windowSeconds = options.windowSeconds ?? 15 * 60;
  const byAccount = new RateLimiterMemory({
    keyPrefix: 'login-account',
    points: options.failuresPerAccount ?? 5,
    duration: windowSeconds,
  });
  const byIp = new RateLimiterMemory({
    keyPrefix: 'login-ip',
    points: options.failuresPerIp ?? 20,
    duration: windowSeconds,
  });
  const accountKey = (attempt: LoginAttempt) => attempt.account.trim().toLowerCase();

  async function consumeQuietly(limiter: RateLimiterMemory, key: string): Promise<void> {
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
