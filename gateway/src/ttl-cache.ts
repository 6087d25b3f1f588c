/**
 * @module ttl-cache
 * The gateway's bounded in-memory caches whose entries expire (lru-cache), built one way. By
 * default lru-cache deletes an expired entry when a read finds it, and deleting a cache's last
 * entry clears the whole cache, which rewrites all `max` preallocated slots: 0.5 ms for 50,000, on
 * the request that found its key's grant expired (once a TTL when one key carries the traffic).
 * Left in place instead, an expired entry is still never returned; the next `set` of its key
 * overwrites it, or it is evicted as the least recently used.
 *
 * The clock is read on every check (`ttlResolution: 0`): by default lru-cache reuses one reading
 * for 1 ms and arms a timer to forget it, so a cache read once per request arms a timer per
 * request when requests come more than 1 ms apart, and each one wakes the event loop to fire.
 *
 * @example
 * const grants = createTtlCache<string, Grant>({ max: 50_000, ttlMs: 1000 });
 */
import { LRUCache } from 'lru-cache';

export interface TtlCacheOptions {
  readonly max: number;
  /** How long an entry is returned after its `set`; at least 1 ms. */
  readonly ttlMs: number;
}

/** Keys and values are anything but null and undefined (lru-cache's own bound). */
export function createTtlCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  options: TtlCacheOptions,
): LRUCache<K, V> {
  return new LRUCache<K, V>({
    max: options.max,
    ttl: Math.max(1, options.ttlMs),
    noDeleteOnStaleGet: true,
    ttlResolution: 0,
  });
}
