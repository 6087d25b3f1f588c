import { createMemoryRateLimiter } from './rate-limiter';

describe('memory rate limiter', () => {
  it('refuses exactly one of a burst of limit + 1', async () => {
    const limiter = createMemoryRateLimiter();
    const decisions = await Promise.all(
      Array.from({ length: 11 }, () => limiter.consume('model:a', 10)),
    );
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(1);
    const refused = decisions.find((decision) => !decision.allowed);
    expect(refused?.resetMs).toBeGreaterThan(0);
    expect(refused?.resetMs).toBeLessThanOrEqual(60_000);
  });

  it('counts buckets and limits separately and reports what remains', async () => {
    const limiter = createMemoryRateLimiter();
    expect((await limiter.consume('key:a', 3)).remaining).toBe(2);
    expect((await limiter.consume('key:b', 3)).remaining).toBe(2);
    expect((await limiter.consume('key:a', 5)).remaining).toBe(4);
    expect((await limiter.consume('key:a', 3)).remaining).toBe(1);
  });
});
