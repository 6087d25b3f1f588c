/**
 * @module compose-gateway
 * Builds every dependency of one gateway process from the configuration — stores, event bus,
 * rate limiter, secrets, admin API, proxy — and the Express app on top. Embedded defaults when a
 * service URL is unset: SQLite files in LLMFB_DATA_DIR, the in-process bus (with the workers
 * running in this process), the in-memory limiter. `main.ts` listens; tests call this directly.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { topics, type ConfigStore, type EventPublisher, type Logger } from '@llmfb/shared';
import {
  checkRedis,
  closeRedis,
  connectMongo,
  connectRedis,
  createAnalyticsStore,
  createEventBus,
  createMemoryRateLimiter,
  createMongoConfigStore,
  createRedisRateLimiter,
  createSecretBox,
  createSqliteConfigStore,
  loadMasterKeyring,
  pingMongo,
  type Config,
} from '@llmfb/shared/node';
import { startEmbeddedWorkers } from '@llmfb/workers';
import { createAdminApi, createAdminSettings } from './admin';
import { createLogsRouter, createModelUsageSummary, createUsageRouter } from './analytics';
import { createApp, createRequestListener } from './app';
import { createAccessTokens } from './auth/access-tokens';
import { findAnalyticsThreadEntry, startAnalyticsThread } from './embedded/start-analytics-thread';
import { loadJwtKeyPair } from './auth/jwt-keys';
import { createLoginThrottle } from './auth/login-throttle';
import { findConsoleDirectory } from './http/routes/console.route';
import type { ReadinessCheck } from './http/routes/health.route';
import { createGatewayMetrics } from './metrics';
import { createProxyDeps } from './proxy/create-proxy-deps';
import { createProxyDispatch } from './proxy/proxy.route';

export interface Gateway {
  /** What the HTTP server runs: the proxy API on plain node:http, the rest through `app`. */
  readonly handler: RequestListener;
  /** The Express app: admin API, analytics, console, health, metrics (no proxy routes). */
  readonly app: Express;
  readonly config: Config;
  /** Drops the proxy's key cache (what a config-change event does). */
  readonly invalidateKeyCache: () => void;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Where the built console lives (default: admin-ui/dist/admin-ui/browser beside the gateway). */
  readonly consoleDirectory?: string | null;
}

async function openConfigStore(
  config: Config,
  connection: Connection | undefined,
): Promise<ConfigStore> {
  if (connection) return createMongoConfigStore({ connection, ownsConnection: false });
  return createSqliteConfigStore({ filePath: path.join(config.LLMFB_DATA_DIR, 'llmfb.db') });
}

export async function composeGateway(
  config: Config,
  logger: Logger,
  options: ComposeOptions = {},
): Promise<Gateway> {
  mkdirSync(config.LLMFB_DATA_DIR, { recursive: true, mode: 0o700 });
  const closers: Array<() => Promise<void>> = [];
  const readinessChecks: ReadinessCheck[] = [];

  const mongo = config.MONGODB_URI ? await connectMongo(config.MONGODB_URI) : undefined;
  if (mongo) {
    readinessChecks.push({ name: 'mongodb', check: () => pingMongo(mongo) });
  }
  const store = await openConfigStore(config, mongo);
  closers.push(() => store.close());
  if (!mongo) readinessChecks.push({ name: 'store', check: () => store.checkReady() });
  const analytics = await createAnalyticsStore(config, { mongoConnection: mongo });
  closers.push(() => analytics.close());

  const bus = createEventBus(config, logger.child({ component: 'bus' }));
  await bus.connect();
  closers.push(() => bus.close());
  readinessChecks.push({
    name: config.KAFKA_BROKERS ? 'kafka' : 'event_bus',
    check: () => bus.checkReady(),
  });

  const redis = config.REDIS_URL
    ? await connectRedis({ url: config.REDIS_URL, logger: logger.child({ component: 'redis' }) })
    : undefined;
  if (redis) {
    closers.push(() => closeRedis(redis));
    readinessChecks.push({ name: 'redis', check: () => checkRedis(redis) });
  }
  const limiter = redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter();
  closers.push(() => limiter.close());

  const secretBox = createSecretBox(
    loadMasterKeyring({
      encryptionKey: config.LLMFB_ENCRYPTION_KEY,
      dataDir: config.LLMFB_DATA_DIR,
    }),
  );
  const accessTokens = createAccessTokens({
    keys: loadJwtKeyPair({
      privateKey: config.LLMFB_JWT_PRIVATE_KEY,
      publicKey: config.LLMFB_JWT_PUBLIC_KEY,
      dataDir: config.LLMFB_DATA_DIR,
    }),
    ttlSeconds: config.LLMFB_ACCESS_TOKEN_TTL_SECONDS,
  });

  // Embedded mode: the log writer and usage roller run in this process — in a worker thread, so
  // their SQLite writes never block the proxy, or inline (LLMFB_EMBEDDED_WORKERS=inline, or when
  // the compiled thread entry is missing because the gateway runs from source without a build).
  const runWorkers =
    config.LLMFB_RUN_WORKERS === 'true' ||
    (config.LLMFB_RUN_WORKERS === 'auto' && !config.KAFKA_BROKERS);
  let analyticsPublisher: EventPublisher = bus;
  if (runWorkers) {
    const threadEntry =
      !config.KAFKA_BROKERS && config.LLMFB_EMBEDDED_WORKERS === 'thread'
        ? findAnalyticsThreadEntry()
        : undefined;
    if (threadEntry) {
      const thread = await startAnalyticsThread({
        entry: threadEntry,
        config,
        fallback: bus,
        logger,
      });
      analyticsPublisher = thread.publisher;
      closers.push(() => thread.close());
    } else {
      const workers = await startEmbeddedWorkers({
        bus,
        analyticsStore: analytics,
        logger: logger.child({ component: 'workers' }),
        retentionDays: config.LLMFB_LOG_RETENTION_DAYS,
      });
      closers.push(() => workers.close());
    }
  }

  const metrics = createGatewayMetrics();
  const admin = createAdminApi({
    store,
    secretBox,
    accessTokens,
    events: bus,
    logger: logger.child({ component: 'admin' }),
    settings: createAdminSettings(config),
    loginThrottle: createLoginThrottle(redis ? { redis } : {}),
    usageSummary: createModelUsageSummary({ analyticsStore: analytics }),
  });

  const proxy = createProxyDeps({
    config,
    store,
    limiter,
    ...(redis ? { redis } : {}),
    secretBox,
    publisher: analyticsPublisher,
    metrics,
    logger: logger.child({ component: 'proxy' }),
  });
  closers.push(() => proxy.close());

  // Every instance gets every config change (a group of its own) and drops its key cache.
  const configSubscription = await bus.subscribe({
    topic: topics.configChanged,
    groupId: `gateway-config-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    fromBeginning: false,
    handleBatch: async () => proxy.invalidateKeyCache(),
  });
  closers.push(() => configSubscription.close());

  const consoleDirectory =
    options.consoleDirectory === null
      ? undefined
      : (options.consoleDirectory ??
        findConsoleDirectory([
          path.resolve(__dirname, '..', '..', 'admin-ui', 'dist', 'admin-ui', 'browser'),
        ]));

  const app = createApp({
    logger,
    readinessChecks,
    consoleDirectory,
    adminRouter: admin.router,
    authenticateAdmin: admin.authenticate,
    authenticatedRouters: [
      { path: '/logs', router: createLogsRouter({ analyticsStore: analytics }) },
      { path: '/usage', router: createUsageRouter({ analyticsStore: analytics }) },
    ],
    metricsRegistry: metrics.registry,
  });

  return {
    handler: createRequestListener(app, createProxyDispatch(proxy.handlerDeps)),
    app,
    config,
    invalidateKeyCache: proxy.invalidateKeyCache,
    async close() {
      for (const close of closers.reverse()) {
        await close().catch((error: unknown) => logger.warn({ err: error }, 'error while closing'));
      }
      if (mongo) await mongo.close().catch(() => undefined);
    },
  };
}
