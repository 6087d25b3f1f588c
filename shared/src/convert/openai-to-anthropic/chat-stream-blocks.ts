/**
 * @module convert/openai-to-anthropic/chat-stream-blocks
 * Content blocks of one OpenAI → Anthropic stream conversion (CONVERSION.md §4.5 steps 2–6): the
 * state (§4.5 "State": `open`, `next`, `tools{}`), opening and closing blocks so that indices run
 * 0, 1, 2… and every started block is stopped exactly once before the next starts.
 *
 * **Parallel tool calls.** OpenAI sends calls one after another in practice; some compatible
 * servers interleave fragments of several calls. Instead of the all-or-nothing `buffer_tool_calls`
 * knob of §4.5, a call streams live while it is the only one in flight; a call that appears while
 * the open call's arguments are not yet a complete JSON value (checked in constant memory by
 * `./json-completeness`) waits, its fragments held, until that call completes — then it starts and
 * its held arguments go out as one `input_json_delta`. Sequential upstreams therefore never buffer,
 * and interleaving ones still produce valid, ordered blocks. A call whose name has not arrived yet
 * waits the same way (§4.5 "buffer until it arrives"); at the finish every waiting call is emitted
 * whole, and one still without a name is dropped (a client cannot run it).
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
import { toAnthropicToolUseId } from './tool-call-input';

export interface ToolState {
  phase: 'waiting' | 'open' | 'closed';
  id: string | undefined;
  name: string | undefined;
  /** Arguments held while the call waits; emitted as one fragment when it starts. */
  pendingArguments: string;
  blockIndex: number;
  readonly scanner: JsonCompletenessScanner;
}

export type OpenBlock =
  | { readonly kind: 'text' | 'thinking'; readonly index: number }
  | { readonly kind: 'tool'; readonly index: number; readonly tool: ToolState };

export interface ChatStreamBlocks {
  open: OpenBlock | undefined;
  nextIndex: number;
  /** OpenAI tool-call index → its state, in order of first appearance. */
  readonly tools: Map<number, ToolState>;
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
    hasToolCalls: false,
    hasContent: false,
    outputCharacters: 0,
    lateFragments: 0,
  };
}

/** Steps 2–4: reasoning → thinking block, content/refusal → text block; never an empty delta. */
export function appendText(
  blocks: ChatStreamBlocks,
  kind: 'text' | 'thinking',
  text: string,
  frames: SseEvent[],
): void {
  if (text === '') return;
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
  blocks.outputCharacters += text.length;
  frames.push(
    kind === 'text' ? formatTextDelta(open.index, text) : formatThinkingDelta(open.index, text),
  );
}

/**
 * Step 5: one tool-call fragment. A new index gets a state; repeated `id`/`name` are ignored;
 * arguments go to the open block, or are held while the call waits (see module comment).
 */
export function appendToolFragment(
  blocks: ChatStreamBlocks,
  fragment: ToolCallFragment,
  position: number,
  context: { readonly hints: ResponseHints; readonly generateId: (prefix: string) => string },
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
  startWaitingTools(blocks, context, frames, false);
}

/**
 * Starts waiting calls in order of appearance while nothing blocks them: a call without a name
 * blocks the ones after it; an open call whose JSON is incomplete blocks all. `isFinishing` (step 6)
 * lifts the JSON rule, emits each call whole and drops calls that never got a name.
 */
export function startWaitingTools(
  blocks: ChatStreamBlocks,
  context: { readonly hints: ResponseHints; readonly generateId: (prefix: string) => string },
  frames: SseEvent[],
  isFinishing: boolean,
): void {
  for (const tool of blocks.tools.values()) {
    if (tool.phase !== 'waiting') continue;
    if (tool.name === undefined) {
      if (isFinishing) {
        tool.phase = 'closed';
        continue;
      }
      return;
    }
    const open = blocks.open;
    if (!isFinishing && open?.kind === 'tool' && !open.tool.scanner.isComplete()) return;
    closeOpenBlock(blocks, frames);
    tool.phase = 'open';
    tool.blockIndex = blocks.nextIndex++;
    blocks.open = { kind: 'tool', index: tool.blockIndex, tool };
    blocks.hasToolCalls = true;
    blocks.hasContent = true;
    const name = context.hints.toolNames?.[tool.name] ?? tool.name;
    const id = toAnthropicToolUseId(tool.id, context.generateId);
    frames.push(formatToolUseBlockStart(tool.blockIndex, id, name));
    const held = tool.pendingArguments;
    tool.pendingArguments = '';
    emitArguments(blocks, tool, held, frames);
  }
}

/** Step 6 (and the `[DONE]`/EOF endings): stop the open block, then emit every waiting call whole. */
export function closeAllBlocks(
  blocks: ChatStreamBlocks,
  context: { readonly hints: ResponseHints; readonly generateId: (prefix: string) => string },
  frames: SseEvent[],
): void {
  startWaitingTools(blocks, context, frames, true);
  closeOpenBlock(blocks, frames);
}

export function closeOpenBlock(blocks: ChatStreamBlocks, frames: SseEvent[]): void {
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
