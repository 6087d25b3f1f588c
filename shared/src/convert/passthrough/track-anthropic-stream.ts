/**
 * @module convert/passthrough/track-anthropic-stream
 * Same-format tracker for Anthropic streams (Anthropic caller, Anthropic upstream): every frame is
 * returned unchanged — the same object, never re-encoded — while usage, stop reason, errors and
 * output size are read for the proxy's log. At EOF it closes the stream the way the converters do
 * (CONVERSION.md §4.4/§4.5 EOF rules): a missing `message_stop` after `message_delta` is supplied;
 * any other early end gets an `event: error`.
 */
import { summarizeAnthropicUsage } from '../anthropic-to-openai/usage';
import {
  readAnthropicDeltaFast,
  readAnthropicEvent,
} from '../anthropic-to-openai/read-anthropic-event';
import {
  formatAnthropicErrorEvent,
  MESSAGE_STOP_FRAME,
} from '../openai-to-anthropic/anthropic-event-writer';
import type { SseEvent, StreamConverter, StreamSummary, UsageSummary } from '../types';

const noFrames: readonly SseEvent[] = Object.freeze([]);

export function createAnthropicStreamTracker(): StreamConverter {
  let isDone = false;
  let messageDeltaSeen = false;
  let usage: UsageSummary | undefined;
  let stopReason: string | undefined;
  let error: StreamSummary['error'];
  let hasContent = false;
  let outputCharacters = 0;

  function track(frame: SseEvent): void {
    if (frame.comment !== undefined) return;
    const fastDelta = readAnthropicDeltaFast(frame.data);
    if (fastDelta !== undefined) {
      if (fastDelta.length > 0) {
        hasContent = true;
        outputCharacters += fastDelta.length;
      }
      return;
    }
    const event = readAnthropicEvent(frame);
    switch (event.type) {
      case 'message_start': {
        const startUsage = event.message.usage;
        if (typeof startUsage === 'object' && startUsage !== null) {
          usage = summarizeAnthropicUsage(startUsage);
        }
        break;
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type !== 'text') hasContent = true;
        else if (block.text !== '') {
          hasContent = true;
          outputCharacters += block.text.length;
        }
        break;
      }
      case 'content_block_delta': {
        const { delta } = event;
        const text =
          delta.type === 'text_delta'
            ? delta.text
            : delta.type === 'thinking_delta'
              ? delta.thinking
              : delta.type === 'input_json_delta'
                ? delta.partial_json
                : '';
        if (text !== '') {
          hasContent = true;
          outputCharacters += text.length;
        }
        break;
      }
      case 'message_delta': {
        messageDeltaSeen = true;
        stopReason = event.delta.stop_reason ?? undefined;
        const deltaUsage = event.usage;
        if (typeof deltaUsage === 'object' && deltaUsage !== null) {
          // Overwrite, never add: present fields are whole-message totals (§4.2).
          usage = {
            inputTokens:
              (deltaUsage.input_tokens ?? computeUncachedInput(usage)) +
              (deltaUsage.cache_creation_input_tokens ?? usage?.cacheCreationTokens ?? 0) +
              (deltaUsage.cache_read_input_tokens ?? usage?.cacheReadTokens ?? 0),
            outputTokens: deltaUsage.output_tokens ?? usage?.outputTokens ?? 0,
            cacheReadTokens: deltaUsage.cache_read_input_tokens ?? usage?.cacheReadTokens ?? 0,
            cacheCreationTokens:
              deltaUsage.cache_creation_input_tokens ?? usage?.cacheCreationTokens ?? 0,
            ...(deltaUsage.output_tokens_details?.thinking_tokens != null
              ? { reasoningTokens: deltaUsage.output_tokens_details.thinking_tokens }
              : usage?.reasoningTokens !== undefined
                ? { reasoningTokens: usage.reasoningTokens }
                : {}),
          };
        }
        break;
      }
      case 'message_stop':
        isDone = true;
        break;
      case 'error':
        error = { type: event.error.type, message: event.error.message };
        isDone = true;
        break;
      default:
        break;
    }
  }

  return {
    push(frame) {
      if (!isDone) track(frame);
      return [frame];
    },
    finish() {
      if (isDone) return noFrames;
      isDone = true;
      if (messageDeltaSeen) return [MESSAGE_STOP_FRAME];
      error = { type: 'api_error', message: 'upstream stream ended unexpectedly' };
      return [formatAnthropicErrorEvent('api_error', error.message)];
    },
    summary: () => ({
      usage,
      finishReason: error === undefined ? stopReason : undefined,
      error,
      hasContent,
      outputCharacters,
    }),
  };
}

/** The uncached input of a summary (which stores all prompt tokens). */
function computeUncachedInput(usage: UsageSummary | undefined): number {
  return usage === undefined
    ? 0
    : usage.inputTokens - usage.cacheCreationTokens - usage.cacheReadTokens;
}
