/**
 * @module admin-auth
 * The admin API's authentication middleware: `Authorization: Bearer <access token>` → a verified
 * RS256 JWT of an existing, active user → `response.locals.principal`. Everything else is a 401 in
 * the admin error shape (with `WWW-Authenticate`).
 *
 * @example
 * router.use('/logs', createAdminAuthMiddleware({ accessTokens, principals }), logsRouter);
 */
import type { RequestHandler, Response } from 'express';
import { GatewayError } from '@llmfb/shared';
import '../http/locals';
import type { Principal } from '../http/locals';
import type { AccessTokens } from './access-tokens';
import type { PrincipalLoader } from './principal-loader';

export interface AdminAuthOptions {
  readonly accessTokens: AccessTokens;
  readonly principals: PrincipalLoader;
}

const bearerPattern = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export const createUnauthenticatedError = (
  message: string,
  code: 'auth.missing' | 'auth.invalid' = 'auth.invalid',
) => new GatewayError({ code, status: 401, message, headers: { 'www-authenticate': 'Bearer' } });

export function createAdminAuthMiddleware(options: AdminAuthOptions): RequestHandler {
  return async function authenticateAdmin(request, response, next) {
    const header = request.headers.authorization;
    if (!header)
      throw createUnauthenticatedError(
        'Authentication required: send Authorization: Bearer <access_token>.',
        'auth.missing',
      );
    const match = bearerPattern.exec(header);
    if (!match?.[1])
      throw createUnauthenticatedError('The Authorization header must be "Bearer <access_token>".');
    const { userId } = options.accessTokens.verify(match[1]);
    const principal = await options.principals.load(userId);
    if (!principal)
      throw createUnauthenticatedError('This account does not exist or is deactivated.');
    response.locals.principal = principal;
    next();
  };
}

/** The authenticated caller; a 401 when the middleware did not run (a wiring mistake). */
export function requirePrincipal(response: Response): Principal {
  const principal = response.locals.principal;
  if (!principal) throw createUnauthenticatedError('Authentication required.', 'auth.missing');
  return principal;
}

/** A 403 unless the caller is a superuser. */
export function requireSuperuser(response: Response): Principal {
  const principal = requirePrincipal(response);
  if (!principal.isSuperuser) {
    throw new GatewayError({
      code: 'auth.forbidden',
      status: 403,
      message: 'Only a superuser may do this.',
    });
  }
  return principal;
}
