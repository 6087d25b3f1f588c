/**
 * @module upstream-client
 * The one place that talks HTTP to upstream providers: an undici Agent (a keep-alive Pool per
 * origin), per-request timeouts (connect, first byte, idle gap between body chunks) and the
 * caller's AbortSignal, and the one mapping from undici error codes to GatewayErrors.
 *
 * Requests go through undici's `dispatch` with our own handler ({@link UpstreamAnswer}) rather
 * than `request()`: the answer's body is kept as the chunks undici hands over and read either
 * whole (`text()`) or pushed chunk by chunk to a sink (`deliver()`, with backpressure), without a
 * Node stream in between. That is ~30 µs less CPU per request on the hot path (docs/benchmarks.md).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { LRUCache } from 'lru-cache';
import { GatewayError } from '@llmfb/shared';

export interface UpstreamClientOptions {
  readonly connectTimeoutMs: number;
  /** Until the response headers arrive (time to first byte). */
  readonly firstByteTimeoutMs: number;
  /** Longest silence between two body chunks. */
  readonly idleTimeoutMs: number;
  /** Sockets per origin; undefined = no cap (an LLM stream holds its socket for minutes). */
  readonly connectionsPerOrigin?: number;
}

export interface UpstreamCall {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
}

/** Takes an upstream body chunk by chunk, as undici hands it over ({@link UpstreamBody.deliver}). */
export interface BodySink {
  /** One chunk. `false` pauses the upstream socket until {@link UpstreamBody.resume}. */
  data(chunk: Buffer): boolean;
  /** The body ended; called once, after the last chunk. */
  end(): void;
  /** The body failed (after the chunks that came before the failure); called once. */
  error(error: unknown): void;
}

/** An upstream answer's body, read once: whole as text, or pushed chunk by chunk to a sink. */
export interface UpstreamBody {
  text(): Promise<string>;
  /**
   * Hands the body to `sink` from undici's own callbacks, with no promise per chunk (the
   * streaming hot path). Chunks that came before this call go first, before it returns.
   */
  deliver(sink: BodySink): void;
  /** Hands over the rest after `sink.data` returned false. */
  resume(): void;
  /** Aborts the upstream request: the reader gave up. */
  cancel(reason: Error): void;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The `content-type` header ('' when absent), read without flattening the headers. */
  readonly contentType: string;
  readonly body: UpstreamBody;
}

export interface UpstreamClient {
  send(call: UpstreamCall): Promise<UpstreamResponse>;
  /** Open sockets per origin (for leak checks and metrics). */
  stats(): Record<string, { connected: number; pending: number; running: number }>;
  close(): Promise<void>;
}

/** Body bytes held before a reader comes (`text` or `deliver`) until the upstream socket pauses. */
const highWaterBytes = 64 * 1024;

/**
 * Request bodies from this length on are handed to undici once ({@link handOnce}): given a
 * string, undici keeps a Buffer copy of it until the answer ends, which for a long stream of an
 * agent's 100 KB+ conversation is that much memory held per stream for minutes.
 */
const handOnceFromChars = 16 * 1024;

/** An iterable that gives up its only chunk as it hands it over, so nothing keeps it after. */
function handOnce(bytes: Buffer): Iterable<Buffer> {
  let pending: Buffer | undefined = bytes;
  return {
    [Symbol.iterator]: () => ({
      next: (): IteratorResult<Buffer> => {
        const value = pending;
        pending = undefined;
        return value ? { value, done: false } : { value: undefined, done: true };
      },
    }),
  };
}

/** What to dispatch for `call`: a large body as a one-shot iterable, with its length. */
function dispatchOptions(
  origin: string,
  path: string,
  call: UpstreamCall,
): Dispatcher.DispatchOptions {
  const method = call.method ?? 'POST';
  const text = call.body;
  if (text === undefined || text.length < handOnceFromChars) {
    return { origin, path, method, headers: call.headers, body: text };
  }
  const bytes = Buffer.from(text);
  return {
    origin,
    path,
    method,
    headers: { ...call.headers, 'content-length': String(bytes.length) },
    // undici takes any iterable of chunks at run time; its types list streams only.
    body: handOnce(bytes) as unknown as Dispatcher.DispatchOptions['body'],
  };
}

interface Settle {
  resolve(answer: UpstreamAnswer): void;
  reject(error: unknown): void;
}

/**
 * One upstream request: undici's dispatch handler, the answer once the status line is in, and
 * its body. The caller's AbortSignal aborts the request at any stage.
 */
class UpstreamAnswer implements Dispatcher.DispatchHandler, UpstreamResponse, UpstreamBody {
  status = 0;
  #rawHeaders: IncomingHttpHeaders = {};
  #headers: Record<string, string> | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #settle: Settle | undefined;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #ended = false;
  #error: unknown;
  #wholeBody = false;
  #wake: (() => void) | undefined;
  /** The reader of `deliver`, until it has had the end or the failure. */
  #sink: BodySink | undefined;
  /** The sink asked for a pause; chunks wait in `#chunks`. */
  #sinkPaused = false;
  readonly #signal: AbortSignal;
  readonly #onAbort = () => this.#abort(abortReason(this.#signal));

  constructor(signal: AbortSignal, settle: Settle) {
    this.#signal = signal;
    this.#settle = settle;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Only error answers read the headers: flattened on first use. */
  get headers(): Record<string, string> {
    return (this.#headers ??= flattenHeaders(this.#rawHeaders));
  }

  get contentType(): string {
    const value = this.#rawHeaders['content-type'];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  }

  get body(): UpstreamBody {
    return this;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Aborted while waiting for a socket: the request goes no further.
    if (this.#signal.aborted) controller.abort(abortReason(this.#signal));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHttpHeaders,
  ): void {
    if (status < 200) return;
    this.status = status;
    this.#rawHeaders = headers;
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.resolve(this);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#sink && !this.#sinkPaused && this.#chunks.length === 0) {
      if (!this.#sink.data(chunk)) this.#pauseForSink();
      return;
    }
    this.#chunks.push(chunk);
    // A whole-body read waits for the end only; a sink that paused gets these when it resumes.
    if (this.#wholeBody || this.#sink) return;
    this.#bytes += chunk.length;
    if (this.#bytes >= highWaterBytes) controller.pause();
  }

  onResponseEnd(): void {
    this.#ended = true;
    this.#signal.removeEventListener('abort', this.#onAbort);
    this.#wakeReader();
    this.#flushToSink();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.#fail(error);
  }

  async text(): Promise<string> {
    this.#wholeBody = true;
    if (this.#controller?.paused) this.#controller.resume();
    while (!this.#ended && this.#error === undefined) await this.#nextEvent();
    if (this.#error !== undefined) throw mapUpstreamError(this.#error);
    const chunks = this.#chunks;
    this.#chunks = [];
    return chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString();
  }

  deliver(sink: BodySink): void {
    this.#sink = sink;
    // Also undoes a pause for chunks held before the sink came.
    this.resume();
  }

  resume(): void {
    this.#sinkPaused = false;
    this.#flushToSink();
    if (!this.#sinkPaused && this.#controller?.paused) this.#controller.resume();
  }

  cancel(reason: Error): void {
    this.#abort(reason);
  }

  #pauseForSink(): void {
    this.#sinkPaused = true;
    if (this.#controller && !this.#controller.paused) this.#controller.pause();
  }

  /** Hands waiting chunks to the sink while it takes them, then the end or the failure. */
  #flushToSink(): void {
    const sink = this.#sink;
    if (!sink) return;
    while (this.#chunks.length > 0 && !this.#sinkPaused) {
      if (!sink.data(this.#chunks.shift()!)) this.#pauseForSink();
    }
    if (this.#chunks.length > 0 || (this.#error === undefined && !this.#ended)) return;
    this.#sink = undefined;
    if (this.#error !== undefined) sink.error(this.#error);
    else sink.end();
  }

  #nextEvent(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #abort(error: Error): void {
    if (this.#controller) this.#controller.abort(error);
    // Before a socket was assigned: fail now; onRequestStart aborts the request when it comes.
    this.#fail(error);
  }

  #fail(error: unknown): void {
    if (this.#ended || this.#error !== undefined) return;
    this.#error = error;
    this.#signal.removeEventListener('abort', this.#onAbort);
    const settle = this.#settle;
    this.#settle = undefined;
    settle?.reject(error);
    this.#wakeReader();
    this.#flushToSink();
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('This operation was aborted', 'AbortError');
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const agent = new Agent({
    connections: options.connectionsPerOrigin ?? null,
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.firstByteTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    pipelining: 1,
  });
  // Upstream URLs split into origin and path once each, not parsed again on every call.
  const targets = new LRUCache<string, { origin: string; path: string }>({ max: 1000 });
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return target;
  };

  return {
    async send(call) {
      const { origin, path } = targetOf(call.url);
      for (let attempt = 1; ; attempt += 1) {
        if (call.signal.aborted) throw mapUpstreamError(abortReason(call.signal));
        try {
          return await new Promise<UpstreamAnswer>((resolve, reject) => {
            const answer = new UpstreamAnswer(call.signal, { resolve, reject });
            agent.dispatch(dispatchOptions(origin, path, call), answer);
          });
        } catch (error) {
          // A kept-alive socket the upstream closed as we reused it fails before any answer
          // byte; one more try on a fresh socket, instead of a 502 for a healthy upstream.
          if (attempt === 1 && isClosedBeforeAnswer(error) && !call.signal.aborted) continue;
          throw mapUpstreamError(error);
        }
      }
    },
    stats() {
      const result: Record<string, { connected: number; pending: number; running: number }> = {};
      for (const [origin, stats] of Object.entries(agent.stats ?? {})) {
        const poolStats = stats as { connected?: number; pending?: number; running?: number };
        result[origin] = {
          connected: poolStats.connected ?? 0,
          pending: poolStats.pending ?? 0,
          running: poolStats.running ?? 0,
        };
      }
      return result;
    },
    close: () => agent.close(),
  };
}

function isClosedBeforeAnswer(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** undici error codes → GatewayErrors (STYLE.md §10.4: translation in one function). */
export function mapUpstreamError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const cause = error;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new GatewayError({
        code: 'upstream.timeout',
        status: 504,
        retryable: true,
        message: 'Connecting to the upstream timed out.',
        cause,
      });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new GatewayError({
        code: 'upstream.timeout',
        status: 504,
        retryable: true,
        message: 'The upstream did not start answering in time.',
        cause,
      });
    case 'UND_ERR_BODY_TIMEOUT':
      return new GatewayError({
        code: 'upstream.timeout',
        status: 504,
        retryable: false,
        message: 'The upstream went silent in the middle of its answer.',
        cause,
      });
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return new GatewayError({
        code: 'upstream.unreachable',
        status: 499,
        retryable: false,
        message: 'The request was aborted.',
        cause,
      });
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new GatewayError({
        code: 'upstream.unreachable',
        status: 502,
        retryable: true,
        message: `The upstream could not be reached (${code}).`,
        cause,
      });
    default:
      if ((error as { name?: string } | undefined)?.name === 'AbortError') {
        return new GatewayError({
          code: 'upstream.unreachable',
          status: 499,
          retryable: false,
          message: 'The request was aborted.',
          cause,
        });
      }
      return new GatewayError({
        code: 'upstream.unreachable',
        status: 502,
        retryable: true,
        message: 'The upstream request failed.',
        cause,
      });
  }
}
