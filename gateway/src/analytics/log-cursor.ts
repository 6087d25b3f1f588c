/**
 * @module log-cursor
 * The logs list's opaque `cursor`: base64url of `[createdAt, id]` of the last row of a page.
 */
import type { LogCursor } from '@llmfb/shared';

export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** Null when the text is not a cursor this API issued. */
export function decodeLogCursor(text: string): LogCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || typeof id !== 'string' || id === '') return null;
    if (Number.isNaN(Date.parse(createdAt))) return null;
    return { createdAt: new Date(createdAt).toISOString(), id };
  } catch {
    return null;
  }
}
