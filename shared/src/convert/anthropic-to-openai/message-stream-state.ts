/**
 * @module convert/anthropic-to-openai/message-stream-state
 * The state of one Anthropic → OpenAI stream conversion (CONVERSION.md §4.4 "State"), and the
 * handlers for the content-block events. The factory in `./message-stream` owns the message-level
 * events (start, delta, stop, error, EOF).
 *
 * §4.4 names: `id, model, created` live in the chunk writer; `kinds{}` and `toolIdx{}` are
 * `blocks` (one entry per open Anthropic block index, removed at its stop, so memory stays
 * constant); `nextTool`; `argsSeen{}` is `hasArguments` per tool block; `usage{}`; `finish` is
 * derived from `stopReason`; `includeUsage` is in the writer; `msgDeltaSeen`.
 */
import { assertNever } from '../../assert-never';
import type {
  AnthropicContentBlockDeltaEvent,
  AnthropicContentBlockStartEvent,
} from '../../anthropic/stream-event';
import type { ResponseHints, SseEvent } from '../types';
import type { OpenAIChunkWriter } from './openai-chunk-writer';
import type { FastAnthropicDelta } from './read-anthropic-event';

/** What an open Anthropic block becomes on the OpenAI side. */
export type BlockState =
  | { readonly kind: 'text' }
  | { readonly kind: 'thinking'; readonly ordinal: number }
  /** A client tool call: OpenAI `tool_calls[toolIndex]`. */
  | { readonly kind: 'tool'; readonly toolIndex: number; hasArguments: boolean }
  /** The §1.9 `json_tool_call` fallback: its arguments become `content`. */
  | { readonly kind: 'json'; hasArguments: boolean }
  /** Server tools, their results, unknown kinds: nothing reaches the client. */
  | { readonly kind: 'ignored' };

export interface MessageStreamUsage {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  thinkingTokens: number | undefined;
}

export interface MessageStreamState {
  /** `paused`: a held `pause_turn` (see `holdPausedTurns`); ended by `finish`, or resumed. */
  phase: 'awaiting_start' | 'streaming' | 'paused' | 'done';
  /** A resumed turn's next upstream message has not started yet: its `message_start` is read. */
  awaitingResumedStart: boolean;
  writer: OpenAIChunkWriter | undefined;
  readonly blocks: Map<number, BlockState>;
  nextToolIndex: number;
  nextThinkingOrdinal: number;
  hasToolCalls: boolean;
  usage: MessageStreamUsage | undefined;
  /** Usage of the upstream messages of a resumed turn before the current one (each was billed). */
  earlierUsage: MessageStreamUsage | undefined;
  stopReason: string | null | undefined;
  refusalExplanation: string | null | undefined;
  messageDeltaSeen: boolean;
  hasContent: boolean;
  outputCharacters: number;
  finishReason: string | undefined;
  error: { readonly type: string; readonly message: string } | undefined;
  /** §10.2: the answer's thinking blocks (by ordinal) and tool_use ids, for the gateway's cache. */
  readonly replay: { readonly blocks: ReplayBlock[]; readonly toolCallIds: string[] };
}

type ReplayBlock =
  | { readonly type: 'thinking'; readonly parts: string[]; signature: string }
  | { readonly type: 'redacted_thinking'; readonly data: string };

/** The signed blocks collected so far, joined (unsigned thinking cannot be replayed and is left out). */
export function collectReplayBlocks(
  state: MessageStreamState,
): Array<
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
> {
  const blocks: Array<
    | { type: 'thinking'; thinking: string; signature: string }
    | { type: 'redacted_thinking'; data: string }
  > = [];
  for (const block of state.replay.blocks) {
    if (block.type === 'redacted_thinking') blocks.push(block);
    else if (block.signature !== '')
      blocks.push({ type: 'thinking', thinking: block.parts.join(''), signature: block.signature });
  }
  return blocks;
}

export function createMessageStreamState(): MessageStreamState {
  return {
    phase: 'awaiting_start',
    awaitingResumedStart: false,
    writer: undefined,
    blocks: new Map(),
    nextToolIndex: 0,
    nextThinkingOrdinal: 0,
    hasToolCalls: false,
    usage: undefined,
    earlierUsage: undefined,
    stopReason: undefined,
    refusalExplanation: undefined,
    messageDeltaSeen: false,
    hasContent: false,
    outputCharacters: 0,
    finishReason: undefined,
    error: undefined,
    replay: { blocks: [], toolCallIds: [] },
  };
}

/**
 * `content_block_start` (§4.4): text → content delta if the start already has text; thinking →
 * remember it, emit any text/signature already present; redacted thinking → its `thinking_blocks`
 * piece; tool_use → `toolIdx[i] = nextTool++` and the first tool-call fragment (name reverse-mapped,
 * `arguments:""`); anything else → ignored.
 */
export function startBlock(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  event: AnthropicContentBlockStartEvent,
  hints: ResponseHints,
  frames: SseEvent[],
): void {
  const block = event.content_block;
  switch (block.type) {
    case 'text':
      state.blocks.set(event.index, { kind: 'text' });
      emitContent(state, writer, block.text, frames);
      break;
    case 'thinking': {
      const ordinal = state.nextThinkingOrdinal++;
      state.blocks.set(event.index, { kind: 'thinking', ordinal });
      state.replay.blocks[ordinal] = {
        type: 'thinking',
        parts: [block.thinking],
        signature: typeof block.signature === 'string' ? block.signature : '',
      };
      emitReasoning(state, writer, ordinal, block.thinking, frames);
      if (typeof block.signature === 'string' && block.signature !== '') {
        frames.push(writer.signature(ordinal, block.signature));
      }
      break;
    }
    case 'redacted_thinking': {
      const ordinal = state.nextThinkingOrdinal++;
      state.blocks.set(event.index, { kind: 'ignored' });
      state.replay.blocks[ordinal] = { type: 'redacted_thinking', data: block.data };
      state.hasContent = true;
      frames.push(writer.redactedThinking(ordinal, block.data));
      break;
    }
    case 'tool_use': {
      // Anthropic sends `input: {}` and streams the arguments; a proxy that sends the whole input
      // at the start is honoured by emitting it as the first arguments fragment.
      const initialArguments =
        block.input && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
      if (hints.jsonToolName !== undefined && block.name === hints.jsonToolName) {
        const jsonBlock: BlockState = { kind: 'json', hasArguments: false };
        state.blocks.set(event.index, jsonBlock);
        appendArguments(state, writer, jsonBlock, initialArguments, frames);
        break;
      }
      const toolBlock: BlockState = {
        kind: 'tool',
        toolIndex: state.nextToolIndex++,
        hasArguments: false,
      };
      state.blocks.set(event.index, toolBlock);
      state.replay.toolCallIds.push(block.id);
      state.hasToolCalls = true;
      state.hasContent = true;
      const name = hints.toolNames?.[block.name] ?? block.name;
      frames.push(writer.toolCallStart(toolBlock.toolIndex, block.id, name));
      appendArguments(state, writer, toolBlock, initialArguments, frames);
      break;
    }
    default:
      state.blocks.set(event.index, { kind: 'ignored' });
  }
}

/**
 * `content_block_delta` (§4.4): `text_delta` → content; `input_json_delta` → arguments fragment
 * (content for the json fallback); `thinking_delta` → `reasoning_content` + `thinking_blocks`;
 * `signature_delta` → its own `thinking_blocks` piece; `citations_delta` and deltas that do not
 * match their block are dropped. Empty fragments are never emitted.
 */
export function applyDelta(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  event: AnthropicContentBlockDeltaEvent,
  frames: SseEvent[],
): void {
  const block = state.blocks.get(event.index);
  if (block === undefined) return;
  const { delta } = event;
  switch (delta.type) {
    case 'text_delta':
      if (block.kind === 'text') emitContent(state, writer, delta.text, frames);
      break;
    case 'input_json_delta':
      if (block.kind === 'tool' || block.kind === 'json') {
        appendArguments(state, writer, block, delta.partial_json, frames);
      }
      break;
    case 'thinking_delta':
      if (block.kind === 'thinking') {
        appendReplayThinking(state, block.ordinal, delta.thinking);
        emitReasoning(state, writer, block.ordinal, delta.thinking, frames);
      }
      break;
    case 'signature_delta':
      if (block.kind === 'thinking' && delta.signature !== '') {
        const replay = state.replay.blocks[block.ordinal];
        if (replay?.type === 'thinking') replay.signature += delta.signature;
        frames.push(writer.signature(block.ordinal, delta.signature));
      }
      break;
    case 'citations_delta':
      break;
    default:
      // A delta type newer than this code: ignored (§4.2).
      assertUnknownDelta(delta);
  }
}

/**
 * The same rows as `applyDelta` for a delta read by the fast path (`readAnthropicDeltaFast`): the
 * upstream's JSON string literal is copied into the output as is.
 */
export function applyFastDelta(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  delta: FastAnthropicDelta,
  frames: SseEvent[],
): void {
  const block = state.blocks.get(delta.index);
  if (block === undefined || delta.length === 0) return;
  switch (delta.kind) {
    case 'text_delta':
      if (block.kind === 'text')
        emitQuotedContent(state, writer, delta.literal, delta.length, frames);
      break;
    case 'input_json_delta':
      if (block.kind === 'tool' || block.kind === 'json') {
        appendQuotedArguments(state, writer, block, delta.literal, delta.length, frames);
      }
      break;
    case 'thinking_delta':
      if (block.kind === 'thinking') {
        state.hasContent = true;
        state.outputCharacters += delta.length;
        appendReplayThinking(state, block.ordinal, JSON.parse(delta.literal) as string);
        frames.push(writer.reasoning(block.ordinal, delta.literal));
      }
      break;
    default:
      assertNever(delta.kind);
  }
}

/**
 * `content_block_stop` (§4.4): a tool call that got no non-empty arguments gets one fragment
 * `arguments:"{}"`, so the client's concatenation is valid JSON (zero-argument tools, LiteLLM).
 */
export function stopBlock(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  index: number,
  frames: SseEvent[],
): void {
  const block = state.blocks.get(index);
  if (block === undefined) return;
  state.blocks.delete(index);
  if ((block.kind === 'tool' || block.kind === 'json') && !block.hasArguments) {
    appendArguments(state, writer, block, '{}', frames);
  }
}

function appendArguments(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  block: Extract<BlockState, { kind: 'tool' | 'json' }>,
  argumentsText: string,
  frames: SseEvent[],
): void {
  if (argumentsText === '') return;
  appendQuotedArguments(
    state,
    writer,
    block,
    JSON.stringify(argumentsText),
    argumentsText.length,
    frames,
  );
}

/** `quoted` is the fragment as a JSON string literal; `length` its decoded length (> 0). */
function appendQuotedArguments(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  block: Extract<BlockState, { kind: 'tool' | 'json' }>,
  quoted: string,
  length: number,
  frames: SseEvent[],
): void {
  block.hasArguments = true;
  if (block.kind === 'json') {
    emitQuotedContent(state, writer, quoted, length, frames);
    return;
  }
  state.outputCharacters += length;
  frames.push(writer.toolCallArguments(block.toolIndex, quoted));
}

function emitContent(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  text: string,
  frames: SseEvent[],
): void {
  if (text !== '') emitQuotedContent(state, writer, JSON.stringify(text), text.length, frames);
}

function emitQuotedContent(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  quoted: string,
  length: number,
  frames: SseEvent[],
): void {
  state.hasContent = true;
  state.outputCharacters += length;
  frames.push(writer.content(quoted));
}

function appendReplayThinking(state: MessageStreamState, ordinal: number, text: string): void {
  const replay = state.replay.blocks[ordinal];
  if (replay?.type === 'thinking') replay.parts.push(text);
}

function emitReasoning(
  state: MessageStreamState,
  writer: OpenAIChunkWriter,
  ordinal: number,
  text: string,
  frames: SseEvent[],
): void {
  if (text === '') return;
  state.hasContent = true;
  state.outputCharacters += text.length;
  frames.push(writer.reasoning(ordinal, JSON.stringify(text)));
}

/** Keeps the delta switch exhaustive for the known types while tolerating newer ones at runtime. */
function assertUnknownDelta(delta: never): void {
  if (typeof delta !== 'object') assertNever(delta, 'Unexpected content_block_delta');
}
