/** Admin-API authentication: RS256 access tokens, refresh-token sessions, login throttling. */
export * from './jwt-keys';
export * from './access-tokens';
export * from './login-throttle';
export * from './principal-loader';
export * from './admin-auth';
export * from './auth-sessions';
