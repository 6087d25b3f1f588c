/**
 * @module convert/anthropic-to-openai/read-anthropic-event
 * One upstream SSE frame → a checked Anthropic stream event (CONVERSION.md §4.2). Hand-written
 * narrowing instead of a schema library: this runs once per upstream event on the hot path, and it
 * checks only what the converters read. The parsed JSON object itself is returned (no copy).
 *
 * - a frame whose JSON does not parse, or a known event missing a field the converters need, is
 *   `invalid` (the stream ends with an error frame rather than silently losing content);
 * - an unknown event type is `unknown` and ignored (§4.2: Anthropic's versioning policy allows new
 *   event and delta types).
 */
import type {
  AnthropicContentBlockDeltaEvent,
  AnthropicContentBlockStartEvent,
  AnthropicContentBlockStopEvent,
  AnthropicErrorEvent,
  AnthropicMessageDeltaEvent,
  AnthropicMessageStartEvent,
  AnthropicMessageStopEvent,
  AnthropicPingEvent,
} from '../../anthropic/stream-event';
import { scanInteger, scanJsonString } from '../scan-json-string';
import type { SseEvent } from '../types';

export type ReadAnthropicEvent =
  | AnthropicMessageStartEvent
  | AnthropicContentBlockStartEvent
  | AnthropicContentBlockDeltaEvent
  | AnthropicContentBlockStopEvent
  | AnthropicMessageDeltaEvent
  | AnthropicMessageStopEvent
  | AnthropicPingEvent
  | AnthropicErrorEvent
  | { readonly type: 'unknown'; readonly name: string }
  | { readonly type: 'invalid'; readonly reason: string };

type JsonObject = Record<string, unknown>;

/** A text, thinking or tool-argument delta read without `JSON.parse` (see `../scan-json-string`). */
export interface FastAnthropicDelta {
  readonly index: number;
  readonly kind: 'text_delta' | 'input_json_delta' | 'thinking_delta';
  /** The JSON string literal, quotes included, exactly as the upstream wrote it. */
  readonly literal: string;
  /** The decoded string's length. */
  readonly length: number;
}

const deltaPrefix = '{"type":"content_block_delta","index":';
const fastDeltaKinds = [
  [',"delta":{"type":"text_delta","text":', 'text_delta'],
  [',"delta":{"type":"input_json_delta","partial_json":', 'input_json_delta'],
  [',"delta":{"type":"thinking_delta","thinking":', 'thinking_delta'],
] as const;

/**
 * Recognises Anthropic's own serialisation of the three common deltas, key order and all; any
 * other spelling (extra keys, spaces, unusual escapes) returns undefined for the full parse.
 */
export function readAnthropicDeltaFast(data: string): FastAnthropicDelta | undefined {
  if (!data.startsWith(deltaPrefix)) return undefined;
  const index = scanInteger(data, deltaPrefix.length);
  if (index === undefined) return undefined;
  for (const [infix, kind] of fastDeltaKinds) {
    if (!data.startsWith(infix, index.end)) continue;
    const literalStart = index.end + infix.length;
    const literal = scanJsonString(data, literalStart);
    if (literal === undefined || literal.end !== data.length - 2 || !data.endsWith('}}')) {
      return undefined;
    }
    return {
      index: index.value,
      kind,
      literal: data.slice(literalStart, literal.end),
      length: literal.length,
    };
  }
  return undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null;
}

const invalid = (reason: string): ReadAnthropicEvent => ({ type: 'invalid', reason });

/** Parses and checks one frame of an Anthropic stream. */
export function readAnthropicEvent(frame: SseEvent): ReadAnthropicEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.data);
  } catch {
    return invalid(`event data is not JSON (${frame.event ?? 'no event name'})`);
  }
  if (!isObject(parsed)) return invalid('event data is not a JSON object');
  const type = typeof parsed.type === 'string' ? parsed.type : frame.event;
  switch (type) {
    case 'content_block_delta': {
      const { delta } = parsed;
      if (typeof parsed.index !== 'number' || !isObject(delta) || typeof delta.type !== 'string') {
        return invalid('content_block_delta without index or delta');
      }
      if (!hasDeltaPayload(delta)) return invalid(`${delta.type} without its text`);
      return parsed as unknown as AnthropicContentBlockDeltaEvent;
    }
    case 'content_block_start': {
      const block = parsed.content_block;
      if (typeof parsed.index !== 'number' || !isObject(block) || typeof block.type !== 'string') {
        return invalid('content_block_start without index or content_block');
      }
      if (
        block.type === 'tool_use' &&
        (typeof block.id !== 'string' || typeof block.name !== 'string')
      ) {
        return invalid('tool_use block without id or name');
      }
      return parsed as unknown as AnthropicContentBlockStartEvent;
    }
    case 'content_block_stop':
      if (typeof parsed.index !== 'number') return invalid('content_block_stop without index');
      return parsed as unknown as AnthropicContentBlockStopEvent;
    case 'message_start': {
      const { message } = parsed;
      if (!isObject(message) || typeof message.id !== 'string') {
        return invalid('message_start without message id');
      }
      return parsed as unknown as AnthropicMessageStartEvent;
    }
    case 'message_delta':
      if (!isObject(parsed.delta)) return invalid('message_delta without delta');
      return parsed as unknown as AnthropicMessageDeltaEvent;
    case 'message_stop':
      return parsed as unknown as AnthropicMessageStopEvent;
    case 'ping':
      return parsed as unknown as AnthropicPingEvent;
    case 'error':
      return readErrorEvent(parsed);
    default:
      return { type: 'unknown', name: type ?? '' };
  }
}

/** The text field a known delta type must carry; unknown delta types pass (they are ignored). */
function hasDeltaPayload(delta: JsonObject): boolean {
  switch (delta.type) {
    case 'text_delta':
      return typeof delta.text === 'string';
    case 'input_json_delta':
      return typeof delta.partial_json === 'string';
    case 'thinking_delta':
      return typeof delta.thinking === 'string';
    case 'signature_delta':
      return typeof delta.signature === 'string';
    default:
      return true;
  }
}

/** `{type:"error", error:{type, message}}`; a bare or odd error body still yields an error event. */
function readErrorEvent(parsed: JsonObject): AnthropicErrorEvent {
  const error = isObject(parsed.error) ? parsed.error : parsed;
  const message = typeof error.message === 'string' ? error.message : 'Upstream stream error.';
  const type = typeof error.type === 'string' && error.type !== 'error' ? error.type : 'api_error';
  return { type: 'error', error: { type, message } as AnthropicErrorEvent['error'] };
}
