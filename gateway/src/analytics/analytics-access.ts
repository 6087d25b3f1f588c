/**
 * @module analytics-access
 * Who may read which analytics rows. A user sees their own logs and usage. A superuser sees
 * everyone's by default (ARCHITECTURE.md: every admin query is scoped to the caller unless the
 * caller is a superuser) and may narrow to their own with `?all=false`; `?all=true` from anyone
 * else is a 403, as on the other admin lists.
 */
import type { Response } from 'express';
import { GatewayError, type Scope } from '@llmfb/shared';
import type { Principal } from '../http/locals';

/** The principal the admin auth middleware set; 401 when it did not run or found no caller. */
export function requirePrincipal(response: Response): Principal {
  const principal = response.locals.principal;
  if (!principal) {
    throw new GatewayError({
      code: 'auth.missing',
      status: 401,
      message: 'Authentication required.',
    });
  }
  return principal;
}

export function resolveAnalyticsScope(principal: Principal, all: boolean | undefined): Scope {
  if (!principal.isSuperuser) {
    if (all === true) {
      throw new GatewayError({
        code: 'auth.forbidden',
        status: 403,
        message: "Only a superuser may read every user's analytics (all=true).",
        details: [{ path: 'all', message: 'Superusers only.' }],
      });
    }
    return { userId: principal.userId };
  }
  return all === false ? { userId: principal.userId } : 'all';
}
