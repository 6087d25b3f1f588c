/**
 * @module principal-loader
 * Loads who an access token belongs to, and whether they may act: the user must still exist and
 * be active. Answers are cached at most `ttlMs` (default 1 s), so a deactivation takes effect on
 * every instance within that time, and at once on this one (`forget`).
 */
import type { ConfigStore } from '@llmfb/shared';
import type { Principal } from '../http/locals';
import { createTtlCache } from '../ttl-cache';

export interface PrincipalLoader {
  /** The principal of an active user, or undefined for a missing or inactive one. */
  load(userId: string): Promise<Principal | undefined>;
  forget(userId: string): void;
}

export interface PrincipalLoaderOptions {
  readonly store: ConfigStore;
  readonly ttlMs?: number;
}

type CachedPrincipal = { readonly principal: Principal | undefined };

export function createPrincipalLoader(options: PrincipalLoaderOptions): PrincipalLoader {
  const ttl = Math.min(options.ttlMs ?? 1000, 1000);
  const cache = createTtlCache<string, CachedPrincipal>({ max: 10_000, ttlMs: ttl });
  return {
    async load(userId) {
      const cached = ttl > 0 ? cache.get(userId) : undefined;
      if (cached) return cached.principal;
      const user = await options.store.users.findById(userId);
      const principal = user?.isActive
        ? { userId: user.id, isSuperuser: user.isSuperuser }
        : undefined;
      if (ttl > 0) cache.set(userId, { principal });
      return principal;
    },
    forget(userId) {
      cache.delete(userId);
    },
  };
}
