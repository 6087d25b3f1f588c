/**
 * @module request-id
 * Gives every request an id (`x-request-id`), reusing a well-formed incoming one.
 */
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

export function createRequestIdMiddleware(): RequestHandler {
  return function requestId(request, response, next) {
    const incoming = request.headers['x-request-id'];
    const id = typeof incoming === 'string' && acceptable.test(incoming) ? incoming : randomUUID();
    response.locals.requestId = id;
    response.setHeader('x-request-id', id);
    next();
  };
}
