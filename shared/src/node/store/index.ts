export * from './generate-id';
export * from './sqlite/create-sqlite-config-store';
export * from './mongo/create-mongo-config-store';
