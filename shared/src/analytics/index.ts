export * from './analytics-store';
export * from './usage-rollup';
export * from './usage-series';
export * from './map-event-to-records';
export * from './plan-usage-application';
