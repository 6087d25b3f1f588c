export * from './paging';
export * from './store-errors';
export * from './users';
export * from './refresh-tokens';
export * from './credentials';
export * from './model-configs';
export * from './api-keys';
export * from './config-store';
