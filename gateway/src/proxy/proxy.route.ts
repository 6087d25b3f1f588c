/**
 * @module proxy.route
 * The proxy API (API.md "Proxy API"), mounted twice by the app: at `/v1` and at `/api/v1`.
 * A query string (`/v1/messages?beta=true`, as Claude Code sends) never changes routing. Unknown
 * proxy paths answer 404 in the caller's dialect.
 */
import { Router } from 'express';
import { GatewayError } from '@llmfb/shared';
import { createCountTokensHandler, createModelsHandler } from './proxy-endpoints';
import { createProxyHandler, type ProxyHandlerDeps } from './proxy-handler';

export function createProxyRouter(deps: ProxyHandlerDeps): Router {
  const router = Router();
  router.post('/chat/completions', createProxyHandler('openai', deps));
  router.post('/messages', createProxyHandler('anthropic', deps));
  router.post('/messages/count_tokens', createCountTokensHandler(deps));
  router.get('/models', createModelsHandler(deps));
  router.use(function unknownProxyPath(request, response) {
    const format =
      request.headers['anthropic-version'] || request.path.startsWith('/messages')
        ? 'anthropic'
        : 'openai';
    const answer = deps.conversions.renderError(
      format,
      new GatewayError({
        code: 'resource.not_found',
        status: 404,
        message: `No proxy route for ${request.method} ${request.baseUrl}${request.path}.`,
      }),
      response.locals.requestId,
    );
    response.status(answer.status).set(answer.headers).json(answer.body);
  });
  return router;
}
