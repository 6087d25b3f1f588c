/**
 * @module create-proxy-deps
 * Assembles the proxy's collaborators from the process-wide resources: the key resolver over the
 * config store, the alias router, the undici upstream client, the circuit breakers, the
 * conversions, upstream addressing (base-URL rules, relay headers and decoration, key decryption)
 * and the exchange recorder.
 */
import { randomUUID } from 'node:crypto';
import {
  decorateClaudeCodeRelayRequest,
  type AnthropicMessagesRequest,
  type ConfigStore,
  type Credential,
  type EventPublisher,
  type Logger,
} from '@llmfb/shared';
import type { Config, RateLimiter, RedisConnection, SecretBox } from '@llmfb/shared/node';
import type { GatewayMetrics } from '../metrics';
import { createTtlCache } from '../ttl-cache';
import { buildUpstreamHeaders, buildUpstreamTarget, detectCredentialMode } from '../upstream';
import { createCapabilityCatalog, fetchAnthropicModelInfo } from './capability-catalog';
import { createCredentialBreakers } from './credential-breakers';
import { createModelRouter } from './model-router';
import { createProxyBodyParser } from './parse-proxy-body';
import { createExchangeRecorder, type ProxyExchange } from './proxy-exchange';
import type { ProxyHandlerDeps, UpstreamAddressing } from './proxy-handler';
import { createProxyKeyResolver } from './proxy-key-auth';
import { createSharedConversions } from './shared-conversions';
import { createStreamKeepAlive } from './stream-keep-alive';
import { createThinkingCache } from './thinking-cache';
import { createUpstreamClient } from './upstream-client';

export interface ProxyResources {
  readonly config: Config;
  readonly store: ConfigStore;
  readonly limiter: RateLimiter;
  /** The process's Redis connection when REDIS_URL is set (shared signed-thinking cache). */
  readonly redis?: RedisConnection;
  readonly secretBox: SecretBox;
  readonly publisher: EventPublisher;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}

export interface ProxyRuntime {
  readonly handlerDeps: ProxyHandlerDeps;
  readonly invalidateKeyCache: () => void;
  close(): Promise<void>;
}

const breakerStateValue = { closed: 0, half_open: 1, open: 2 } as const;

/** Upstream addressing with decrypted keys cached briefly in memory (never on disk, never logged). */
function createAddressing(config: Config, secretBox: SecretBox): UpstreamAddressing {
  const keys = createTtlCache<string, string>({ max: 10_000, ttlMs: 60_000 });
  const apiKey = (credential: Credential) => {
    const cacheKey = `${credential.id}:${credential.updatedAt.getTime()}`;
    let key = keys.get(cacheKey);
    if (key === undefined) {
      key = secretBox.decrypt(credential.apiKeyEncrypted);
      keys.set(cacheKey, key);
    }
    return key;
  };
  return {
    url: (credential, format, path) =>
      format === 'openai'
        ? buildUpstreamTarget(credential, { format, path: path === 'models' ? 'models' : 'chat' })
        : buildUpstreamTarget(credential, { format, path: path === 'chat' ? 'messages' : path }),
    headers: (credential, key, options) =>
      buildUpstreamHeaders(credential, key, {
        ...options,
        cliVersionDefault: config.LLMFB_CLAUDE_CLI_VERSION,
      }),
    decorateBody(credential, body) {
      const mode = detectCredentialMode({
        provider: credential.provider,
        apiUrl: credential.apiUrl,
        apiKey: apiKey(credential),
      });
      if (mode !== 'claude_code_relay') return body;
      return decorateClaudeCodeRelayRequest(body as unknown as AnthropicMessagesRequest, {
        injectSystemPrompt: credential.injectSystemPrompt,
      }) as unknown as Record<string, unknown>;
    },
    apiKey,
  };
}

/** Batches `last_used_at` updates: at most one store write per second. */
function createLastUsedTracker(store: ConfigStore, logger: Logger) {
  let pending = new Set<string>();
  const timer = setInterval(() => {
    if (pending.size === 0) return;
    const ids = [...pending];
    pending = new Set();
    store
      .touchKeysLastUsed(ids, new Date())
      .catch((error: unknown) => logger.warn({ err: error }, 'could not record key last use'));
  }, 1000);
  timer.unref();
  return {
    touch: (keyId: string) => pending.add(keyId),
    stop: () => clearInterval(timer),
  };
}

export function createProxyDeps(resources: ProxyResources): ProxyRuntime {
  const { config, store, limiter, secretBox, publisher, metrics, logger } = resources;
  const keys = createProxyKeyResolver({ source: store, ttlMs: config.LLMFB_KEY_CACHE_TTL_MS });
  const router = createModelRouter();
  const upstream = createUpstreamClient({
    connectTimeoutMs: config.LLMFB_UPSTREAM_CONNECT_TIMEOUT_MS,
    firstByteTimeoutMs: config.LLMFB_UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    idleTimeoutMs: config.LLMFB_UPSTREAM_IDLE_TIMEOUT_MS,
    connectionsPerOrigin: config.LLMFB_UPSTREAM_CONNECTIONS || undefined,
  });
  const breakers = createCredentialBreakers({
    volumeThreshold: config.LLMFB_BREAKER_VOLUME_THRESHOLD,
    errorThresholdPercentage: config.LLMFB_BREAKER_ERROR_PERCENT,
    resetTimeoutMs: config.LLMFB_BREAKER_RESET_MS,
  });
  breakers.onStateChange((credentialId, state) => {
    metrics.breakerState.set({ credential_id: credentialId }, breakerStateValue[state]);
    logger.warn({ credentialId, state }, 'upstream circuit breaker changed state');
  });
  const keepAlive = createStreamKeepAlive({ idleMs: config.LLMFB_STREAM_KEEPALIVE_MS });
  const lastUsed = createLastUsedTracker(store, logger);
  const record = createExchangeRecorder({ publisher, metrics, logger });
  const addressing = createAddressing(config, secretBox);
  const capabilities =
    config.LLMFB_CAPABILITY_REFRESH_MS > 0
      ? createCapabilityCatalog({
          refreshMs: config.LLMFB_CAPABILITY_REFRESH_MS,
          retryMs: Math.min(config.LLMFB_CAPABILITY_REFRESH_MS, 10 * 60_000),
          fetchModelInfo: (credential, model) =>
            fetchAnthropicModelInfo(credential, model, {
              apiKey: addressing.apiKey(credential),
              cliVersionDefault: config.LLMFB_CLAUDE_CLI_VERSION,
              timeoutMs: 5000,
            }),
          onError: (error, credential, model) =>
            logger.warn(
              { err: error, credentialId: credential.id, model },
              'capability refresh failed; the static table applies',
            ),
        })
      : undefined;

  const handlerDeps: ProxyHandlerDeps = {
    keys,
    router,
    limiter,
    forward: {
      upstream,
      breakers,
      limiter,
      router,
      maxAttempts: config.LLMFB_UPSTREAM_MAX_ATTEMPTS,
      onUpstreamFailure: (candidate, error) =>
        metrics.upstreamErrors.inc({
          provider: candidate.credential.provider,
          kind: error.code === 'upstream.rejected' ? `status_${error.status}` : error.code,
        }),
    },
    conversions: createSharedConversions({
      thinkingCache: createThinkingCache({
        redis: resources.redis && { client: resources.redis, secretBox },
        onRedisError: (error) =>
          logger.debug({ err: error }, 'thinking cache: redis unavailable, process memory only'),
      }),
    }),
    addressing,
    capabilities,
    keepAlive,
    parseBody: createProxyBodyParser(config.LLMFB_PROXY_MAX_BODY_BYTES),
    recordExchange: (exchange: ProxyExchange) => {
      if (exchange.grant) lastUsed.touch(exchange.grant.key.id);
      record(exchange);
    },
    metrics,
    logger,
    defaultMaxTokens: config.LLMFB_DEFAULT_MAX_TOKENS,
    streamUpstreamThreshold: config.LLMFB_STREAM_UPSTREAM_THRESHOLD,
    pauseTurnContinuations: config.LLMFB_PAUSE_TURN_CONTINUATIONS,
    now: Date.now,
    generateId: (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 24)}`,
  };

  return {
    handlerDeps,
    invalidateKeyCache: () => keys.invalidateAll(),
    async close() {
      lastUsed.stop();
      keepAlive.close();
      breakers.shutdown();
      await upstream.close();
    },
  };
}
