export * from './logs-router';
export * from './usage-router';
export * from './analytics-schemas';
export * from './model-usage-summary';
