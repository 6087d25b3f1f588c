/**
 * @module request-id
 * Gives every request an id (`x-request-id`), reusing a well-formed incoming one.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/** Picks the request's id, sets the `x-request-id` answer header and returns the id. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && acceptable.test(incoming) ? incoming : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
}

export function createRequestIdMiddleware(): RequestHandler {
  return function requestId(request, response, next) {
    response.locals.requestId = assignRequestId(request, response);
    next();
  };
}
