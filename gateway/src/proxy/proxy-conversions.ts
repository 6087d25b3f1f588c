/**
 * @module proxy-conversions
 * The proxy's view of the conversion core: one object that answers every dialect question for an
 * (inbound format, upstream format) pair. Same-format pairs pass through (model name replaced);
 * cross-format pairs go through the pure converters in @llmfb/shared.
 */
import type {
  ApiFormat,
  ClaudeModelCapabilities,
  ConversionContext,
  ConversionNote,
  GatewayError,
  ResponseHints,
  SseEvent,
  StreamConverter,
  UsageSummary,
} from '@llmfb/shared';

/** The caller's request after minimal validation: the fields the proxy routes on, plus the body. */
export interface ParsedProxyRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly body: Record<string, unknown>;
}

export interface UpstreamRequestBody {
  readonly body: Record<string, unknown>;
  readonly hints: ResponseHints;
  readonly notes: readonly ConversionNote[];
}

export interface ErrorAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface ProxyConversions {
  parseRequest(inbound: ApiFormat, body: unknown): ParsedProxyRequest;
  /**
   * Before an OpenAI request is converted for an Anthropic upstream: fetches the signed thinking
   * its tool-call turns lack from the shared cache (§10.2); undefined when there is nothing to
   * wait for.
   */
  prefetchThinking(thinkingScope: string, request: ParsedProxyRequest): Promise<void> | undefined;
  /** The upstream body for `upstreamFormat`, with `model` set to `upstreamModel`. */
  convertRequest(options: {
    inbound: ApiFormat;
    upstream: ApiFormat;
    request: ParsedProxyRequest;
    upstreamModel: string;
    context: ConversionContext;
    /** Whose signed thinking may be restored (the caller's user id). */
    thinkingScope: string;
    /** An Anthropic upstream's own word on the model (§10.4); default: the static table. */
    capabilities?: ClaudeModelCapabilities | undefined;
  }): UpstreamRequestBody;
  /** A non-stream upstream answer in the caller's format, with its usage. */
  convertResponse(options: {
    inbound: ApiFormat;
    upstream: ApiFormat;
    body: unknown;
    hints: ResponseHints;
    context: ConversionContext;
    /** Whose signed thinking this answer's turn keeps (the caller's user id). */
    thinkingScope: string;
  }): { body: unknown; usage: UsageSummary | undefined; notes: readonly ConversionNote[] };
  createStreamConverter(options: {
    inbound: ApiFormat;
    upstream: ApiFormat;
    hints: ResponseHints;
    context: ConversionContext;
    thinkingScope: string;
    /**
     * OpenAI caller, Anthropic upstream: a `pause_turn` stays open for the gateway to continue
     * (`StreamConverter.pausedTurn`, CONVERSION.md §10.3).
     */
    holdPausedTurns?: boolean;
  }): StreamConverter;
  /** An upstream error answer (status + body) in the caller's dialect, retry-after kept. */
  convertUpstreamError(options: {
    inbound: ApiFormat;
    upstream: ApiFormat;
    status: number;
    headers: Record<string, string>;
    body: string;
  }): ErrorAnswer;
  /** A gateway-made error in the caller's dialect. */
  renderError(inbound: ApiFormat, error: GatewayError, requestId: string): ErrorAnswer;
  /** A mid-stream error frame in the caller's dialect (after it the stream ends). */
  renderStreamError(inbound: ApiFormat, error: GatewayError): SseEvent;
}
