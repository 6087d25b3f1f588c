/**
 * @module admin-endpoints
 * Every route of the management admin API, for tests that sweep them all (tenancy, fuzzing).
 * `:id` routes name which resource kind the id points at.
 */
export type ResourceKind = 'credential' | 'model' | 'key' | 'user';

export interface AdminEndpoint {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly path: string;
  readonly resource?: ResourceKind;
  readonly superuserOnly?: boolean;
  readonly public?: boolean;
}

export const adminEndpoints: readonly AdminEndpoint[] = [
  { method: 'post', path: '/api/auth/register', public: true },
  { method: 'post', path: '/api/auth/login', public: true },
  { method: 'post', path: '/api/auth/refresh', public: true },
  { method: 'post', path: '/api/auth/logout', public: true },
  { method: 'get', path: '/api/auth/me' },
  { method: 'get', path: '/api/users', superuserOnly: true },
  { method: 'put', path: '/api/users/me/password' },
  { method: 'put', path: '/api/users/:id', resource: 'user', superuserOnly: true },
  { method: 'delete', path: '/api/users/:id', resource: 'user', superuserOnly: true },
  { method: 'get', path: '/api/credentials' },
  { method: 'post', path: '/api/credentials' },
  { method: 'get', path: '/api/credentials/:id', resource: 'credential' },
  { method: 'put', path: '/api/credentials/:id', resource: 'credential' },
  { method: 'delete', path: '/api/credentials/:id', resource: 'credential' },
  { method: 'post', path: '/api/credentials/:id/validate', resource: 'credential' },
  { method: 'get', path: '/api/credentials/:id/upstream-models', resource: 'credential' },
  { method: 'get', path: '/api/models' },
  { method: 'post', path: '/api/models' },
  { method: 'get', path: '/api/models/:id', resource: 'model' },
  { method: 'put', path: '/api/models/:id', resource: 'model' },
  { method: 'delete', path: '/api/models/:id', resource: 'model' },
  { method: 'get', path: '/api/models/:id/info', resource: 'model' },
  { method: 'get', path: '/api/keys' },
  { method: 'post', path: '/api/keys' },
  { method: 'get', path: '/api/keys/:id', resource: 'key' },
  { method: 'put', path: '/api/keys/:id', resource: 'key' },
  { method: 'delete', path: '/api/keys/:id', resource: 'key' },
];

/** A body that passes validation for each `:id` route, so the answer is decided by tenancy. */
export const validBodies: Partial<Record<string, object>> = {
  'put /api/credentials/:id': { name: 'renamed-by-intruder' },
  'put /api/models/:id': { alias: 'intruder' },
  'put /api/keys/:id': { name: 'intruder' },
};
