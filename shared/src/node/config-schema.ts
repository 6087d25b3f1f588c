/**
 * @module config-schema
 * The one typed description of every environment variable the services read. `loadConfig`
 * parses `process.env` against it once at start-up; nothing else touches `process.env`.
 * The README's configuration table is this file in prose; keep them in step.
 */
import { z } from 'zod';

const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((value) =>
      value === undefined || value === '' ? fallback : ['true', '1', 'yes'].includes(value),
    );

const integerFromEnv = (fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

export const configSchema = z.object({
  PORT: integerFromEnv(8000, { min: 0, max: 65535 }),
  HOST: z.string().default('0.0.0.0'),
  LLMFB_DATA_DIR: z.string().default('./data'),
  LLMFB_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  LLMFB_WORKERS: integerFromEnv(1, { min: 1, max: 64 }),

  MONGODB_URI: optionalUrl,
  KAFKA_BROKERS: optionalUrl,
  REDIS_URL: optionalUrl,

  LLMFB_ALLOW_REGISTRATION: booleanFromEnv(true),
  LLMFB_ALLOW_PRIVATE_UPSTREAMS: booleanFromEnv(false),
  LLMFB_ENCRYPTION_KEY: optionalUrl,
  LLMFB_JWT_PRIVATE_KEY: optionalUrl,
  LLMFB_JWT_PUBLIC_KEY: optionalUrl,
  LLMFB_ACCESS_TOKEN_TTL_SECONDS: integerFromEnv(900, { min: 30 }),
  LLMFB_REFRESH_TOKEN_TTL_SECONDS: integerFromEnv(30 * 24 * 3600, { min: 60 }),
  LLMFB_COOKIE_SECURE: booleanFromEnv(false),

  LLMFB_DEFAULT_MAX_TOKENS: integerFromEnv(4096, { min: 1 }),
  /** CONVERSION.md §4.7: Anthropic's SDK streams from ~21,333 tokens on; 0 = always stream. */
  LLMFB_STREAM_UPSTREAM_THRESHOLD: integerFromEnv(21000, { min: 0 }),
  /** CONVERSION.md §10.3: times a paused server-tool turn is continued for OpenAI clients; 0 = never. */
  LLMFB_PAUSE_TURN_CONTINUATIONS: integerFromEnv(0, { min: 0, max: 10 }),
  /** CONVERSION.md §10.4: how often Anthropic upstreams are asked for a model's capabilities; 0 = never. */
  LLMFB_CAPABILITY_REFRESH_MS: integerFromEnv(3_600_000, { min: 0 }),
  LLMFB_CLAUDE_CLI_VERSION: z.string().default('2.0.50'),
  LLMFB_KEY_CACHE_TTL_MS: integerFromEnv(1000, { min: 0, max: 60_000 }),
  LLMFB_UPSTREAM_CONNECT_TIMEOUT_MS: integerFromEnv(10_000, { min: 100 }),
  LLMFB_UPSTREAM_FIRST_BYTE_TIMEOUT_MS: integerFromEnv(120_000, { min: 100 }),
  LLMFB_UPSTREAM_IDLE_TIMEOUT_MS: integerFromEnv(300_000, { min: 100 }),
  /** Sockets per upstream origin; 0 = no cap (each concurrent stream holds one). */
  LLMFB_UPSTREAM_CONNECTIONS: integerFromEnv(0, { min: 0 }),
  LLMFB_UPSTREAM_MAX_ATTEMPTS: integerFromEnv(3, { min: 1, max: 10 }),
  LLMFB_BREAKER_VOLUME_THRESHOLD: integerFromEnv(5, { min: 1 }),
  LLMFB_BREAKER_ERROR_PERCENT: integerFromEnv(50, { min: 1, max: 100 }),
  LLMFB_BREAKER_RESET_MS: integerFromEnv(30_000, { min: 100 }),
  LLMFB_STREAM_KEEPALIVE_MS: integerFromEnv(15_000, { min: 100 }),
  LLMFB_PROXY_MAX_BODY_BYTES: integerFromEnv(32 * 1024 * 1024, { min: 1024 }),
  LLMFB_ADMIN_MAX_BODY_BYTES: integerFromEnv(1024 * 1024, { min: 1024 }),

  LLMFB_KAFKA_CLIENT_ID: z.string().default('llmformbridge'),
  LLMFB_KAFKA_PARTITIONS: integerFromEnv(6, { min: 1 }),
  LLMFB_KAFKA_REPLICATION: integerFromEnv(1, { min: 1 }),
  LLMFB_RUN_WORKERS: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Embedded mode: run the workers in a worker thread (default) or on the gateway's own event loop. */
  LLMFB_EMBEDDED_WORKERS: z.enum(['thread', 'inline']).default('thread'),
  LLMFB_LOG_RETENTION_DAYS: integerFromEnv(30, { min: 1 }),
  LLMFB_WORKER_METRICS_PORT: integerFromEnv(9100, { min: 0, max: 65535 }),
  /** Prepended to every Kafka topic name (shared clusters, isolated test runs). */
  LLMFB_KAFKA_TOPIC_PREFIX: z.string().default(''),
  /** How long the producer waits for more events before sending a batch. */
  LLMFB_KAFKA_LINGER_MS: integerFromEnv(5, { min: 0, max: 1000 }),
  LLMFB_KAFKA_BATCH_SIZE: integerFromEnv(1000, { min: 1, max: 100_000 }),
  /** Send published events from a producer in a worker thread (default) or on the main thread. */
  LLMFB_KAFKA_PRODUCER: z.enum(['thread', 'inline']).default('thread'),
  /** Events held in memory (per process) before they spill to the spool / are dropped in-process. */
  LLMFB_EVENT_QUEUE_MAX: integerFromEnv(50_000, { min: 100 }),
  /** Partitions one worker consumer processes at the same time. */
  LLMFB_KAFKA_CONSUMER_CONCURRENCY: integerFromEnv(3, { min: 1, max: 64 }),
});

export type Config = Readonly<z.infer<typeof configSchema>>;
