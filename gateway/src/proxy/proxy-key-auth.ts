/**
 * @module proxy-key-auth
 * Proxy-key authentication: the key comes from `Authorization: Bearer` or `x-api-key`, is hashed
 * (SHA-256) and looked up through a short-TTL in-memory cache that config-change events clear, so
 * a revoked, disabled or expired key — or a deactivated user — is refused everywhere within ~1 s.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError, type ConfigStore, type ProxyKeyGrant } from '@llmfb/shared';
import { hashProxyKey } from '@llmfb/shared/node';
import { createTtlCache } from '../ttl-cache';

export type { ProxyKeyGrant };
export type ProxyKeySource = Pick<ConfigStore, 'resolveProxyKey'>;

export interface ProxyKeyResolver {
  /** The grant for a presented key, or a 401 GatewayError. */
  authenticate(headers: IncomingHttpHeaders): Promise<ProxyKeyGrant>;
  /** Drops every cached grant (config-change event). */
  invalidateAll(): void;
}

export interface ProxyKeyResolverOptions {
  readonly source: ProxyKeySource;
  /** How long a lookup (found or not) is reused. */
  readonly ttlMs: number;
  readonly now?: () => number;
  readonly maxEntries?: number;
}

const notFound = Symbol('not-found');

/** The presented key: `x-api-key`, else the Bearer token. */
export function extractProxyKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function unauthorized(message: string): GatewayError {
  return new GatewayError({ code: 'auth.invalid_key', status: 401, message });
}

export function createProxyKeyResolver(options: ProxyKeyResolverOptions): ProxyKeyResolver {
  const now = options.now ?? Date.now;
  const cache = createTtlCache<string, ProxyKeyGrant | typeof notFound>({
    max: options.maxEntries ?? 50_000,
    ttlMs: options.ttlMs,
  });
  const inFlight = new Map<string, Promise<ProxyKeyGrant | undefined>>();

  /** Cached by the presented key itself, so a hit costs no hashing; the store sees only the hash. */
  async function lookup(presented: string): Promise<ProxyKeyGrant | undefined> {
    const cached = cache.get(presented);
    if (cached !== undefined) return cached === notFound ? undefined : cached;
    let pending = inFlight.get(presented);
    if (!pending) {
      // One store query per key at a time, however many requests arrive together.
      pending = options.source
        .resolveProxyKey(hashProxyKey(presented))
        .finally(() => inFlight.delete(presented));
      inFlight.set(presented, pending);
      const grant = await pending;
      if (options.ttlMs > 0) cache.set(presented, grant ?? notFound);
      return grant;
    }
    return pending;
  }

  return {
    async authenticate(headers) {
      const presented = extractProxyKey(headers);
      if (!presented)
        throw unauthorized(
          'No API key was given: send `Authorization: Bearer llmb_…` or `x-api-key: llmb_…`.',
        );
      if (!presented.startsWith('llmb_')) throw unauthorized('Invalid API key.');
      const grant = await lookup(presented);
      if (!grant) throw unauthorized('Invalid API key.');
      if (!grant.key.isActive) throw unauthorized('This API key has been disabled.');
      if (!grant.user.isActive) throw unauthorized('The owner of this API key is deactivated.');
      if (grant.key.expiresAt && grant.key.expiresAt.getTime() <= now())
        throw unauthorized('This API key has expired.');
      return grant;
    },
    invalidateAll() {
      cache.clear();
    },
  };
}
