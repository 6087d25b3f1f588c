/**
 * @module parse-proxy-body
 * Reads a proxy request's JSON body inside the handler (not as router middleware), so a body that
 * is not JSON, too large or wrongly encoded still gets an answer in the caller's dialect — and a
 * request-log row.
 */
import express, { type Request, type Response } from 'express';
import { GatewayError } from '@llmfb/shared';
import { normaliseError } from '../http/middleware/error-handler';

export type ProxyBodyParser = (request: Request, response: Response) => Promise<void>;

export function createProxyBodyParser(limitBytes: number): ProxyBodyParser {
  const parseJson = express.json({ limit: limitBytes, type: () => true, strict: true });
  return (request, response) =>
    new Promise<void>((resolve, reject) => {
      parseJson(request, response, (error?: unknown) => {
        if (error) {
          reject(normaliseError(error));
          return;
        }
        if (
          request.body === undefined ||
          request.body === null ||
          typeof request.body !== 'object' ||
          Array.isArray(request.body)
        ) {
          reject(
            new GatewayError({
              code: 'request.invalid',
              status: 400,
              message: 'The body must be a JSON object.',
            }),
          );
          return;
        }
        resolve();
      });
    });
}
