/**
 * @module convert/types
 * The contract between the conversion core and its callers (the gateway's proxy). Converters are
 * pure: no I/O, no clock, no randomness except through `ConversionContext`.
 */

/** The two API dialects. */
export type ApiFormat = 'openai' | 'anthropic';

/** One lossy decision a conversion made, reported to the caller (`x-llmfb-conversion-notes`). */
export interface ConversionNote {
  /** dropped: a field was removed; clamped: a value changed to fit; approximated: a feature was
   * emulated; defaulted: a required value was supplied; refused never appears (refusals throw). */
  readonly kind: 'dropped' | 'clamped' | 'approximated' | 'defaulted';
  /** JSON path of the field in the caller's request or the upstream's response, e.g. `messages[2].content[0]`. */
  readonly path: string;
  /** One short human sentence. */
  readonly message: string;
}

/** Knobs of CONVERSION.md §9 that callers may set; every one has the documented default. */
export interface ConversionOptions {
  /** Turn every drop into a 400 (per key, or the `x-llmfb-strict: true` header). Default false. */
  readonly strict?: boolean;
  /** Default `max_tokens` for Anthropic upstreams when an OpenAI caller gives none (LLMFB_DEFAULT_MAX_TOKENS). */
  readonly defaultMaxTokens?: number;
  /** OpenAI upstream takes `max_tokens` instead of `max_completion_tokens` (OA-compatible servers). */
  readonly upstreamMaxTokensField?: 'max_completion_tokens' | 'max_tokens';
  /** Whether the OpenAI upstream is api.openai.com (safety_identifier, max_completion_tokens). */
  readonly upstreamIsOfficialOpenAI?: boolean;
  /** §1.4/§2.2 `strip_unsupported_parts`: drop audio parts and file ids (with a note) instead of a 400. Default false. */
  readonly stripUnsupportedParts?: boolean;
  /** §1.3 `repair_tool_history`: synthesise `is_error` results for unanswered calls, orphan results become text. Default false. */
  readonly repairToolHistory?: boolean;
  /** §1.6 lenient mode: unparsable tool-call arguments become `{"_raw_arguments": "…"}` instead of a 400. Default false. */
  readonly lenientToolArguments?: boolean;
  /** §1.3 `append_continue_turn`: on models without prefill, append a user turn with this text instead of a 400. */
  readonly appendContinueTurn?: string;
  /** §1.12 `auto_cache`: mark the last tool, system block and user block when the caller set no breakpoint. Default true. */
  readonly autoCache?: boolean;
  /** §2.3 `tool_error_prefix` for `is_error` tool results sent to OpenAI. Default `Error: `. */
  readonly toolErrorPrefix?: string;
  /** §2.1 `stop_overflow`: more than 4 stop sequences for OpenAI → 400 (`reject`, default) or the first 4 (`truncate`). */
  readonly stopSequencesOverflow?: 'reject' | 'truncate';
  /** §2.1 `upstream_system_role`: the OpenAI role for Anthropic system text. Default `system`. */
  readonly upstreamSystemRole?: 'system' | 'developer';
  /** §2.5: the OpenAI upstream model may receive `web_search_options` (else Anthropic web search tools → 400). Default: from the capability table. */
  readonly allowWebSearch?: boolean;
}

/** Everything impure a converter may need, injected. */
export interface ConversionContext {
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** A fresh id with the given prefix, e.g. `generateId('msg_')`. */
  readonly generateId: (prefix: string) => string;
  readonly options?: ConversionOptions;
}

/**
 * What a request conversion hands to the matching response/stream conversion. The proxy passes
 * it through untouched; it is plain data (can be logged).
 */
export interface ResponseHints {
  /** The model name the caller sent (aliases are shown back to the caller). */
  readonly clientModel: string;
  /** Upstream tool name → the caller's original tool name (names shortened for OpenAI's 64-char limit). */
  readonly toolNames?: Readonly<Record<string, string>>;
  /** Set when response_format was emulated with a forced tool of this name (CONVERSION.md §1.9). */
  readonly jsonToolName?: string;
  /** OpenAI caller asked for `stream_options.include_usage`. */
  readonly includeUsage?: boolean;
  /** The caller asked for a stream. */
  readonly stream?: boolean;
  /**
   * The gateway's estimate of the prompt's input tokens (local tokenizer). OpenAI upstreams report
   * usage only at the end of a stream; this figure goes into the Anthropic `message_start` so
   * clients see a real count at once, and the upstream's figure replaces it in `message_delta`.
   */
  readonly estimatedInputTokens?: number;
}

export interface ConvertedRequest<T> {
  readonly request: T;
  readonly notes: readonly ConversionNote[];
  readonly hints: ResponseHints;
}

export interface ConvertedResponse<T> {
  readonly response: T;
  readonly notes: readonly ConversionNote[];
}

/** Token counts as the gateway logs them, whatever the dialect. */
export interface UsageSummary {
  /** All prompt tokens, cached included (OpenAI `prompt_tokens`). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
  readonly reasoningTokens?: number;
}

/** One SSE frame: `event:` name (Anthropic) or none (OpenAI), and the joined `data:` text. */
export interface SseEvent {
  readonly event?: string;
  readonly data: string;
  /**
   * Set on a comment frame (`: <comment>` on the wire, an upstream or gateway keep-alive); `event`
   * and `data` are then ignored. The SSE decoder yields these only when asked to.
   */
  readonly comment?: string;
}

/**
 * An incremental stream converter (or, for same-format streams, a tracker that returns its input
 * unchanged). `push` returns the frames to send to the caller now; `finish` is called once at
 * upstream EOF and returns the closing frames (or a well-formed error frame when the upstream
 * stream ended too early). `summary` can be read at any time.
 */
export interface StreamConverter {
  push(event: SseEvent): readonly SseEvent[];
  finish(): readonly SseEvent[];
  summary(): StreamSummary;
  /**
   * Anthropic → OpenAI converters made to hold paused turns only (CONVERSION.md §10.3): whether
   * the upstream message ended with a held `pause_turn`, and `resume()`, after which the events of
   * the turn's continuation (another upstream message) carry on in the same client stream.
   */
  readonly pausedTurn?: { isPaused(): boolean; resume(): void };
}

export interface StreamSummary {
  readonly usage: UsageSummary | undefined;
  /** The caller-dialect finish/stop reason once known. */
  readonly finishReason: string | undefined;
  /** Set when the stream carried or ended in an error (the caller got an error frame). */
  readonly error: { readonly type: string; readonly message: string } | undefined;
  /** Whether any content (text, thinking, tool call) was produced. */
  readonly hasContent: boolean;
  /** Text produced so far (for output-token estimates when the upstream gave no usage); may be capped. */
  readonly outputCharacters: number;
  /**
   * Anthropic → OpenAI streams only: the signed thinking / redacted thinking blocks of the answer,
   * as Anthropic needs them replayed (CONVERSION.md §10.2), and the tool_use ids they belong to,
   * so the gateway can keep them for OpenAI clients that drop `thinking_blocks`.
   */
  readonly replayThinking?: {
    readonly blocks: ReadonlyArray<
      | { readonly type: 'thinking'; readonly thinking: string; readonly signature: string }
      | { readonly type: 'redacted_thinking'; readonly data: string }
    >;
    readonly toolCallIds: readonly string[];
  };
}
