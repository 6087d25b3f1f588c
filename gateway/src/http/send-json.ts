/**
 * @module send-json
 * A JSON answer on a plain `node:http` response (the proxy routes do not go through Express).
 * Headers already set on the response (`x-request-id`) are kept; `headers` may override the
 * content type.
 */
import type { ServerResponse } from 'node:http';

export function sendJson(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}
