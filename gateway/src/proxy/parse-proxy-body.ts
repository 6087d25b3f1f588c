/**
 * @module parse-proxy-body
 * Reads a proxy request's JSON body inside the handler (not as router middleware), so a body that
 * is not JSON, too large or wrongly encoded still gets an answer in the caller's dialect — and a
 * request-log row.
 *
 * The common case (no content-encoding, UTF-8) is read straight off the socket: one buffer, one
 * `JSON.parse`. Compressed bodies and other charsets go through body-parser, which inflates and
 * decodes them (or refuses them with 415).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { GatewayError } from '@llmfb/shared';
import { normaliseError } from '../http/middleware/error-handler';

export type ProxyBody = Record<string, unknown>;
export type ProxyBodyParser = (request: IncomingMessage) => Promise<ProxyBody>;

const invalidJson = (cause?: unknown) =>
  new GatewayError({
    code: 'request.invalid',
    status: 400,
    message: 'The body is not valid JSON.',
    cause,
  });
const tooLarge = () =>
  new GatewayError({ code: 'request.too_large', status: 413, message: 'The body is too large.' });

export function createProxyBodyParser(limitBytes: number): ProxyBodyParser {
  const bodyParser = express.json({ limit: limitBytes, type: () => true, strict: false });
  const viaBodyParser = (request: IncomingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      const carrier = request as IncomingMessage & { body?: unknown };
      bodyParser(carrier as never, {} as ServerResponse as never, (error?: unknown) =>
        error ? reject(normaliseError(error)) : resolve(carrier.body),
      );
    });

  return async (request) => {
    const body = isPlainUtf8(request)
      ? await readJson(request, limitBytes)
      : await viaBodyParser(request);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        message: 'The body must be a JSON object.',
      });
    }
    return body as ProxyBody;
  };
}

function isPlainUtf8(request: IncomingMessage): boolean {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = request.headers['content-type'];
  const charset = type === undefined ? -1 : type.toLowerCase().indexOf('charset=');
  if (charset === -1) return true;
  const name = type!
    .slice(charset + 8)
    .split(';')[0]!
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase();
  return name === 'utf-8' || name === 'utf8';
}

/** Reads the whole body (at most `limit` bytes) and parses it; an empty body is `{}`. */
function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length']) > limit) {
      request.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: GatewayError | undefined, value?: unknown) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (size === 0) return finish(undefined, {});
      let text =
        chunks.length === 1
          ? chunks[0]!.toString('utf8')
          : Buffer.concat(chunks, size).toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return finish(invalidJson(error));
      }
      // Valid JSON that is not an object is refused by the caller, with a message saying so.
      finish(undefined, value);
    };
    const onError = (error: Error) =>
      finish(
        new GatewayError({
          code: 'request.invalid',
          status: 400,
          message: 'The request body could not be read.',
          cause: error,
        }),
      );
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
