/**
 * @module send-json
 * A JSON answer on a plain `node:http` response (the proxy routes do not go through Express).
 * Headers already set on the response (`x-request-id`) are kept; `headers` may override the
 * content type. The length is declared, so the answer is one plain body, not chunked.
 */
import type { ServerResponse } from 'node:http';

/** Sends `text`, already JSON. */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  text: string,
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): void {
  sendJsonText(response, status, headers, JSON.stringify(body));
}
