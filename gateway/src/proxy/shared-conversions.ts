/**
 * @module shared-conversions
 * Binds the proxy's `ProxyConversions` seam to the pure conversion core in @llmfb/shared.
 * Same-format pairs pass through: the request only gets the upstream model name, the answer is
 * returned as the upstream sent it (its usage read for the log).
 */
import {
  GatewayError,
  convertChatCompletionToMessage,
  convertChatRequestToMessagesRequest,
  convertMessageToChatCompletion,
  convertMessagesRequestToChatRequest,
  convertUpstreamError,
  createAnthropicToOpenAIStreamConverter,
  createOpenAIToAnthropicStreamConverter,
  createPassthroughStreamTracker,
  parseChatRequest,
  parseMessagesRequest,
  renderGatewayError,
  renderStreamError,
  listAssistantToolCallIds,
  summarizeAnthropicUsage,
  summarizeOpenAIUsage,
  type ApiFormat,
  type ConversionNote,
  type ResponseHints,
  type UsageSummary,
} from '@llmfb/shared';
import type { ParsedProxyRequest, ProxyConversions } from './proxy-conversions';
import { collectSignedThinking, type ThinkingCache } from './thinking-cache';

type JsonObject = Record<string, unknown>;

function readPassthroughUsage(format: ApiFormat, body: unknown): UsageSummary | undefined {
  const usage = (body as { usage?: unknown } | null)?.usage;
  if (!usage || typeof usage !== 'object') return undefined;
  return format === 'openai'
    ? summarizeOpenAIUsage(usage as Parameters<typeof summarizeOpenAIUsage>[0])
    : summarizeAnthropicUsage(usage as Parameters<typeof summarizeAnthropicUsage>[0]);
}

function passthroughHints(request: ParsedProxyRequest): ResponseHints {
  const streamOptions = request.body.stream_options as { include_usage?: unknown } | undefined;
  return {
    clientModel: request.model,
    stream: request.stream,
    includeUsage: streamOptions?.include_usage === true,
  };
}

export function createSharedConversions({
  thinkingCache,
}: {
  thinkingCache: ThinkingCache;
}): ProxyConversions {
  return {
    parseRequest(inbound, body) {
      const parsed = inbound === 'openai' ? parseChatRequest(body) : parseMessagesRequest(body);
      return {
        model: parsed.model,
        stream: parsed.stream === true,
        body: parsed as unknown as JsonObject,
      };
    },

    prefetchThinking(thinkingScope, request) {
      // Without Redis everything the lookup can find is in memory already.
      if (!thinkingCache.shared) return undefined;
      const ids = listAssistantToolCallIds(request.body as never);
      return ids.length === 0 ? undefined : thinkingCache.prefetch(thinkingScope, ids);
    },

    convertRequest({
      inbound,
      upstream,
      request,
      upstreamModel,
      context,
      thinkingScope,
      capabilities,
    }) {
      if (inbound === upstream) {
        return {
          body: { ...request.body, model: upstreamModel },
          hints: passthroughHints(request),
          notes: [],
        };
      }
      const converted =
        inbound === 'openai'
          ? convertChatRequestToMessagesRequest(request.body as never, {
              ...context,
              upstreamModel,
              capabilities,
              thinkingBlocksByToolCallId: thinkingCache.lookup(
                thinkingScope,
                listAssistantToolCallIds(request.body as never),
              ),
            })
          : convertMessagesRequestToChatRequest(request.body as never, {
              ...context,
              upstreamModel,
            });
      return {
        body: converted.request as unknown as JsonObject,
        hints: converted.hints,
        notes: converted.notes,
      };
    },

    convertResponse({ inbound, upstream, body, hints, context, thinkingScope }) {
      if (inbound === upstream)
        return { body, usage: readPassthroughUsage(upstream, body), notes: [] as ConversionNote[] };
      if (inbound === 'openai') {
        const converted = convertMessageToChatCompletion(body, hints, context);
        const signed = collectSignedThinking((body as { content?: unknown }).content);
        if (signed.toolUseIds.length > 0) {
          thinkingCache.remember(thinkingScope, signed.toolUseIds, signed.blocks);
        }
        return {
          body: converted.response,
          usage: readPassthroughUsage('anthropic', body),
          notes: converted.notes,
        };
      }
      const converted = convertChatCompletionToMessage(body, hints, context);
      return {
        body: converted.response,
        usage: readPassthroughUsage('openai', body),
        notes: converted.notes,
      };
    },

    createStreamConverter({ inbound, upstream, hints, context, thinkingScope, holdPausedTurns }) {
      if (inbound === upstream) return createPassthroughStreamTracker(inbound, hints);
      if (inbound === 'anthropic') return createOpenAIToAnthropicStreamConverter(hints, context);
      const converter = createAnthropicToOpenAIStreamConverter(hints, context, { holdPausedTurns });
      return {
        push: converter.push,
        summary: converter.summary,
        pausedTurn: converter.pausedTurn,
        finish() {
          const frames = converter.finish();
          const replay = converter.summary().replayThinking;
          if (replay) thinkingCache.remember(thinkingScope, replay.toolCallIds, replay.blocks);
          return frames;
        },
      };
    },

    convertUpstreamError({ inbound, upstream, status, headers, body }) {
      const answer = convertUpstreamError({
        status,
        headers,
        body,
        source: upstream,
        target: inbound,
        now: Date.now(),
      });
      // `x-request-id` stays the gateway's own (it names the log row); the upstream's id moves.
      const { 'x-request-id': upstreamRequestId, ...rest } = answer.headers;
      return {
        ...answer,
        headers:
          upstreamRequestId === undefined
            ? rest
            : { ...rest, 'x-upstream-request-id': upstreamRequestId },
      };
    },

    renderError(inbound, error, requestId) {
      return renderGatewayError(error, inbound, { requestId });
    },

    renderStreamError(inbound, error: GatewayError) {
      return renderStreamError(error, inbound);
    },
  };
}
