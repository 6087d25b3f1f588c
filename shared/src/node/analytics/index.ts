export * from './create-analytics-store';
export * from './load-mongo-analytics-store';
export * from './sqlite-analytics-store';
