/** The admin API (management half): routers, dependencies and wire schemas. */
export * from './create-admin-router';
export * from './admin-deps';
export * from './serialize-entities';
export * from './validate-input';
export * from './resolve-scope';
