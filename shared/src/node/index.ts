/** Node-only entry point of @llmfb/shared: configuration, adapters and anything that does I/O. */
export * from './config-schema';
export * from './load-config';
export * from './compiled-entry';
export * from './stop-worker';
export * from './sqlite/open-sqlite';
export * from './mongo/connect-mongo';
export * from './limiter/rate-limiter';
export * from './redis/connect-redis';
export * from './with-timeout';
export * from './store';
export * from './crypto';
export * from './bus';
export * from './analytics';
