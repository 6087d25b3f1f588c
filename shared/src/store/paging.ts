/**
 * @module store/paging
 * Cursor paging shared by every list of the store. Lists are ordered by id (ids are time-ordered,
 * UUIDv7), so a cursor is simply the last id of the previous page, wrapped so callers treat it as
 * opaque.
 *
 * @example
 * const page = await store.credentials.list({ userId }, { limit: 50 });
 * const next = page.nextCursor ? await store.credentials.list({ userId }, { limit: 50, cursor: page.nextCursor }) : undefined;
 */

import { GatewayError } from '../errors/gateway-error';

export const defaultPageLimit = 50;
export const maxPageLimit = 500;

export interface PageRequest {
  /** Clamped to 1…500; default 50. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** The limit a store actually uses: default 50, at least 1, at most 500. */
export function clampPageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultPageLimit;
  return Math.min(maxPageLimit, Math.max(1, Math.trunc(limit)));
}

const cursorPrefix = 'c1:';

export function encodeCursor(lastId: string): string {
  return btoa(cursorPrefix + lastId)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The id a cursor points after, or undefined when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return undefined;
  try {
    const decoded = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return decoded.startsWith(cursorPrefix) && decoded.length > cursorPrefix.length
      ? decoded.slice(cursorPrefix.length)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds a page from `limit + 1` rows fetched in id order: the extra row only tells that another
 * page exists.
 */
export function buildPage<T extends { readonly id: string }>(
  rows: readonly T[],
  limit: number,
): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last ? encodeCursor(last.id) : null };
}

/** The id to continue after, or a 400 naming `cursor` when the cursor is not one of ours. */
export function readCursor(page: PageRequest): string | undefined {
  if (page.cursor === undefined || page.cursor === '') return undefined;
  const id = decodeCursor(page.cursor);
  if (id === undefined) {
    throw new GatewayError({
      code: 'request.invalid',
      status: 400,
      message: 'The cursor is not valid.',
      details: [{ path: 'cursor', message: 'Not a cursor returned by this list.' }],
    });
  }
  return id;
}
