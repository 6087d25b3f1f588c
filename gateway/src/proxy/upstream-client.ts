/**
 * @module upstream-client
 * The one place that talks HTTP to upstream providers: an undici Agent (a keep-alive Pool per
 * origin), per-request timeouts (connect, first byte, idle gap between body chunks) and the
 * caller's AbortSignal, and the one mapping from undici error codes to GatewayErrors.
 */
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

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Dispatcher.ResponseData['body'];
}

export interface UpstreamClient {
  send(call: UpstreamCall): Promise<UpstreamResponse>;
  /** Open sockets per origin (for leak checks and metrics). */
  stats(): Record<string, { connected: number; pending: number; running: number }>;
  close(): Promise<void>;
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
        try {
          const response = await agent.request({
            origin,
            path,
            method: call.method ?? 'POST',
            headers: call.headers,
            body: call.body,
            signal: call.signal,
          });
          // Only error answers read the headers: flattened on first use.
          let headers: Record<string, string> | undefined;
          return {
            status: response.statusCode,
            get headers() {
              return (headers ??= flattenHeaders(response.headers));
            },
            body: response.body,
          };
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

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
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
