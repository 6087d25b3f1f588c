import { setTimeout as sleep } from 'node:timers/promises';
import { createTtlCache } from './ttl-cache';

describe('createTtlCache', () => {
  it('returns an entry within its TTL and never after it', async () => {
    const cache = createTtlCache<string, string>({ max: 10, ttlMs: 30 });
    cache.set('key', 'grant');
    expect(cache.get('key')).toBe('grant');
    await sleep(60);
    expect(cache.get('key')).toBeUndefined();
    expect(cache.get('key')).toBeUndefined();
  });

  it('leaves an expired entry in place for the next set instead of clearing the cache on a read', async () => {
    const cache = createTtlCache<string, string>({ max: 50_000, ttlMs: 30 });
    cache.set('key', 'old grant');
    await sleep(60);
    expect(cache.get('key')).toBeUndefined();
    // The read did not delete the cache's last entry (which would rewrite all 50,000 slots).
    expect(cache.size).toBe(1);
    cache.set('key', 'new grant');
    expect(cache.get('key')).toBe('new grant');
    expect(cache.size).toBe(1);
  });

  it('arms no timer when it reads or writes (one per request would wake the event loop)', () => {
    const cache = createTtlCache<string, string>({ max: 10, ttlMs: 1000 });
    const setTimeoutSpy = jest.spyOn(globalThis, 'setTimeout');
    try {
      cache.set('key', 'grant');
      expect(cache.get('key')).toBe('grant');
      expect(cache.get('other')).toBeUndefined();
      expect(setTimeoutSpy).not.toHaveBeenCalled();
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });

  it('evicts the least recently used entry beyond max', () => {
    const cache = createTtlCache<string, number>({ max: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([...cache.keys()].sort()).toEqual(['a', 'c']);
  });
});
