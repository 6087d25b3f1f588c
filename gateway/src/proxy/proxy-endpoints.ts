/**
 * @module proxy-endpoints
 * The proxy's two small endpoints: `POST /v1/messages/count_tokens` (forwarded to Anthropic
 * upstreams, estimated locally for OpenAI-format upstreams and flagged with
 * `x-llmfb-estimate: true`), `GET /v1/models` (the aliases the key may call, in OpenAI shape,
 * or Anthropic shape when the request carries `anthropic-version`) and `GET /v1/models/{id}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GatewayError,
  buildAnthropicModelList,
  buildOpenAIModelList,
  type ApiFormat,
  type GatewayModelEntry,
  type ModelListQuery,
} from '@llmfb/shared';
import { estimateInputTokens } from './estimate-tokens';
import { modelNotFound } from './model-router';
import { startExchange, type ProxyExchange } from './proxy-exchange';
import type { ProxyHandlerDeps, ProxyRequestTarget, ProxyRouteHandler } from './proxy-handler';
import { sendJson, sendJsonText } from '../http/send-json';
import type { ProxyKeyGrant } from './proxy-key-auth';

type EndpointBody = (
  request: IncomingMessage,
  response: ServerResponse,
  exchange: ProxyExchange,
  grant: ProxyKeyGrant,
  target: ProxyRequestTarget,
) => Promise<void>;

/** Authenticates, runs `body`, renders any error in `inbound`'s dialect and records the exchange. */
function createEndpoint(
  inbound: ApiFormat | ((request: IncomingMessage) => ApiFormat),
  deps: ProxyHandlerDeps,
  body: EndpointBody,
): ProxyRouteHandler {
  return async function proxyEndpoint(request, response, target) {
    const format = typeof inbound === 'function' ? inbound(request) : inbound;
    const exchange = startExchange({
      requestId: target.requestId,
      inbound: format,
      method: request.method ?? 'GET',
      path: target.path,
      now: deps.now(),
      hr: performance.now(),
    });
    response.once('close', () => {
      if (!response.writableFinished) exchange.status = 499;
      deps.recordExchange(exchange);
    });
    try {
      const grant = await deps.keys.authenticate(request.headers);
      exchange.grant = grant;
      await body(request, response, exchange, grant, target);
    } catch (error) {
      const gatewayError =
        error instanceof GatewayError
          ? error
          : new GatewayError({
              code: 'internal',
              status: 500,
              message: 'The gateway failed to handle this request.',
              cause: error,
            });
      if (!(error instanceof GatewayError))
        deps.logger.error({ err: error, requestId: exchange.requestId }, 'proxy endpoint failed');
      exchange.errorMessage = gatewayError.message;
      if (response.headersSent) return void response.end();
      const answer = deps.conversions.renderError(format, gatewayError, exchange.requestId);
      exchange.status = answer.status;
      sendJson(response, answer.status, answer.headers, answer.body);
    }
  };
}

export function createCountTokensHandler(deps: ProxyHandlerDeps): ProxyRouteHandler {
  return createEndpoint('anthropic', deps, async (request, response, exchange, grant) => {
    const body = await deps.parseBody(request);
    if (typeof body.model !== 'string' || body.model === '') {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        param: 'model',
        message: 'model: a model name is required.',
      });
    }
    if (!Array.isArray(body.messages)) {
      throw new GatewayError({
        code: 'request.invalid',
        status: 400,
        param: 'messages',
        message: 'messages: an array of messages is required.',
      });
    }
    exchange.model = body.model;
    const [candidate] = deps.router.route(grant.models, body.model);
    if (!candidate) throw modelNotFound(body.model);
    exchange.candidate = candidate;
    exchange.upstreamFormat = candidate.credential.provider;
    if (candidate.credential.provider === 'openai') {
      const inputTokens = estimateInputTokens(body);
      exchange.status = 200;
      exchange.usage = {
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheCreationTokens: 0,
      };
      sendJson(response, 200, { 'x-llmfb-estimate': 'true' }, { input_tokens: inputTokens });
      return;
    }
    const upstreamBody = deps.addressing.decorateBody(candidate.credential, {
      ...body,
      model: candidate.config.modelName,
    });
    const abort = new AbortController();
    response.once('close', () => abort.abort());
    exchange.attempts = 1;
    const answer = await deps.forward.upstream.send({
      url: deps.addressing.url(candidate.credential, 'anthropic', 'count_tokens'),
      headers: deps.addressing.headers(
        candidate.credential,
        deps.addressing.apiKey(candidate.credential),
        {
          callerAnthropicVersion: request.headers['anthropic-version'] as string | undefined,
          callerAnthropicBeta: request.headers['anthropic-beta'] as string | undefined,
          stream: false,
        },
      ),
      body: JSON.stringify(upstreamBody),
      signal: abort.signal,
    });
    const text = await answer.body.text();
    exchange.status = answer.status;
    if (answer.status >= 400) {
      const converted = deps.conversions.convertUpstreamError({
        inbound: 'anthropic',
        upstream: 'anthropic',
        status: answer.status,
        headers: answer.headers,
        body: text,
      });
      exchange.status = converted.status;
      exchange.errorMessage = `The upstream answered ${answer.status}.`;
      sendJson(response, converted.status, converted.headers, converted.body);
      return;
    }
    exchange.usage = {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheCreationTokens: 0,
    };
    sendJsonText(response, 200, {}, text);
  });
}

/**
 * The aliases `grant` may call, one entry each (the first enabled config of an alias). In Anthropic
 * shape an alias served by an Anthropic upstream carries that upstream's own limits and
 * capabilities for its model (`GET /v1/models/{id}`, as last fetched by the capability catalog;
 * null until then or when the upstream has none).
 */
function modelEntries(
  grant: ProxyKeyGrant,
  format: ApiFormat,
  deps: ProxyHandlerDeps,
): Map<string, GatewayModelEntry> {
  const entries = new Map<string, GatewayModelEntry>();
  for (const { config, credential } of grant.models) {
    if (!config.isEnabled || !credential.isActive || entries.has(config.alias)) continue;
    const described =
      format === 'anthropic' && credential.provider === 'anthropic'
        ? deps.capabilities?.describe(credential, config.modelName)
        : undefined;
    entries.set(config.alias, {
      id: config.alias,
      createdAt: config.createdAt,
      ownedBy: credential.provider,
      ...(described && {
        maxInputTokens: described.maxInputTokens,
        maxTokens: described.maxTokens,
        capabilities: described.capabilities,
      }),
    });
  }
  return entries;
}

const modelsFormatOf = (request: IncomingMessage): ApiFormat =>
  request.headers['anthropic-version'] ? 'anthropic' : 'openai';

export function createModelsHandler(deps: ProxyHandlerDeps): ProxyRouteHandler {
  return createEndpoint(
    modelsFormatOf,
    deps,
    async (_request, response, exchange, grant, target) => {
      const entries = [...modelEntries(grant, exchange.inbound, deps).values()];
      exchange.status = 200;
      sendJson(
        response,
        200,
        {},
        exchange.inbound === 'openai'
          ? buildOpenAIModelList(entries)
          : buildAnthropicModelList(
              entries,
              Object.fromEntries(new URLSearchParams(target.query)) as ModelListQuery,
            ),
      );
    },
  );
}

/** The path of `GET /v1/models/{id}` under either mount; the id is the first group. */
export const modelPath = /^\/(?:api\/)?v1\/models\/([^/]+)\/?$/i;

/**
 * `GET /v1/models/{id}` (both SDKs' `models.retrieve`): one alias the key may call, in the shape
 * of the list's items; 404 in the caller's dialect for any other id.
 */
export function createModelHandler(deps: ProxyHandlerDeps): ProxyRouteHandler {
  return createEndpoint(
    modelsFormatOf,
    deps,
    async (_request, response, exchange, grant, target) => {
      // The id is percent-decoded (the SDKs encode it); its case is kept.
      const raw = modelPath.exec(target.path)?.[1] ?? '';
      let id: string;
      try {
        id = decodeURIComponent(raw);
      } catch {
        id = raw;
      }
      const entry = modelEntries(grant, exchange.inbound, deps).get(id);
      if (!entry) throw modelNotFound(id);
      exchange.status = 200;
      sendJson(
        response,
        200,
        {},
        exchange.inbound === 'openai'
          ? buildOpenAIModelList([entry]).data[0]
          : buildAnthropicModelList([entry]).data[0],
      );
    },
  );
}
