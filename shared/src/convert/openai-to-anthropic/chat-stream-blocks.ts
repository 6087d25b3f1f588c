/**
 * @module convert/openai-to-anthropic/chat-stream-blocks
 * Content blocks of one OpenAI → Anthropic stream conversion (CONVERSION.md §4.5 steps 2–6): the
 * state (§4.5 "State": `open`, `next`, `tools{}`), opening and closing blocks so that indices run
 * 0, 1, 2… and every started block is stopped exactly once before the next starts.
 *
 * **Parallel tool calls.** OpenAI sends calls one after another in practice; some compatible
 * servers interleave fragments of several calls. Instead of the all-or-nothing `buffer_tool_calls`
 * knob of §4.5, a call streams live while it is the only one in flight. Anything that would have to
 * close a call whose arguments are not yet a complete JSON value (checked in constant memory by
 * `./json-completeness`) — another call's fragments, or text — waits in an arrival-order queue
 * until that call completes; then the queue drains (a held call goes out as start + one
 * `input_json_delta` with the arguments held so far, then streams live). Sequential upstreams
 * therefore never hold anything, and interleaving ones still produce valid, ordered blocks with
 * nothing lost. A call whose name has not arrived yet waits the same way (§4.5 "buffer until it
 * arrives"). At the finish the queue drains whole; a call still without a name is dropped (a client
 * cannot run it).
 */
import type { ResponseHints, SseEvent } from '../types';
import {
  formatBlockStop,
  formatInputJsonDelta,
  formatTextBlockStart,
  formatTextDelta,
  formatThinkingBlockStart,
  formatThinkingDelta,
  formatToolUseBlockStart,
} from './anthropic-event-writer';
import { createJsonCompletenessScanner, type JsonCompletenessScanner } from './json-completeness';
import type { ToolCallFragment } from './read-openai-chunk';
import { resolveToolUseId } from './tool-call-input';

export interface ToolState {
  phase: 'waiting' | 'open' | 'closed';
  id: string | undefined;
  name: string | undefined;
  /** Arguments held while the call waits; emitted as one fragment when it starts. */
  pendingArguments: string;
  blockIndex: number;
  readonly scanner: JsonCompletenessScanner;
}

type TextKind = 'text' | 'thinking';

/**
 * Something that arrived while an incomplete tool call was open, in arrival order. Text is kept as
 * a JSON string literal (`quoted`), like everywhere in this module.
 */
type QueuedItem =
  | { readonly type: 'text'; readonly kind: TextKind; quoted: string; length: number }
  | { readonly type: 'tool'; readonly tool: ToolState };

export type OpenBlock =
  | { readonly kind: TextKind; readonly index: number }
  | { readonly kind: 'tool'; readonly index: number; readonly tool: ToolState };

export interface BlockContext {
  readonly hints: ResponseHints;
  readonly generateId: (prefix: string) => string;
}

export interface ChatStreamBlocks {
  open: OpenBlock | undefined;
  nextIndex: number;
  /** OpenAI tool-call index → its state, in order of first appearance. */
  readonly tools: Map<number, ToolState>;
  readonly queue: QueuedItem[];
  hasToolCalls: boolean;
  hasContent: boolean;
  outputCharacters: number;
  /** Fragments that arrived for a call whose block was already stopped (cannot be emitted). */
  lateFragments: number;
}

export function createChatStreamBlocks(): ChatStreamBlocks {
  return {
    open: undefined,
    nextIndex: 0,
    tools: new Map(),
    queue: [],
    hasToolCalls: false,
    hasContent: false,
    outputCharacters: 0,
    lateFragments: 0,
  };
}

/**
 * Steps 2–4: reasoning → thinking block, content/refusal → text block; never an empty delta.
 * `quoted` is the text as a JSON string literal (`JSON.stringify(text)`, or copied from upstream
 * by the fast path), `length` the text's length.
 */
export function appendText(
  blocks: ChatStreamBlocks,
  kind: TextKind,
  quoted: string,
  length: number,
  context: BlockContext,
  frames: SseEvent[],
): void {
  if (length === 0) return;
  if (blocks.queue.length === 0 && !isBlockedByOpenTool(blocks)) {
    emitText(blocks, kind, quoted, length, frames);
    return;
  }
  const last = blocks.queue.at(-1);
  if (last?.type === 'text' && last.kind === kind) {
    last.quoted = `${last.quoted.slice(0, -1)}${quoted.slice(1)}`;
    last.length += length;
  } else {
    blocks.queue.push({ type: 'text', kind, quoted, length });
  }
  drainQueue(blocks, context, frames, false);
}

/**
 * Step 5: one tool-call fragment. A new index gets a state and joins the queue; repeated
 * `id`/`name` are ignored; arguments go to the open block, or are held while the call waits.
 */
export function appendToolFragment(
  blocks: ChatStreamBlocks,
  fragment: ToolCallFragment,
  position: number,
  context: BlockContext,
  frames: SseEvent[],
): void {
  const key = typeof fragment.index === 'number' ? fragment.index : position;
  const rawArguments = fragment.function?.arguments;
  const argumentsText =
    typeof rawArguments === 'string'
      ? rawArguments
      : rawArguments == null
        ? ''
        : JSON.stringify(rawArguments);
  let tool = blocks.tools.get(key);
  if (tool === undefined) {
    tool = {
      phase: 'waiting',
      id: fragment.id || undefined,
      name: fragment.function?.name || undefined,
      pendingArguments: '',
      blockIndex: -1,
      scanner: createJsonCompletenessScanner(),
    };
    blocks.tools.set(key, tool);
    blocks.queue.push({ type: 'tool', tool });
  } else {
    tool.id ??= fragment.id || undefined;
    tool.name ??= fragment.function?.name || undefined;
  }
  switch (tool.phase) {
    case 'open':
      emitArguments(blocks, tool, argumentsText, frames);
      break;
    case 'waiting':
      tool.pendingArguments += argumentsText;
      break;
    case 'closed':
      if (argumentsText.trim() !== '') blocks.lateFragments++;
      break;
  }
  drainQueue(blocks, context, frames, false);
}

/** Step 6 (and the `[DONE]`/EOF endings): drain the queue whole, then stop the open block. */
export function closeAllBlocks(
  blocks: ChatStreamBlocks,
  context: BlockContext,
  frames: SseEvent[],
): void {
  drainQueue(blocks, context, frames, true);
  closeOpenBlock(blocks, frames);
}

/**
 * Emits queued items in arrival order while nothing blocks them: an open call whose JSON is
 * incomplete blocks everything; a call without a name blocks what came after it. `isFinishing`
 * lifts both (nameless calls are then dropped).
 */
function drainQueue(
  blocks: ChatStreamBlocks,
  context: BlockContext,
  frames: SseEvent[],
  isFinishing: boolean,
): void {
  while (blocks.queue.length > 0) {
    if (!isFinishing && isBlockedByOpenTool(blocks)) return;
    const item = blocks.queue[0]!;
    if (item.type === 'text') {
      emitText(blocks, item.kind, item.quoted, item.length, frames);
    } else if (item.tool.name !== undefined) {
      startTool(blocks, item.tool, item.tool.name, context, frames);
    } else if (isFinishing) {
      item.tool.phase = 'closed';
    } else {
      return;
    }
    blocks.queue.shift();
  }
}

function isBlockedByOpenTool(blocks: ChatStreamBlocks): boolean {
  const open = blocks.open;
  return open?.kind === 'tool' && !open.tool.scanner.isComplete();
}

function emitText(
  blocks: ChatStreamBlocks,
  kind: TextKind,
  quoted: string,
  length: number,
  frames: SseEvent[],
): void {
  let open = blocks.open;
  if (open?.kind !== kind) {
    closeOpenBlock(blocks, frames);
    open = { kind, index: blocks.nextIndex++ };
    blocks.open = open;
    frames.push(
      kind === 'text' ? formatTextBlockStart(open.index) : formatThinkingBlockStart(open.index),
    );
  }
  blocks.hasContent = true;
  blocks.outputCharacters += length;
  frames.push(
    kind === 'text' ? formatTextDelta(open.index, quoted) : formatThinkingDelta(open.index, quoted),
  );
}

function startTool(
  blocks: ChatStreamBlocks,
  tool: ToolState,
  toolName: string,
  context: BlockContext,
  frames: SseEvent[],
): void {
  closeOpenBlock(blocks, frames);
  tool.phase = 'open';
  tool.blockIndex = blocks.nextIndex++;
  blocks.open = { kind: 'tool', index: tool.blockIndex, tool };
  blocks.hasToolCalls = true;
  blocks.hasContent = true;
  const name = context.hints.toolNames?.[toolName] ?? toolName;
  frames.push(
    formatToolUseBlockStart(tool.blockIndex, resolveToolUseId(tool.id, context.generateId), name),
  );
  const held = tool.pendingArguments;
  tool.pendingArguments = '';
  emitArguments(blocks, tool, held, frames);
}

function closeOpenBlock(blocks: ChatStreamBlocks, frames: SseEvent[]): void {
  const open = blocks.open;
  if (open === undefined) return;
  if (open.kind === 'tool') open.tool.phase = 'closed';
  frames.push(formatBlockStop(open.index));
  blocks.open = undefined;
}

function emitArguments(
  blocks: ChatStreamBlocks,
  tool: ToolState,
  argumentsText: string,
  frames: SseEvent[],
): void {
  if (argumentsText === '') return;
  tool.scanner.feed(argumentsText);
  blocks.outputCharacters += argumentsText.length;
  frames.push(formatInputJsonDelta(tool.blockIndex, argumentsText));
}
