/** Library entry of @llmfb/workers: the worker handlers and their start-up, for the gateway's embedded mode. */
export * from './log-writer';
export * from './usage-roller';
export * from './start-workers';
export * from './retention-sweeper';
export * from './worker-metrics';
