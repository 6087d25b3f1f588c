/**
 * @module resolve-scope
 * Tenancy: which records a caller may see. Lists are the caller's own unless a superuser asks for
 * `?all=true` (anyone else asking gets a 403); single records are the caller's own, or anyone's
 * for a superuser. Another user's record is then simply not found (404, no existence oracle).
 */
import { GatewayError, type Scope } from '@llmfb/shared';
import type { Principal } from '../http/locals';

export function resolveListScope(principal: Principal, all: boolean | undefined): Scope {
  if (!all) return { userId: principal.userId };
  if (!principal.isSuperuser) {
    throw new GatewayError({
      code: 'auth.forbidden',
      status: 403,
      message: "Only a superuser may list every user's records (all=true).",
      details: [{ path: 'all', message: 'Superusers only.' }],
    });
  }
  return 'all';
}

export function resolveRecordScope(principal: Principal): Scope {
  return principal.isSuperuser ? 'all' : { userId: principal.userId };
}

export function createNotFoundError(what: string, path?: string): GatewayError {
  return new GatewayError({
    code: 'resource.not_found',
    status: 404,
    message: `${what} not found.`,
    ...(path ? { details: [{ path, message: `No such ${what.toLowerCase()}.` }] } : {}),
  });
}
