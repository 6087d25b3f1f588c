/**
 * @module admin-context
 * The admin dependencies with their defaults filled in, plus what the routers share: the
 * authentication middleware and the sign-in logic.
 */
import type { RequestHandler } from 'express';
import { createAdminAuthMiddleware } from '../auth/admin-auth';
import {
  createAuthSessions,
  scryptPasswordHashing,
  type AuthSessions,
  type PasswordHashing,
} from '../auth/auth-sessions';
import { createLoginThrottle } from '../auth/login-throttle';
import { createPrincipalLoader, type PrincipalLoader } from '../auth/principal-loader';
import type { AdminDeps } from './admin-deps';

export interface AdminContext extends AdminDeps {
  readonly passwords: PasswordHashing;
  readonly principals: PrincipalLoader;
  readonly sessions: AuthSessions;
  readonly authenticate: RequestHandler;
}

export function createAdminContext(deps: AdminDeps): AdminContext {
  const passwords = deps.passwords ?? scryptPasswordHashing;
  const principals = deps.principals ?? createPrincipalLoader({ store: deps.store });
  const sessions = createAuthSessions({
    store: deps.store,
    accessTokens: deps.accessTokens,
    passwords,
    throttle: deps.loginThrottle ?? createLoginThrottle(),
    refreshTokenTtlSeconds: deps.settings.refreshTokenTtlSeconds,
  });
  const authenticate = createAdminAuthMiddleware({ accessTokens: deps.accessTokens, principals });
  return { ...deps, passwords, principals, sessions, authenticate };
}
