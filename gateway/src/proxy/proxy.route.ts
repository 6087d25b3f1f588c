/**
 * @module proxy.route
 * The proxy API (API.md "Proxy API"), mounted twice by the app: at `/v1` and at `/api/v1`.
 * A query string (`/v1/messages?beta=true`, as Claude Code sends) never changes routing.
 */
import { Router } from 'express';
import { createCountTokensHandler, createModelsHandler } from './proxy-endpoints';
import { createProxyHandler, type ProxyHandlerDeps } from './proxy-handler';

export function createProxyRouter(deps: ProxyHandlerDeps): Router {
  const router = Router();
  router.post('/chat/completions', createProxyHandler('openai', deps));
  router.post('/messages', createProxyHandler('anthropic', deps));
  router.post('/messages/count_tokens', createCountTokensHandler(deps));
  router.get('/models', createModelsHandler(deps));
  return router;
}
