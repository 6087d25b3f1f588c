/**
 * @module request-id
 * Gives every request an id (`x-request-id`), reusing a well-formed incoming one. New ids are
 * UUIDv7 (RFC 9562): time-ordered, so the request-log and usage-fact rows keyed by them are
 * appended at the end of their indexes instead of scattered through them (docs/benchmarks.md).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * A UUIDv7: the 48-bit Unix time in milliseconds, then version 7, then the random bits and the
 * variant of a `randomUUID()` (the npm `uuid` package has v7 too, but only as an ES module).
 */
export function newRequestId(now: number = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${randomUUID().slice(15)}`;
}

/** Picks the request's id, sets the `x-request-id` answer header and returns the id. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && acceptable.test(incoming) ? incoming : newRequestId();
  response.setHeader('x-request-id', id);
  return id;
}

export function createRequestIdMiddleware(): RequestHandler {
  return function requestId(request, response, next) {
    response.locals.requestId = assignRequestId(request, response);
    next();
  };
}
