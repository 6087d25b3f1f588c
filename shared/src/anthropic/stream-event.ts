/**
 * @module anthropic/stream-event
 * Anthropic streaming events (`RawMessageStreamEvent` of `@anthropic-ai/sdk`; CONVERSION.md §4.2).
 * On the wire each is `event: <type>` plus `data: <json>`, the JSON `type` equal to the event name.
 *
 * ```
 * stream := message_start ping* block* message_delta+ message_stop
 * block  := content_block_start(i) (content_block_delta(i) | ping)* content_block_stop(i)
 * ```
 */
import type { AnthropicResponseContentBlock } from './content-blocks';
import type { AnthropicMessage, AnthropicStopDetails, AnthropicStopReason } from './message';
import type { AnthropicErrorObject } from './error-body';

export interface AnthropicMessageStartEvent {
  type: 'message_start';
  /** The whole message with `content: []`, `stop_reason: null` and the input-side usage. */
  message: AnthropicMessage;
}

export interface AnthropicContentBlockStartEvent {
  type: 'content_block_start';
  index: number;
  content_block: AnthropicResponseContentBlock;
}

export type AnthropicContentBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'citations_delta'; citation: unknown };

export interface AnthropicContentBlockDeltaEvent {
  type: 'content_block_delta';
  index: number;
  delta: AnthropicContentBlockDelta;
}

export interface AnthropicContentBlockStopEvent {
  type: 'content_block_stop';
  index: number;
}

/** Cumulative whole-message totals: overwrite, never add; absent counters keep earlier values. */
export interface AnthropicMessageDeltaUsage {
  output_tokens: number;
  input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
}

export interface AnthropicMessageDeltaEvent {
  type: 'message_delta';
  delta: {
    stop_reason: AnthropicStopReason | null;
    stop_sequence: string | null;
    stop_details?: AnthropicStopDetails | null;
  };
  usage: AnthropicMessageDeltaUsage;
}

export interface AnthropicMessageStopEvent {
  type: 'message_stop';
}

export interface AnthropicPingEvent {
  type: 'ping';
}

/** A mid-stream error: the same body as an HTTP error (key `error`, never `message`; §4.8). */
export interface AnthropicErrorEvent {
  type: 'error';
  error: AnthropicErrorObject;
}

export type AnthropicStreamEvent =
  | AnthropicMessageStartEvent
  | AnthropicContentBlockStartEvent
  | AnthropicContentBlockDeltaEvent
  | AnthropicContentBlockStopEvent
  | AnthropicMessageDeltaEvent
  | AnthropicMessageStopEvent
  | AnthropicPingEvent
  | AnthropicErrorEvent;
