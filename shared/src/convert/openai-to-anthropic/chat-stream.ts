/**
 * @module convert/openai-to-anthropic/chat-stream
 * Direction B, streaming: OpenAI upstream chunks → Anthropic SSE events for the caller, as a
 * synchronous state machine (CONVERSION.md §4.5; STYLE.md §10.3). Block handling is in
 * `./chat-stream-blocks`.
 *
 * Per upstream chunk, payloads are handled in the order reasoning → content → refusal → tool_calls
 * → finish_reason → usage (§4.5), so a chunk carrying text and `finish_reason` emits the text first.
 *
 * | §4.5 step | here |
 * |---|---|
 * | 1 start | first chunk → `message_start` with the chunk id (`msg_` prefixed) and `input_tokens` = `hints.estimatedInputTokens` (0 without one); the real count follows in `message_delta` |
 * | 2–5 | `appendText` / `appendToolFragment` |
 * | 6 finish | stop the open block, emit waiting tool calls, `stop = map(finish_reason)` (§3.3: `length` wins over tool labels); `message_delta` is held |
 * | 7 usage | usage before the finish only updates state; the first usage on or after it emits the one `message_delta` (stop reason + real usage) and `message_stop`; later input is dropped |
 * | 8 `[DONE]` | if not closed: close blocks, `message_delta` with the usage known (the estimate and zeros otherwise), `message_stop` |
 * | 9 error | `event: error` with key `error` (§5.4 types), no `message_stop` |
 * | 10 comments | forwarded as `event: ping` |
 * | 11 EOF without `[DONE]` | finish as step 8 if `finish_reason` was seen, else `event: error` `api_error` |
 * | 12 | `choices[k]` with `index > 0` and role-only chunks add nothing |
 */
import type { AnthropicStopReason } from '../../anthropic/message';
import { assertNever } from '../../assert-never';
import type {
  ConversionContext,
  ResponseHints,
  SseEvent,
  StreamConverter,
  StreamSummary,
} from '../types';
import {
  formatAnthropicErrorEvent,
  formatMessageDelta,
  formatMessageStart,
  MESSAGE_STOP_FRAME,
  PING_FRAME,
} from './anthropic-event-writer';
import {
  appendText,
  appendToolFragment,
  closeAllBlocks,
  createChatStreamBlocks,
} from './chat-stream-blocks';
import { STREAM_ENDED_UNEXPECTEDLY } from '../anthropic-to-openai/message-stream';
import { mapOpenAIErrorToAnthropic } from './error';
import { mapFinishReasonToStopReason } from './finish-reason';
import { readOpenAIChunk, readOpenAITextFast, type ChunkChoice } from './read-openai-chunk';
import {
  convertOpenAIUsageToAnthropic,
  summarizeOpenAIUsage,
  type OpenAIUsageCounts,
} from './usage';

const noFrames: readonly SseEvent[] = Object.freeze([]);

/** Creates the converter for one OpenAI upstream stream whose caller speaks Anthropic. */
export function createOpenAIToAnthropicStreamConverter(
  hints: ResponseHints,
  context: ConversionContext,
): StreamConverter {
  const blocks = createChatStreamBlocks();
  const blockContext = { hints, generateId: context.generateId };
  let phase: 'awaiting_start' | 'streaming' | 'done' = 'awaiting_start';
  let finishSeen = false;
  let refusalSeen = false;
  let stopReason: AnthropicStopReason | undefined;
  let usage: OpenAIUsageCounts | undefined;
  let error: StreamSummary['error'];

  function startMessage(id: string | undefined, frames: SseEvent[]): void {
    if (phase !== 'awaiting_start') return;
    const messageId = id ?? context.generateId('msg_');
    frames.push(
      formatMessageStart({
        id: messageId.startsWith('msg_') ? messageId : `msg_${messageId}`,
        model: hints.clientModel,
        inputTokens: hints.estimatedInputTokens ?? 0,
      }),
    );
    phase = 'streaming';
  }

  function applyText(kind: 'text' | 'thinking', text: string, frames: SseEvent[]): void {
    if (text !== '')
      appendText(blocks, kind, JSON.stringify(text), text.length, blockContext, frames);
  }

  function applyChoice(choice: ChunkChoice, frames: SseEvent[]): void {
    const { delta } = choice;
    applyText('thinking', delta.reasoning_content || delta.reasoning || '', frames);
    applyText('text', delta.content ?? '', frames);
    if (delta.refusal) {
      refusalSeen = true;
      applyText('text', delta.refusal, frames);
    }
    const toolCalls = delta.tool_calls ?? [];
    for (let position = 0; position < toolCalls.length; position++) {
      appendToolFragment(blocks, toolCalls[position]!, position, blockContext, frames);
    }
    if (choice.finish_reason != null) {
      closeAllBlocks(blocks, blockContext, frames);
      finishSeen = true;
      stopReason = mapFinishReasonToStopReason(choice.finish_reason, {
        hasToolCalls: blocks.hasToolCalls,
        hasRefusal: refusalSeen,
      });
    }
  }

  /** Emits the one `message_delta` and `message_stop` (steps 7, 8, 11). */
  function closeMessage(frames: SseEvent[]): void {
    if (!finishSeen) {
      closeAllBlocks(blocks, blockContext, frames);
      stopReason = mapFinishReasonToStopReason(null, {
        hasToolCalls: blocks.hasToolCalls,
        hasRefusal: refusalSeen,
      });
    }
    const converted = usage === undefined ? undefined : convertOpenAIUsageToAnthropic(usage);
    frames.push(
      formatMessageDelta(stopReason ?? 'end_turn', {
        input_tokens: converted?.input_tokens ?? hints.estimatedInputTokens ?? 0,
        cache_creation_input_tokens: converted?.cache_creation_input_tokens ?? 0,
        cache_read_input_tokens: converted?.cache_read_input_tokens ?? 0,
        output_tokens: converted?.output_tokens ?? 0,
        ...(converted?.output_tokens_details
          ? {
              output_tokens_details: {
                thinking_tokens: converted.output_tokens_details.thinking_tokens ?? 0,
              },
            }
          : {}),
      }),
      MESSAGE_STOP_FRAME,
    );
    phase = 'done';
  }

  function failStream(
    type: ReturnType<typeof mapOpenAIErrorToAnthropic>['type'],
    message: string,
    frames: SseEvent[],
  ): void {
    frames.push(formatAnthropicErrorEvent(type, message));
    error = { type, message };
    phase = 'done';
  }

  function push(frame: SseEvent): readonly SseEvent[] {
    if (phase === 'done') return noFrames;
    if (frame.comment !== undefined) return [PING_FRAME];
    const frames: SseEvent[] = [];
    const fastText =
      phase === 'streaming' && !finishSeen ? readOpenAITextFast(frame.data) : undefined;
    if (fastText !== undefined) {
      appendText(blocks, fastText.kind, fastText.literal, fastText.length, blockContext, frames);
      return frames;
    }
    const item = readOpenAIChunk(frame);
    switch (item.kind) {
      case 'chunk':
        startMessage(item.id, frames);
        if (item.choice !== undefined && !finishSeen) applyChoice(item.choice, frames);
        if (item.usage !== undefined) {
          usage = item.usage;
          if (finishSeen) closeMessage(frames);
        }
        break;
      case 'done':
        startMessage(undefined, frames);
        closeMessage(frames);
        break;
      case 'error': {
        const mapped = mapOpenAIErrorToAnthropic(item);
        failStream(mapped.type, item.message, frames);
        break;
      }
      case 'invalid':
        failStream(
          'api_error',
          `The upstream sent an invalid stream chunk: ${item.reason}.`,
          frames,
        );
        break;
      default:
        assertNever(item);
    }
    return frames;
  }

  return {
    push,
    finish() {
      if (phase === 'done') return noFrames;
      const frames: SseEvent[] = [];
      if (finishSeen) closeMessage(frames);
      else failStream('api_error', STREAM_ENDED_UNEXPECTEDLY, frames);
      return frames;
    },
    summary(): StreamSummary {
      return {
        usage: usage === undefined ? undefined : summarizeOpenAIUsage(usage),
        finishReason: error === undefined ? stopReason : undefined,
        error,
        hasContent: blocks.hasContent,
        outputCharacters: blocks.outputCharacters,
      };
    },
  };
}
