export * from './generate-id';
export * from './sqlite/create-sqlite-config-store';
export * from './load-mongo-config-store';
