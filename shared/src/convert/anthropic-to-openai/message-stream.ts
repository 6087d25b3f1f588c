/**
 * @module convert/anthropic-to-openai/message-stream
 * Direction A, streaming: Anthropic upstream SSE events → OpenAI chunks for the caller, as a
 * synchronous state machine (CONVERSION.md §4.4; STYLE.md §10.3). Message-level rows of the §4.4
 * table are handled here; content-block rows in `./message-stream-state`.
 *
 * | AN input | OA output |
 * |---|---|
 * | `message_start` | role chunk `{role:"assistant", content:""}`; id, created, model fixed for the stream. A second `message_start` is ignored. |
 * | `ping` (and upstream comments) | SSE comment `: ping` |
 * | `message_delta` | nothing yet: stop reason and usage (overwrite, never add) remembered |
 * | `message_stop` | (refusal delta) → finish chunk → usage chunk if `includeUsage` → `[DONE]` |
 * | `error` event | `data: {"error":{…}}` (§5.3 types), no `[DONE]` |
 * | unknown event | ignored |
 * | EOF after `message_delta` | as `message_stop` |
 * | EOF otherwise | error chunk `server_error` "upstream stream ended unexpectedly" |
 * | a frame that is not a valid event | error chunk `server_error`, stream ends |
 *
 * Content events arriving before any `message_start` start the stream with a generated id.
 * After the stream ended (finish, error) further input is dropped.
 *
 * With `holdPausedTurns` (CONVERSION.md §10.3) a `message_stop` after `stop_reason: "pause_turn"`
 * closes nothing: the gateway either continues the turn with another upstream message, whose
 * events go on in the same client stream after `pausedTurn.resume()` (its `message_start` read for
 * usage only; tool-call indices and thinking ordinals carry on; usage adds up over the messages),
 * or ends it with `finish()`, a `stop` as without the option.
 */
import type {
  ConversionContext,
  ResponseHints,
  SseEvent,
  StreamConverter,
  StreamSummary,
} from '../types';
import { assertNever } from '../../assert-never';
import type {
  AnthropicMessageDeltaEvent,
  AnthropicMessageStartEvent,
} from '../../anthropic/stream-event';
import { mapAnthropicErrorToOpenAI } from './error';
import { GENERIC_REFUSAL_MESSAGE } from './message-response';
import {
  createOpenAIChunkWriter,
  DONE_FRAME,
  formatOpenAIErrorFrame,
  type OpenAIChunkWriter,
} from './openai-chunk-writer';
import {
  applyDelta,
  applyFastDelta,
  createMessageStreamState,
  collectReplayBlocks,
  startBlock,
  stopBlock,
  type MessageStreamState,
  type MessageStreamUsage,
} from './message-stream-state';
import { readAnthropicDeltaFast, readAnthropicEvent } from './read-anthropic-event';
import { mapStopReasonToFinishReason } from './stop-reason';
import { convertAnthropicUsageToOpenAI, summarizeAnthropicUsage } from './usage';

const pingFrame: SseEvent = Object.freeze({ comment: 'ping', data: '' });
const noFrames: readonly SseEvent[] = Object.freeze([]);

export const STREAM_ENDED_UNEXPECTEDLY = 'upstream stream ended unexpectedly';

/** Creates the converter for one Anthropic upstream stream whose caller speaks OpenAI. */
export function createAnthropicToOpenAIStreamConverter(
  hints: ResponseHints,
  context: ConversionContext,
  options: { readonly holdPausedTurns?: boolean } = {},
): StreamConverter {
  const state = createMessageStreamState();

  function ensureWriter(id: string | undefined, frames: SseEvent[]): OpenAIChunkWriter {
    if (state.writer !== undefined) return state.writer;
    const writer = createOpenAIChunkWriter({
      id: id ?? context.generateId('msg_'),
      created: Math.floor(context.now() / 1000),
      model: hints.clientModel,
      includeUsage: hints.includeUsage === true,
    });
    state.writer = writer;
    state.phase = 'streaming';
    frames.push(writer.role());
    return writer;
  }

  function push(frame: SseEvent): readonly SseEvent[] {
    if (state.phase === 'done') return noFrames;
    if (frame.comment !== undefined) return [pingFrame];
    const frames: SseEvent[] = [];
    const fastDelta = state.writer === undefined ? undefined : readAnthropicDeltaFast(frame.data);
    if (fastDelta !== undefined && state.writer !== undefined) {
      applyFastDelta(state, state.writer, fastDelta, frames);
      return frames;
    }
    const event = readAnthropicEvent(frame);
    switch (event.type) {
      case 'ping':
        frames.push(pingFrame);
        break;
      case 'message_start':
        if (state.writer === undefined) {
          readStartUsage(state, event);
          ensureWriter(event.message.id, frames);
        } else if (state.awaitingResumedStart) {
          readStartUsage(state, event);
        }
        state.awaitingResumedStart = false;
        break;
      case 'content_block_start':
        startBlock(state, ensureWriter(undefined, frames), event, hints, frames);
        break;
      case 'content_block_delta':
        applyDelta(state, ensureWriter(undefined, frames), event, frames);
        break;
      case 'content_block_stop':
        stopBlock(state, ensureWriter(undefined, frames), event.index, frames);
        break;
      case 'message_delta':
        readMessageDelta(state, event);
        break;
      case 'message_stop': {
        const writer = ensureWriter(undefined, frames);
        if (options.holdPausedTurns === true && state.stopReason === 'pause_turn') {
          state.phase = 'paused';
        } else {
          closeStream(writer, frames);
        }
        break;
      }
      case 'error': {
        const mapped = mapAnthropicErrorToOpenAI({
          type: event.error.type,
          message: event.error.message,
        });
        failStream(mapped.error.type, mapped.error.message, frames, mapped.error.code);
        break;
      }
      case 'invalid':
        failStream(
          'server_error',
          `The upstream sent an invalid stream event: ${event.reason}.`,
          frames,
        );
        break;
      case 'unknown':
        break;
      default:
        assertNever(event);
    }
    return frames;
  }

  function closeStream(writer: OpenAIChunkWriter, frames: SseEvent[]): void {
    const finishReason = mapStopReasonToFinishReason(state.stopReason, {
      hasToolCalls: state.hasToolCalls,
    });
    if (state.stopReason === 'refusal') {
      frames.push(writer.refusal(state.refusalExplanation ?? GENERIC_REFUSAL_MESSAGE));
    }
    frames.push(writer.finish(finishReason));
    if (hints.includeUsage === true) {
      frames.push(writer.usage(convertAnthropicUsageToOpenAI(readUsageCounts(state))));
    }
    frames.push(DONE_FRAME);
    state.finishReason = finishReason;
    state.phase = 'done';
  }

  function failStream(
    type: string,
    message: string,
    frames: SseEvent[],
    code: string | null = null,
  ): void {
    frames.push(formatOpenAIErrorFrame({ message, type, param: null, code }));
    state.error = { type, message };
    state.phase = 'done';
  }

  const pausedTurn = {
    isPaused: () => state.phase === 'paused',
    resume(): void {
      if (state.phase !== 'paused') return;
      state.earlierUsage = addUsage(state.earlierUsage, state.usage);
      state.usage = undefined;
      state.stopReason = undefined;
      state.refusalExplanation = undefined;
      state.messageDeltaSeen = false;
      state.awaitingResumedStart = true;
      state.phase = 'streaming';
    },
  };

  return {
    push,
    ...(options.holdPausedTurns === true && { pausedTurn }),
    finish() {
      if (state.phase === 'done') return noFrames;
      const frames: SseEvent[] = [];
      if (state.messageDeltaSeen && state.writer !== undefined) {
        closeStream(state.writer, frames);
      } else {
        failStream('server_error', STREAM_ENDED_UNEXPECTEDLY, frames);
      }
      return frames;
    },
    summary(): StreamSummary {
      return {
        usage:
          state.usage === undefined && state.earlierUsage === undefined
            ? undefined
            : summarizeAnthropicUsage(readUsageCounts(state)),
        finishReason: state.finishReason,
        error: state.error,
        hasContent: state.hasContent,
        outputCharacters: state.outputCharacters,
        replayThinking:
          state.replay.blocks.length > 0 && state.replay.toolCallIds.length > 0
            ? { blocks: collectReplayBlocks(state), toolCallIds: state.replay.toolCallIds }
            : undefined,
      };
    },
  };
}

/** `message_start.message.usage`: input-side counts and a provisional output count. */
function readStartUsage(state: MessageStreamState, event: AnthropicMessageStartEvent): void {
  const usage = event.message.usage;
  if (typeof usage !== 'object' || usage === null) return;
  state.usage = {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    thinkingTokens: usage.output_tokens_details?.thinking_tokens ?? undefined,
  };
}

/**
 * `message_delta`: remember the stop reason; usage fields present are cumulative whole-message
 * totals and overwrite (never add to) the `message_start` values; absent ones keep them (§4.2).
 */
function readMessageDelta(state: MessageStreamState, event: AnthropicMessageDeltaEvent): void {
  state.messageDeltaSeen = true;
  state.stopReason = event.delta.stop_reason;
  state.refusalExplanation = event.delta.stop_details?.explanation;
  const usage = event.usage;
  if (typeof usage !== 'object' || usage === null) return;
  const current = state.usage ?? {
    inputTokens: 0,
    outputTokens: 0,
    cacheCreationTokens: 0,
    cacheReadTokens: 0,
    thinkingTokens: undefined,
  };
  if (usage.output_tokens != null) current.outputTokens = usage.output_tokens;
  if (usage.input_tokens != null) current.inputTokens = usage.input_tokens;
  if (usage.cache_creation_input_tokens != null) {
    current.cacheCreationTokens = usage.cache_creation_input_tokens;
  }
  if (usage.cache_read_input_tokens != null)
    current.cacheReadTokens = usage.cache_read_input_tokens;
  if (usage.output_tokens_details?.thinking_tokens != null) {
    current.thinkingTokens = usage.output_tokens_details.thinking_tokens;
  }
  state.usage = current;
}

/** Two upstream messages' usage added up (a resumed turn's messages were each billed). */
function addUsage(
  earlier: MessageStreamUsage | undefined,
  later: MessageStreamUsage | undefined,
): MessageStreamUsage | undefined {
  if (earlier === undefined || later === undefined) return earlier ?? later;
  return {
    inputTokens: earlier.inputTokens + later.inputTokens,
    outputTokens: earlier.outputTokens + later.outputTokens,
    cacheCreationTokens: earlier.cacheCreationTokens + later.cacheCreationTokens,
    cacheReadTokens: earlier.cacheReadTokens + later.cacheReadTokens,
    thinkingTokens:
      earlier.thinkingTokens === undefined && later.thinkingTokens === undefined
        ? undefined
        : (earlier.thinkingTokens ?? 0) + (later.thinkingTokens ?? 0),
  };
}

function readUsageCounts(state: MessageStreamState) {
  const usage =
    state.earlierUsage === undefined ? state.usage : addUsage(state.earlierUsage, state.usage);
  return {
    input_tokens: usage?.inputTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
    cache_creation_input_tokens: usage?.cacheCreationTokens ?? 0,
    cache_read_input_tokens: usage?.cacheReadTokens ?? 0,
    output_tokens_details:
      usage?.thinkingTokens === undefined ? null : { thinking_tokens: usage.thinkingTokens },
  };
}
