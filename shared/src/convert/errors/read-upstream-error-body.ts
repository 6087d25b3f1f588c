/**
 * @module convert/errors/read-upstream-error-body
 * Reads whatever an upstream sent with an error status: an Anthropic or OpenAI error body, one of
 * the shapes OpenAI-compatible servers use (`{error:"text"}`, vLLM's `{object:"error", message}`,
 * FastAPI's `{detail}`), or no JSON at all (an HTML page from a proxy or load balancer). Never
 * throws; a body it cannot read becomes a short, tag-free excerpt in the message.
 */
import { isRecord } from '../../is-record';

export interface UpstreamErrorFacts {
  readonly message: string;
  readonly type?: string;
  readonly code?: string;
  /** Anthropic `error.details.error_code`. */
  readonly errorCode?: string;
  /** Anthropic body `request_id`. */
  readonly requestId?: string;
  /** Which dialect's error shape the body had, if any (a same-format passthrough keeps it). */
  readonly shape: 'anthropic' | 'openai' | 'other';
  /** The parsed JSON body, when it was JSON. */
  readonly json?: unknown;
}

const excerptLength = 200;

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Parses `body` (bytes, text or an already-parsed value) into the facts the tables need. */
export function readUpstreamErrorBody(body: unknown, status: number): UpstreamErrorFacts {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? new TextDecoder().decode(body)
        : undefined;
  let json: unknown = body;
  if (text !== undefined) {
    try {
      json = JSON.parse(text);
    } catch {
      return { message: describeNonJsonBody(text, status), shape: 'other' };
    }
  }
  return readJsonErrorBody(json, status);
}

function readJsonErrorBody(json: unknown, status: number): UpstreamErrorFacts {
  if (!isRecord(json))
    return { message: `Upstream returned HTTP ${status}.`, shape: 'other', json };
  const { error } = json;
  if (isRecord(error)) {
    const message = readString(error.message) ?? `Upstream returned HTTP ${status}.`;
    const type = readString(error.type);
    if (json.type === 'error') {
      const details = error.details;
      return {
        message,
        type,
        errorCode: isRecord(details) ? readString(details.error_code) : undefined,
        requestId: readString(json.request_id),
        shape:
          type !== undefined && readString(error.message) !== undefined ? 'anthropic' : 'other',
        json,
      };
    }
    const code = typeof error.code === 'number' ? String(error.code) : readString(error.code);
    const isOpenAIShape = readString(error.message) !== undefined && 'type' in error;
    return { message, type, code, shape: isOpenAIShape ? 'openai' : 'other', json };
  }
  const message =
    readString(error) ??
    readString(json.message) ??
    readString(json.detail) ??
    (Array.isArray(json.detail) ? describeDetailList(json.detail) : undefined) ??
    `Upstream returned HTTP ${status}.`;
  return { message, type: readString(json.type), shape: 'other', json };
}

/** FastAPI validation errors: `detail: [{loc, msg}]`. */
function describeDetailList(detail: readonly unknown[]): string | undefined {
  const messages = detail.flatMap((item) =>
    isRecord(item) && typeof item.msg === 'string' ? [item.msg] : [],
  );
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** `Upstream returned HTTP 502: 502 Bad Gateway` — the HTML title, or the text without tags. */
function describeNonJsonBody(text: string, status: number): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (
    title ?? text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]*>/gi, ' ')
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length === 0) return `Upstream returned HTTP ${status} with an empty body.`;
  const excerpt = plain.length > excerptLength ? `${plain.slice(0, excerptLength)}…` : plain;
  return `Upstream returned HTTP ${status}: ${excerpt}`;
}
