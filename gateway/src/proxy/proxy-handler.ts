/**
 * @module proxy-handler
 * The proxy path for `POST /v1/chat/completions` (OpenAI dialect) and `POST /v1/messages`
 * (Anthropic dialect): authenticate the key, validate, rate-limit, route the alias, convert,
 * forward with failover, answer (JSON or a relayed stream) and record the exchange.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  GatewayError,
  buildTurnContinuation,
  createAnthropicStreamAggregator,
  isPausedTurn,
  mergeContinuedTurn,
  type ApiFormat,
  type ConversionContext,
  type ConversionNote,
  type Credential,
  type Logger,
  type ResponseHints,
  type StreamConverter,
} from '@llmfb/shared';
import type { RateLimitDecision, RateLimiter } from '@llmfb/shared/node';
import type { GatewayMetrics } from '../metrics';
import {
  ModelRateLimitError,
  forwardRequest,
  type ForwardDeps,
  type PreparedCall,
} from './forward-request';
import { modelNotFound, type ModelRouter, type RouteCandidate } from './model-router';
import {
  addPhase,
  formatServerTiming,
  recordPhase,
  startExchange,
  type ProxyExchange,
} from './proxy-exchange';
import type { ProxyConversions, ParsedProxyRequest } from './proxy-conversions';
import type { ProxyKeyGrant, ProxyKeyResolver } from './proxy-key-auth';
import type { UpstreamResponse } from './upstream-client';
import { buildRateLimitHeaders, pickTightest } from './rate-limit-headers';
import type { CapabilityCatalog } from './capability-catalog';
import {
  endPausedStream,
  relayStream,
  type RelayOutcome,
  type RelayStreamOptions,
} from './relay-stream';
import type { StreamKeepAlive } from './stream-keep-alive';
import { formatConversionNotes } from './conversion-notes-header';
import type { ProxyBodyParser } from './parse-proxy-body';
import { sendJson, sendJsonText } from '../http/send-json';
import {
  foldUpstreamStream,
  isEventStream,
  isJson,
  parseUpstreamJson,
  replayJsonAnswer,
} from './reshape-upstream-answer';

export type UpstreamPath = 'chat' | 'messages' | 'count_tokens' | 'models';

/** Where a proxy request arrived: its id (already in `x-request-id`), path and query string. */
export interface ProxyRequestTarget {
  readonly requestId: string;
  /** The path without the query string (`/v1/messages`). */
  readonly path: string;
  /** The query string without `?` (`beta=true`), or ''. */
  readonly query: string;
}

/** A proxy route on plain `node:http` objects (the proxy path does not go through Express). */
export type ProxyRouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  target: ProxyRequestTarget,
) => Promise<void>;

/** How to address a credential's upstream (API.md base-URL rules and Claude Code relay mode). */
export interface UpstreamAddressing {
  url(credential: Credential, format: ApiFormat, path: UpstreamPath): string;
  headers(
    credential: Credential,
    apiKey: string,
    options: { callerAnthropicVersion?: string; callerAnthropicBeta?: string; stream: boolean },
  ): Record<string, string>;
  /** Claude Code relay mode: the body gets the Claude Code system block. */
  decorateBody(credential: Credential, body: Record<string, unknown>): Record<string, unknown>;
  /** The credential's upstream API key in plain text (decrypted at call time). */
  apiKey(credential: Credential): string;
}

export interface ProxyHandlerDeps {
  readonly keys: ProxyKeyResolver;
  readonly router: ModelRouter;
  readonly limiter: RateLimiter;
  readonly forward: ForwardDeps;
  readonly conversions: ProxyConversions;
  readonly addressing: UpstreamAddressing;
  readonly keepAlive: StreamKeepAlive;
  readonly parseBody: ProxyBodyParser;
  readonly recordExchange: (exchange: ProxyExchange) => void;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly defaultMaxTokens: number;
  /**
   * A non-streaming request converted for an Anthropic upstream with `max_tokens` at or above
   * this is streamed upstream and folded into one answer (CONVERSION.md §4.7).
   */
  readonly streamUpstreamThreshold: number;
  /**
   * How many times a paused server-tool turn (`pause_turn`) of an OpenAI → Anthropic call is
   * continued before it is answered (CONVERSION.md §10.3); 0: never.
   */
  readonly pauseTurnContinuations: number;
  /** Anthropic upstreams' own capabilities per credential and model (§10.4); absent: the table. */
  readonly capabilities?: CapabilityCatalog | undefined;
  readonly now: () => number;
  readonly generateId: (prefix: string) => string;
}

interface PreparedProxyCall extends PreparedCall {
  readonly hints: ResponseHints;
  readonly notes: readonly ConversionNote[];
  /** We asked the upstream for usage the caller did not ask for: drop that chunk. */
  readonly dropUsageChunk: boolean;
  /** We asked a non-streaming caller's upstream for a stream: fold it into one answer. */
  readonly foldStream: boolean;
}

/**
 * What the answer phase needs of the call that was sent: everything but its body — unless a
 * paused turn may be continued, which sends that body again (`resend`).
 */
interface AnswerPlan extends Pick<
  PreparedProxyCall,
  'upstreamFormat' | 'hints' | 'dropUsageChunk' | 'foldStream'
> {
  readonly resend: { readonly candidate: RouteCandidate; readonly call: PreparedCall } | undefined;
}

const keepAlivePings: Record<ApiFormat, string> = {
  openai: ': ping\n\n',
  anthropic: 'event: ping\ndata: {"type":"ping"}\n\n',
};

function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function createProxyHandler(inbound: ApiFormat, deps: ProxyHandlerDeps): ProxyRouteHandler {
  /** OpenAI callers' paused server-tool turns are continued on Anthropic upstreams (§10.3). */
  const continuesPausedTurns = deps.pauseTurnContinuations > 0 && inbound === 'openai';
  const context = (strict: boolean): ConversionContext => ({
    now: deps.now,
    generateId: deps.generateId,
    options: { strict, defaultMaxTokens: deps.defaultMaxTokens },
  });

  function prepare(
    request: IncomingMessage,
    parsed: ParsedProxyRequest,
    candidate: RouteCandidate,
    strict: boolean,
    exchange: ProxyExchange,
  ): PreparedProxyCall {
    const started = performance.now();
    const upstream = candidate.credential.provider;
    const converted = deps.conversions.convertRequest({
      inbound,
      upstream,
      request: parsed,
      upstreamModel: candidate.config.modelName,
      context: context(strict),
      thinkingScope: thinkingScope(exchange),
      capabilities:
        inbound === 'openai' && upstream === 'anthropic'
          ? deps.capabilities?.get(candidate.credential, candidate.config.modelName)
          : undefined,
    });
    let body = converted.body;
    let dropUsageChunk = false;
    if (
      upstream === 'openai' &&
      parsed.stream &&
      !converted.hints.includeUsage &&
      inbound === 'openai'
    ) {
      // Same-format OpenAI stream: ask for usage so the request log has real token counts, and
      // drop the extra usage chunk on the way back.
      body = {
        ...body,
        stream_options: { ...(body.stream_options as object | undefined), include_usage: true },
      };
      dropUsageChunk = true;
    }
    // CONVERSION.md §4.7: a non-streaming answer comes only when the whole generation is done, so
    // a long one (which Anthropic's own SDK refuses to ask for without streaming) would meet the
    // first-byte timeout and idle proxies on the way. Stream it and fold it back.
    const foldStream =
      upstream === 'anthropic' &&
      inbound !== upstream &&
      !parsed.stream &&
      typeof body.max_tokens === 'number' &&
      body.max_tokens >= deps.streamUpstreamThreshold;
    if (foldStream) body = { ...body, stream: true };
    if (upstream === 'anthropic') body = deps.addressing.decorateBody(candidate.credential, body);
    const call: PreparedProxyCall = {
      url: deps.addressing.url(
        candidate.credential,
        upstream,
        upstream === 'openai' ? 'chat' : 'messages',
      ),
      headers: deps.addressing.headers(
        candidate.credential,
        deps.addressing.apiKey(candidate.credential),
        {
          callerAnthropicVersion:
            inbound === 'anthropic' ? headerText(request, 'anthropic-version') : undefined,
          callerAnthropicBeta:
            inbound === 'anthropic' ? headerText(request, 'anthropic-beta') : undefined,
          stream: parsed.stream || foldStream,
        },
      ),
      body: JSON.stringify(body),
      upstreamFormat: upstream,
      hints:
        inbound === 'anthropic' && upstream === 'openai' && parsed.stream
          ? { ...converted.hints, estimatedInputTokens: exchange.estimateTokens?.().input }
          : converted.hints,
      notes: converted.notes,
      dropUsageChunk,
      foldStream,
    };
    recordPhase(exchange, 'convert_in', started);
    return call;
  }

  /**
   * Reads, limits, routes and sends the request; returns once an upstream has answered. The
   * request body (parsed, converted and serialised: several times its size for an agent's long
   * conversation) lives only in this scope, so a stream that runs for minutes does not hold it.
   */
  async function parseAndForward(
    request: IncomingMessage,
    grant: ProxyKeyGrant,
    exchange: ProxyExchange,
    limits: Array<RateLimitDecision | undefined>,
    signal: AbortSignal,
  ): Promise<{
    upstream: UpstreamResponse;
    plan: AnswerPlan;
    release: () => void;
    limit: RateLimitDecision;
  }> {
    const parsed = deps.conversions.parseRequest(inbound, await deps.parseBody(request));
    exchange.model = parsed.model;
    exchange.stream = parsed.stream;
    exchange.estimateTokens = estimateFromBodySize(Number(request.headers['content-length'] ?? 0));

    const started = performance.now();
    if (grant.key.rateLimit !== null) {
      const keyLimit = await deps.limiter.consume(`key:${grant.key.id}`, grant.key.rateLimit);
      limits.push(keyLimit);
      if (!keyLimit.allowed) {
        deps.metrics.rateLimited.inc({ scope: 'key' });
        const retryAfter = Math.max(1, Math.ceil(keyLimit.resetMs / 1000));
        throw new GatewayError({
          code: 'rate_limit.exceeded',
          status: 429,
          retryable: true,
          message: `Rate limit of ${keyLimit.limit} requests per minute reached for this API key; retry in ${retryAfter} s.`,
          headers: { 'retry-after': String(retryAfter) },
        });
      }
    }
    recordPhase(exchange, 'limit', started);

    const candidates = deps.router.route(grant.models, parsed.model);
    if (candidates.length === 0) throw modelNotFound(parsed.model);
    if (inbound === 'openai' && candidates.some(isAnthropicCandidate)) {
      const prefetched = deps.conversions.prefetchThinking(grant.user.id, parsed);
      if (prefetched) await prefetched;
    }

    const strict = grant.key.strict || headerText(request, 'x-llmfb-strict') === 'true';
    let plan: AnswerPlan | undefined;
    const result = await forwardRequest(deps.forward, {
      candidates,
      signal,
      prepare: (candidate) => prepare(request, parsed, candidate, strict, exchange),
      onAttempt: (candidate, call) => {
        exchange.attempts += 1;
        exchange.candidate = candidate;
        exchange.upstreamFormat = call.upstreamFormat;
        exchange.notes = call.notes;
        plan = {
          upstreamFormat: call.upstreamFormat,
          hints: call.hints,
          dropUsageChunk: call.dropUsageChunk,
          foldStream: call.foldStream,
          resend:
            continuesPausedTurns && call.upstreamFormat === 'anthropic'
              ? { candidate, call }
              : undefined,
        };
      },
      onLimitChecked: (milliseconds) => addPhase(exchange, 'limit', milliseconds),
      onUpstreamWaited: (milliseconds) => addPhase(exchange, 'upstream', milliseconds),
    });
    limits.push(result.limit);
    return {
      upstream: result.response,
      plan: plan as AnswerPlan,
      release: result.release,
      limit: result.limit,
    };
  }

  return async function proxyCompletion(request, response, target): Promise<void> {
    const exchange = startExchange({
      requestId: target.requestId,
      inbound,
      method: 'POST',
      path: target.path,
      now: deps.now(),
      hr: performance.now(),
    });
    const abort = new AbortController();
    let release: (() => void) | undefined;
    response.once('close', () => {
      if (!response.writableFinished) {
        abort.abort();
        exchange.status = 499;
        exchange.errorMessage ??=
          'The client closed the connection before the answer was complete.';
      }
      release?.();
      deps.recordExchange(exchange);
    });

    const limits: Array<RateLimitDecision | undefined> = [];
    try {
      const started = performance.now();
      const grant = await deps.keys.authenticate(request.headers);
      exchange.grant = grant;
      recordPhase(exchange, 'auth', started);

      const forwarded = await parseAndForward(request, grant, exchange, limits, abort.signal);
      release = forwarded.release;
      const { upstream, plan } = forwarded;
      const rateHeaders = buildRateLimitHeaders(
        inbound,
        pickTightest(limits) ?? forwarded.limit,
        deps.now(),
      );

      if (upstream.status >= 400) {
        const text = await upstream.body.text().catch(() => '');
        const answer = { status: upstream.status, headers: upstream.headers, body: text };
        answerUpstreamError(response, exchange, plan, answer, rateHeaders);
        return;
      }

      if (exchange.stream) {
        // Some OpenAI-compatible servers answer a streaming call with one JSON body.
        let body: RelayStreamOptions['body'] = upstream.body;
        if (isJson(upstream.contentType)) {
          deps.metrics.reshapedAnswers.inc({
            provider: plan.upstreamFormat,
            kind: 'replayed_json',
          });
          body = replayJsonAnswer(upstream.body, plan.upstreamFormat);
        }
        await answerStream(response, exchange, plan, body, rateHeaders, abort.signal);
      } else if (plan.foldStream || isEventStream(upstream.contentType)) {
        // Also for an upstream (some relays) that streams whatever the request asked for.
        deps.metrics.reshapedAnswers.inc({
          provider: plan.upstreamFormat,
          kind: plan.foldStream ? 'folded_requested' : 'folded_unrequested',
        });
        const started = performance.now();
        const folded = await foldUpstreamStream(upstream.body, plan.upstreamFormat);
        addPhase(exchange, 'upstream', performance.now() - started);
        if (folded.ok) {
          const answer = plan.resend
            ? await continuePausedTurn(folded.response, plan.resend, exchange, abort.signal)
            : folded.response;
          answerJson(response, exchange, plan, answer, undefined, rateHeaders);
        } else {
          const answer = {
            status: folded.status,
            headers: upstream.headers,
            body: JSON.stringify(folded.body),
          };
          answerUpstreamError(response, exchange, plan, answer, rateHeaders);
        }
      } else {
        const text = await upstream.body.text();
        let answer = parseUpstreamJson(text);
        if (plan.resend)
          answer = await continuePausedTurn(answer, plan.resend, exchange, abort.signal);
        answerJson(response, exchange, plan, answer, text, rateHeaders);
      }
    } catch (error) {
      // A model-config refusal carries its decision: the 429 gets the remaining-quota headers too.
      const refused = error instanceof ModelRateLimitError ? [error.decision] : [];
      respondWithError(response, exchange, error, [...limits, ...refused]);
    }
  };

  /**
   * CONVERSION.md §10.3: a paused server-tool turn (`pause_turn`) is continued up to
   * `pauseTurnContinuations` times on the same credential, the turn so far sent back as the last
   * assistant message, and answered whole. A continuation that fails ends it there: the answer is
   * the turn so far, with a note saying why.
   */
  async function continuePausedTurn(
    answer: unknown,
    resend: NonNullable<AnswerPlan['resend']>,
    exchange: ProxyExchange,
    signal: AbortSignal,
  ): Promise<unknown> {
    if (!isPausedTurn(answer)) return answer;
    let turn = answer as Record<string, unknown>;
    for (let round = 0; round < deps.pauseTurnContinuations && isPausedTurn(turn); round += 1) {
      let next: unknown;
      try {
        next = await sendContinuation(resend, turn, exchange, signal);
      } catch (error) {
        if (signal.aborted) throw error;
        noteFailedContinuation(exchange, error);
        return turn;
      }
      turn = mergeContinuedTurn(turn, next);
    }
    return turn;
  }

  /**
   * §10.3 for a stream: relays the upstream's message into the answer and, while it ends with the
   * turn paused and continuations are left, sends the turn so far back (as `continuePausedTurn`
   * does) and relays the continuation's message into the same answer — the converter carries on
   * (`pausedTurn.resume`). A continuation that fails ends the answer with the turn so far, and a
   * note in the log (the notes header went out with the first frame).
   */
  async function relayPausableTurn(
    resend: NonNullable<AnswerPlan['resend']>,
    firstBody: RelayStreamOptions['body'],
    relay: (
      body: RelayStreamOptions['body'],
      observe: RelayStreamOptions['observe'],
    ) => Promise<RelayOutcome>,
    converter: Pick<StreamConverter, 'pausedTurn'>,
    exchange: ProxyExchange,
    signal: AbortSignal,
    /** Ends the answer as the turn so far (the converter's closing frames). */
    end: () => void,
  ): Promise<void> {
    let body = firstBody;
    let release: (() => void) | undefined;
    let turn: Record<string, unknown> | undefined;
    try {
      for (let round = 0; ; round += 1) {
        // The turn so far, kept only while it may still be sent back.
        const aggregator =
          round < deps.pauseTurnContinuations ? createAnthropicStreamAggregator() : undefined;
        const outcome = await relay(body, aggregator?.push);
        release?.();
        release = undefined;
        if (!outcome.paused || aggregator === undefined) return;
        const folded = aggregator.finish();
        if (!folded.ok) return end();
        turn =
          turn === undefined
            ? (folded.response as unknown as Record<string, unknown>)
            : mergeContinuedTurn(turn, folded.response);
        try {
          const continuation = await forwardContinuation(resend, turn, exchange, signal);
          release = continuation.release;
          const upstream = continuation.response;
          body = isJson(upstream.contentType)
            ? replayJsonAnswer(upstream.body, resend.call.upstreamFormat)
            : upstream.body;
        } catch (error) {
          // A client gone meanwhile has its log row from the response's close.
          if (signal.aborted) return;
          noteFailedContinuation(exchange, error);
          return end();
        }
        converter.pausedTurn?.resume();
      }
    } finally {
      release?.();
    }
  }

  /**
   * Sends `turn` on for the call that paused, on the same credential: the request as it was sent,
   * the turn so far appended. An error answer throws.
   */
  async function forwardContinuation(
    resend: NonNullable<AnswerPlan['resend']>,
    turn: Record<string, unknown>,
    exchange: ProxyExchange,
    signal: AbortSignal,
  ): Promise<{ response: UpstreamResponse; release: () => void }> {
    const request = JSON.parse(resend.call.body) as Record<string, unknown>;
    const call = { ...resend.call, body: JSON.stringify(buildTurnContinuation(request, turn)) };
    const sent = await forwardRequest(deps.forward, {
      candidates: [resend.candidate],
      signal,
      prepare: () => call,
      onAttempt: () => {
        exchange.attempts += 1;
      },
      onLimitChecked: (milliseconds) => addPhase(exchange, 'limit', milliseconds),
      onUpstreamWaited: (milliseconds) => addPhase(exchange, 'upstream', milliseconds),
    });
    if (sent.response.status >= 400) {
      await sent.response.body.text().catch(() => '');
      sent.release();
      throw new GatewayError({
        code: 'upstream.rejected',
        status: 502,
        message: `The upstream answered ${sent.response.status}.`,
      });
    }
    return sent;
  }

  /** One continuation of a paused turn: the upstream's answer (folded if it streams), or a throw. */
  async function sendContinuation(
    resend: NonNullable<AnswerPlan['resend']>,
    turn: Record<string, unknown>,
    exchange: ProxyExchange,
    signal: AbortSignal,
  ): Promise<unknown> {
    const sent = await forwardContinuation(resend, turn, exchange, signal);
    try {
      const upstream = sent.response;
      if (!isEventStream(upstream.contentType))
        return parseUpstreamJson(await upstream.body.text());
      const started = performance.now();
      const folded = await foldUpstreamStream(upstream.body, resend.call.upstreamFormat);
      addPhase(exchange, 'upstream', performance.now() - started);
      if (!folded.ok) {
        throw new GatewayError({
          code: 'upstream.invalid_response',
          status: folded.status,
          message: extractErrorMessage(folded.body) ?? 'The upstream stream failed.',
        });
      }
      return folded.response;
    } finally {
      sent.release();
    }
  }

  /** An upstream's error answer (its body text in its dialect) in the caller's dialect. */
  function answerUpstreamError(
    response: ServerResponse,
    exchange: ProxyExchange,
    call: AnswerPlan,
    upstreamAnswer: { status: number; headers: Record<string, string>; body: string },
    rateHeaders: Record<string, string>,
  ): void {
    const answer = deps.conversions.convertUpstreamError({
      inbound,
      upstream: call.upstreamFormat,
      ...upstreamAnswer,
    });
    exchange.status = answer.status;
    exchange.errorMessage =
      extractErrorMessage(answer.body) ?? `The upstream answered ${upstreamAnswer.status}.`;
    sendJson(response, answer.status, { ...rateHeaders, ...answer.headers }, answer.body);
  }

  /** `text`: the upstream's body as it came, sent back as is when the answer needs no conversion. */
  function answerJson(
    response: ServerResponse,
    exchange: ProxyExchange,
    call: AnswerPlan,
    upstreamBody: unknown,
    text: string | undefined,
    rateHeaders: Record<string, string>,
  ): void {
    const started = performance.now();
    const converted = deps.conversions.convertResponse({
      inbound,
      upstream: call.upstreamFormat,
      body: upstreamBody,
      hints: call.hints,
      context: context(false),
      thinkingScope: thinkingScope(exchange),
    });
    recordPhase(exchange, 'convert_out', started);
    exchange.usage = converted.usage;
    exchange.notes = [...exchange.notes, ...converted.notes];
    exchange.status = 200;
    const notes = formatConversionNotes(exchange.notes);
    sendJsonText(
      response,
      200,
      {
        ...rateHeaders,
        'server-timing': formatServerTiming(exchange),
        ...(notes ? { 'x-llmfb-conversion-notes': notes } : {}),
      },
      // A same-format answer goes back byte for byte.
      converted.body === upstreamBody && text !== undefined ? text : JSON.stringify(converted.body),
    );
  }

  async function answerStream(
    response: ServerResponse,
    exchange: ProxyExchange,
    call: AnswerPlan,
    body: RelayStreamOptions['body'],
    rateHeaders: Record<string, string>,
    signal: AbortSignal,
  ): Promise<void> {
    const converter = deps.conversions.createStreamConverter({
      inbound,
      upstream: call.upstreamFormat,
      hints: call.hints,
      context: context(false),
      thinkingScope: thinkingScope(exchange),
      holdPausedTurns: call.resend !== undefined,
    });
    const notes = formatConversionNotes(exchange.notes);
    response.writeHead(200, {
      ...rateHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...(notes ? { 'x-llmfb-conversion-notes': notes } : {}),
    });
    exchange.status = 200;
    deps.metrics.activeStreams.inc();
    const keepAlive = deps.keepAlive.register(response, keepAlivePings[inbound]);
    const shouldDrop = call.dropUsageChunk ? isUsageOnlyChunk : undefined;
    /**
     * The exchange's usage and error from the stream so far, set before the answer's last write:
     * the log row is written when the response closes, which can come first.
     */
    const settle = (outcome: RelayOutcome): void => {
      const summary = converter.summary();
      const streamedOutput = Math.ceil(summary.outputCharacters / 4);
      exchange.usage = summary.usage;
      exchange.tokensEstimated = false;
      if (!summary.usage) {
        const input = exchange.estimateTokens?.().input ?? 0;
        exchange.estimateTokens = () => ({ input, output: streamedOutput });
      } else if (
        summary.finishReason === undefined &&
        !outcome.paused &&
        streamedOutput > summary.usage.outputTokens
      ) {
        // Cut short (client gone, upstream failure) before the upstream's final count: its input
        // count stands, the output is what was streamed, estimated. (A paused message has its
        // final count.)
        exchange.usage = { ...summary.usage, outputTokens: streamedOutput };
        exchange.tokensEstimated = true;
      }
      // A client that left gets its status and message from the response's close.
      if (outcome.errored) exchange.errorMessage = outcome.errorMessage;
    };
    const relay = (
      upstreamBody: RelayStreamOptions['body'],
      observe?: RelayStreamOptions['observe'],
    ): Promise<RelayOutcome> =>
      relayStream({
        response,
        body: upstreamBody,
        converter,
        signal,
        renderError: (error) => deps.conversions.renderStreamError(inbound, error),
        onFirstWrite: (at) => {
          exchange.ttftMs ??= at - exchange.startedHr;
        },
        onWrite: keepAlive.touch,
        onFinish: settle,
        shouldDrop,
        observe,
        holdPausedTurn: observe !== undefined,
      });
    try {
      if (call.resend) {
        await relayPausableTurn(call.resend, body, relay, converter, exchange, signal, () => {
          settle({ errored: false, aborted: false, paused: false, errorMessage: null });
          endPausedStream(response, converter, shouldDrop);
        });
      } else {
        await relay(body);
      }
    } finally {
      keepAlive.stop();
      deps.metrics.activeStreams.dec();
    }
  }

  function respondWithError(
    response: ServerResponse,
    exchange: ProxyExchange,
    error: unknown,
    limits: Array<RateLimitDecision | undefined>,
  ): void {
    const gatewayError = toGatewayError(error);
    exchange.errorMessage = gatewayError.message;
    if (gatewayError.status >= 500 && !(error instanceof GatewayError)) {
      deps.logger.error({ err: error, requestId: exchange.requestId }, 'proxy request failed');
    }
    if (response.headersSent) {
      if (!response.writableEnded && !response.destroyed) {
        response.end();
      }
      return;
    }
    if (error instanceof Object && 'upstreamBody' in error) {
      const upstreamError = error as unknown as {
        upstreamStatus: number;
        upstreamHeaders: Record<string, string>;
        upstreamBody: string;
        upstreamFormat: ApiFormat;
      };
      const answer = deps.conversions.convertUpstreamError({
        inbound,
        upstream: upstreamError.upstreamFormat,
        status: upstreamError.upstreamStatus,
        headers: upstreamError.upstreamHeaders,
        body: upstreamError.upstreamBody,
      });
      exchange.status = answer.status;
      exchange.errorMessage = extractErrorMessage(answer.body) ?? gatewayError.message;
      sendJson(response, answer.status, answer.headers, answer.body);
      return;
    }
    if (gatewayError.status === 499) {
      exchange.status = 499;
      return;
    }
    const answer = deps.conversions.renderError(inbound, gatewayError, exchange.requestId);
    const tightest = pickTightest(limits);
    exchange.status = answer.status;
    sendJson(
      response,
      answer.status,
      {
        ...(tightest ? buildRateLimitHeaders(inbound, tightest, deps.now()) : {}),
        ...answer.headers,
      },
      answer.body,
    );
  }
}

/**
 * A token estimate from the request body's size (when the upstream reports no usage). Made out
 * here: a closure made in `parseAndForward` would keep that scope, and the request it holds, alive
 * for as long as the exchange.
 */
function estimateFromBodySize(bodyCharacters: number): () => { input: number; output: number } {
  return () => ({ input: Math.ceil(bodyCharacters / 4), output: 0 });
}

/** A continuation of a paused turn failed: the answer is the turn so far, and the log says why. */
function noteFailedContinuation(exchange: ProxyExchange, error: unknown): void {
  exchange.notes = [
    ...exchange.notes,
    {
      kind: 'approximated',
      path: 'stop_reason',
      message: `Continuing the paused server-tool turn failed (${toGatewayError(error).message}); answered with the turn so far.`,
    },
  ];
}

/** Signed thinking is kept and restored per user (the key's owner; set once the key is known). */
function thinkingScope(exchange: ProxyExchange): string {
  return exchange.grant?.user.id ?? '';
}

function isAnthropicCandidate(candidate: RouteCandidate): boolean {
  return candidate.credential.provider === 'anthropic';
}

function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError({
    code: 'internal',
    status: 500,
    message: 'The gateway failed to handle this request.',
    cause: error,
  });
}

function isUsageOnlyChunk(frame: { data: string }): boolean {
  return frame.data.includes('"choices":[]') && frame.data.includes('"usage"');
}

function extractErrorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}
