/** Runtime-agnostic entry point of @llmfb/shared (no I/O): conversion core, wire types, events. */
export * from './logger';
export * from './assert-never';
export * from './errors/gateway-error';
export * from './domain';
export * from './events';
export * from './openai';
export * from './anthropic';
export * from './convert';
export * from './sse';
export * from './analytics';
export * from './store';
