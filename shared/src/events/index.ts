export * from './topics';
export * from './event-envelope';
export * from './event-bus';
export * from './request-completed.v1';
export * from './usage-recorded.v1';
export * from './config-changed.v1';
