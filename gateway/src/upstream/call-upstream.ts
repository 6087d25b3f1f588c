/**
 * @module call-upstream
 * One small upstream call off the proxy's hot path (credential validation, model lists, the
 * proxy's capability refresh) with undici: explicit timeouts, the body always consumed (read up
 * to a cap, the rest discarded), and transport failures mapped once to 502 (unreachable) / 504
 * (timeout) GatewayErrors.
 */
import { request, type Dispatcher } from 'undici';
import { GatewayError } from '@llmfb/shared';

export interface UpstreamCall {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly dispatcher?: Dispatcher | undefined;
  /** Answer bytes kept; the rest is discarded. */
  readonly maxBodyBytes?: number;
}

export interface UpstreamAnswer {
  readonly status: number;
  readonly text: string;
}

const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function mapTransportError(error: unknown, url: string): GatewayError {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const name = String((error as { name?: unknown } | null)?.name ?? '');
  const origin = new URL(url).origin;
  if (timeoutCodes.has(code) || name === 'TimeoutError' || name === 'AbortError') {
    return new GatewayError({
      code: 'upstream.timeout',
      status: 504,
      message: `The upstream ${origin} did not answer in time.`,
      retryable: true,
      cause: error,
    });
  }
  return new GatewayError({
    code: 'upstream.unreachable',
    status: 502,
    message: `Could not reach the upstream ${origin}${code ? ` (${code})` : ''}.`,
    retryable: true,
    cause: error,
  });
}

export async function callUpstream(call: UpstreamCall): Promise<UpstreamAnswer> {
  const maxBodyBytes = call.maxBodyBytes ?? 4 * 1024 * 1024;
  try {
    const answer = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
      signal: AbortSignal.timeout(call.timeoutMs * 2),
      ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of answer.body) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > maxBodyBytes) {
        chunks.push(buffer.subarray(0, maxBodyBytes - size));
        size = maxBodyBytes;
        break; // leaving the loop destroys the rest of the body
      }
      chunks.push(buffer);
      size += buffer.length;
    }
    return { status: answer.statusCode, text: Buffer.concat(chunks, size).toString('utf8') };
  } catch (error) {
    throw mapTransportError(error, call.url);
  }
}

/** The upstream's own error message (OpenAI or Anthropic shape), else the start of the body. */
export function describeUpstreamFailure(answer: UpstreamAnswer, secret: string): string {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(answer.text) as {
      error?: { message?: unknown } | string;
      message?: unknown;
    };
    const candidate =
      typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof candidate === 'string') message = candidate;
  } catch {
    message = undefined;
  }
  const text = (message ?? answer.text).trim().slice(0, 300);
  const safe = secret ? text.split(secret).join('[redacted]') : text;
  return `The upstream answered ${answer.status}${safe ? `: ${safe}` : '.'}`;
}
