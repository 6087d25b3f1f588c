/**
 * @module convert/openai-to-anthropic/anthropic-event-writer
 * Writes Anthropic stream events (CONVERSION.md §4.2) as SSE frames: `event: <type>` plus the JSON
 * whose `type` equals it. The per-delta events are assembled from fixed text around one
 * `JSON.stringify` of the payload text (this runs once per upstream chunk); the output is what
 * `JSON.stringify` of the event object would give.
 */
import type { AnthropicErrorType } from '../../anthropic/error-body';
import type { AnthropicStopReason } from '../../anthropic/message';
import type { SseEvent } from '../types';

export interface MessageStartFields {
  readonly id: string;
  readonly model: string;
  /** The prompt's input tokens as far as known at the start (the gateway's estimate, or 0). */
  readonly inputTokens: number;
}

/** `message_delta.usage`: whole-message totals. */
export interface MessageDeltaUsageFields {
  readonly input_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
  readonly output_tokens: number;
  readonly output_tokens_details?: { readonly thinking_tokens?: number } | null;
}

export function formatMessageStart(fields: MessageStartFields): SseEvent {
  return {
    event: 'message_start',
    data: JSON.stringify({
      type: 'message_start',
      message: {
        id: fields.id,
        type: 'message',
        role: 'assistant',
        model: fields.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: fields.inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 0,
        },
      },
    }),
  };
}

export function formatTextBlockStart(index: number): SseEvent {
  return {
    event: 'content_block_start',
    data: `{"type":"content_block_start","index":${index},"content_block":{"type":"text","text":""}}`,
  };
}

export function formatThinkingBlockStart(index: number): SseEvent {
  return {
    event: 'content_block_start',
    data: `{"type":"content_block_start","index":${index},"content_block":{"type":"thinking","thinking":"","signature":""}}`,
  };
}

export function formatToolUseBlockStart(index: number, id: string, name: string): SseEvent {
  return {
    event: 'content_block_start',
    data: `{"type":"content_block_start","index":${index},"content_block":{"type":"tool_use","id":${JSON.stringify(id)},"name":${JSON.stringify(name)},"input":{}}}`,
  };
}

/** `quotedText` is a JSON string literal (`JSON.stringify(text)`, or one copied from upstream). */
export function formatTextDelta(index: number, quotedText: string): SseEvent {
  return {
    event: 'content_block_delta',
    data: `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${quotedText}}}`,
  };
}

/** `quotedThinking` is a JSON string literal. */
export function formatThinkingDelta(index: number, quotedThinking: string): SseEvent {
  return {
    event: 'content_block_delta',
    data: `{"type":"content_block_delta","index":${index},"delta":{"type":"thinking_delta","thinking":${quotedThinking}}}`,
  };
}

export function formatInputJsonDelta(index: number, partialJson: string): SseEvent {
  return {
    event: 'content_block_delta',
    data: `{"type":"content_block_delta","index":${index},"delta":{"type":"input_json_delta","partial_json":${JSON.stringify(partialJson)}}}`,
  };
}

export function formatBlockStop(index: number): SseEvent {
  return { event: 'content_block_stop', data: `{"type":"content_block_stop","index":${index}}` };
}

export function formatMessageDelta(
  stopReason: AnthropicStopReason,
  usage: MessageDeltaUsageFields,
): SseEvent {
  const delta =
    stopReason === 'refusal'
      ? {
          stop_reason: stopReason,
          stop_sequence: null,
          stop_details: { type: 'refusal', category: null, explanation: null },
        }
      : { stop_reason: stopReason, stop_sequence: null };
  return { event: 'message_delta', data: JSON.stringify({ type: 'message_delta', delta, usage }) };
}

export const MESSAGE_STOP_FRAME: SseEvent = Object.freeze({
  event: 'message_stop',
  data: '{"type":"message_stop"}',
});

export const PING_FRAME: SseEvent = Object.freeze({ event: 'ping', data: '{"type":"ping"}' });

/** `event: error` with key `error` (never `message`, §4.8); no `message_stop` follows (§4.6). */
export function formatAnthropicErrorEvent(type: AnthropicErrorType, message: string): SseEvent {
  return { event: 'error', data: JSON.stringify({ type: 'error', error: { type, message } }) };
}
