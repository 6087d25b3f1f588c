export * from './create-analytics-store';
export * from './mongo-analytics-store';
export * from './sqlite-analytics-store';
