/**
 * @module proxy.route
 * The proxy API (API.md "Proxy API") at `/v1` and at `/api/v1`, dispatched on plain `node:http`
 * objects ahead of the Express app: the hot path pays for no framework routing, request/response
 * decoration or middleware. A query string (`/v1/messages?beta=true`, as Claude Code sends) never
 * changes routing; matching ignores case and a trailing slash, as Express's did. Unknown proxy
 * paths answer 404 in the caller's dialect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, type ApiFormat } from '@llmfb/shared';
import { assignRequestId } from '../http/middleware/request-id';
import { sendJson } from '../http/send-json';
import {
  createCountTokensHandler,
  createModelHandler,
  createModelsHandler,
  modelPath,
} from './proxy-endpoints';
import { createProxyHandler, type ProxyHandlerDeps, type ProxyRouteHandler } from './proxy-handler';

/** Serves the request and returns true when it is a proxy request; false leaves it untouched. */
export type ProxyDispatch = (request: IncomingMessage, response: ServerResponse) => boolean;

const mounts = ['/v1', '/api/v1'] as const;

/** The path and query of a request target; an absolute-form target (`http://host/v1/…`) too. */
function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return target;
  }
}

export function createProxyDispatch(deps: ProxyHandlerDeps): ProxyDispatch {
  const routes = new Map<string, ProxyRouteHandler>();
  for (const mount of mounts) {
    routes.set(`POST ${mount}/chat/completions`, createProxyHandler('openai', deps));
    routes.set(`POST ${mount}/messages`, createProxyHandler('anthropic', deps));
    routes.set(`POST ${mount}/messages/count_tokens`, createCountTokensHandler(deps));
    routes.set(`GET ${mount}/models`, createModelsHandler(deps));
  }

  const sendError = (
    response: ServerResponse,
    format: ApiFormat,
    error: GatewayError,
    requestId: string,
  ) => {
    const answer = deps.conversions.renderError(format, error, requestId);
    sendJson(response, answer.status, answer.headers, answer.body);
  };

  const unknownProxyPath: ProxyRouteHandler = async (request, response, target) => {
    const format =
      request.headers['anthropic-version'] || /\/messages(\/|$)/i.test(target.path)
        ? 'anthropic'
        : 'openai';
    sendError(
      response,
      format,
      new GatewayError({
        code: 'resource.not_found',
        status: 404,
        message: `No proxy route for ${request.method} ${target.path}.`,
      }),
      target.requestId,
    );
  };

  const modelHandler = createModelHandler(deps);

  return function dispatchProxy(request, response) {
    const url = originForm(request.url ?? '/');
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    // HEAD is answered like GET (node:http leaves the body out), as Express's routing did.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    let handler = routes.get(`${method} ${path}`);
    if (!handler) {
      const normal = path.toLowerCase().replace(/(.)\/+$/, '$1');
      if (!mounts.some((mount) => normal === mount || normal.startsWith(`${mount}/`))) return false;
      handler =
        routes.get(`${method} ${normal}`) ??
        (method === 'GET' && modelPath.test(path) ? modelHandler : unknownProxyPath);
    }
    const target = {
      requestId: assignRequestId(request, response),
      path,
      query: queryAt === -1 ? '' : url.slice(queryAt + 1),
    };
    handler(request, response, target).catch((error: unknown) => {
      // The handlers answer their own errors; this is the last guard against a crash.
      deps.logger.error({ err: error, requestId: target.requestId }, 'proxy route failed');
      if (response.headersSent) return void response.end();
      sendError(
        response,
        'openai',
        new GatewayError({
          code: 'internal',
          status: 500,
          message: 'The gateway failed to handle this request.',
        }),
        target.requestId,
      );
    });
    return true;
  };
}
