import { createClient } from 'redis';
import { GatewayError } from '@llmfb/shared';
import { createLoginThrottle, type LoginThrottle } from './login-throttle';

const attempt = { account: 'Ada@Example.com', ip: '203.0.113.7' };

async function statusOf(throttle: LoginThrottle, which = attempt): Promise<number> {
  try {
    await throttle.check(which);
    return 200;
  } catch (error) {
    if (error instanceof GatewayError) return error.status;
    throw error;
  }
}

describe('login throttle', () => {
  it('blocks an account after its failures (case-folded), for the window, with retry-after', async () => {
    const throttle = createLoginThrottle({ failuresPerAccount: 3, windowSeconds: 60 });
    for (let failure = 0; failure < 3; failure += 1) {
      expect(await statusOf(throttle)).toBe(200);
      await throttle.recordFailure({ ...attempt, account: ` ada@example.COM ` });
    }
    const blocked = await throttle.check(attempt).catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(GatewayError);
    expect((blocked as GatewayError).status).toBe(429);
    const retryAfter = Number((blocked as GatewayError).headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account from another address is not affected.
    expect(await statusOf(throttle, { account: 'grace', ip: '198.51.100.1' })).toBe(200);
  });

  it('a success clears the account count', async () => {
    const throttle = createLoginThrottle({ failuresPerAccount: 2 });
    await throttle.recordFailure(attempt);
    await throttle.recordSuccess(attempt);
    await throttle.recordFailure(attempt);
    expect(await statusOf(throttle)).toBe(200);
  });

  it('with Redis unreachable, counts in process memory instead of failing the login', async () => {
    // Never connected: every command is refused at once and the insurance limiter answers.
    const redis = createClient({ url: 'redis://127.0.0.1:1' });
    const throttle = createLoginThrottle({ failuresPerAccount: 2, failuresPerIp: 50, redis });
    expect(await statusOf(throttle)).toBe(200);
    await throttle.recordFailure(attempt);
    await throttle.recordFailure(attempt);
    expect(await statusOf(throttle)).toBe(429);
    await throttle.recordSuccess(attempt);
    expect(await statusOf(throttle)).toBe(200);
  });
});
