/**
 * @module redis/connect-redis
 * The process's one Redis connection (`REDIS_URL`), shared by the rate limiter and the proxy's
 * signed-thinking cache. Commands fail at once while Redis is unreachable (no offline queue), so
 * no request ever waits on a dead Redis: each user has its in-process fallback. The client
 * reconnects in the background; a connection that cannot be made at start is not fatal either.
 */
import type { Logger } from '../../logger';

function createRedisClient(url: string) {
  // Loaded only when Redis is configured: the embedded defaults never pay for the client.
  const redis = require('redis') as typeof import('redis');
  return redis.createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
    },
  });
}

export type RedisConnection = ReturnType<typeof createRedisClient>;

export interface RedisConnectionOptions {
  readonly url: string;
  readonly logger: Logger;
}

export async function connectRedis({
  url,
  logger,
}: RedisConnectionOptions): Promise<RedisConnection> {
  const client = createRedisClient(url);
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastError)
      logger.warn(
        { err: error.message },
        'redis unavailable; rate limits, login throttling and the thinking cache use process memory',
      );
    lastError = error.message;
  });
  client.on('ready', () => {
    if (lastError) logger.info({}, 'redis reconnected');
    lastError = '';
  });
  await client.connect().catch((error: Error) => {
    logger.warn(
      { err: error.message },
      'redis not reachable at start; process memory in use until it is',
    );
  });
  return client;
}

/** Readiness: resolves when Redis answers. */
export async function checkRedis(client: RedisConnection): Promise<void> {
  if (!client.isReady) throw new Error('redis is not connected');
  await client.ping();
}

export async function closeRedis(client: RedisConnection): Promise<void> {
  if (client.isOpen) await client.quit().catch(() => client.destroy());
}
