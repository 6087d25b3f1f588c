/**
 * @module convert/openai-to-anthropic/convert-assistant-message
 * An OpenAI assistant message → Anthropic assistant blocks (CONVERSION.md §1.6), in the order
 * Anthropic requires: signed thinking / redacted thinking first (§1.10, from the
 * `thinking_blocks` extension or the gateway's cache keyed by tool-call id, §10.2), then text,
 * then `tool_use`. Unsigned thinking and `reasoning_content` are never sent.
 */
import type {
  AnthropicContentBlock,
  AnthropicRedactedThinkingBlock,
  AnthropicThinkingBlock,
  AnthropicToolUseBlock,
} from '../../anthropic/content-blocks';
import type { OpenAIAssistantMessage, OpenAIThinkingBlock } from '../../openai/chat-message';
import { createInvalidRequestError, createUnsupportedError } from '../conversion-errors';
import { sanitizeToolCallId } from '../tool-names';
import { type ChatConversionState, isBlankText } from './chat-conversion-state';

/** A block that can open an assistant turn when thinking is on. */
export type AnthropicReplayThinkingBlock = AnthropicThinkingBlock | AnthropicRedactedThinkingBlock;

/** Signed thinking blocks by the tool-call ids of the assistant turn that produced them. */
export type ThinkingBlocksByToolCallId = ReadonlyMap<
  string,
  readonly AnthropicReplayThinkingBlock[]
>;

/** One `tool_use` the next user turn must answer. */
export interface PendingToolUse {
  readonly id: string;
  readonly name: string;
  /** Where the call is in the caller's request, for errors. */
  readonly path: string;
  /** Set for a legacy `function_call`: its result arrives as a `role: "function"` message. */
  readonly isLegacyFunctionCall: boolean;
}

export interface ConvertedAssistantMessage {
  readonly blocks: AnthropicContentBlock[];
  readonly toolUses: PendingToolUse[];
}

/** Converts assistant message `index` of the caller's `messages`. */
export function convertAssistantMessage(
  message: OpenAIAssistantMessage,
  index: number,
  state: ChatConversionState,
  thinkingLookup: ThinkingBlocksByToolCallId | undefined,
): ConvertedAssistantMessage {
  const path = `messages[${index}]`;
  const blocks: AnthropicContentBlock[] = selectSignedThinking(message.thinking_blocks);
  if (blocks.length === 0 && thinkingLookup !== undefined)
    blocks.push(...recoverThinking(message, thinkingLookup));
  const textStart = blocks.length;
  appendAssistantText(message, blocks);
  if (blocks.length === textStart && message.refusal && !isBlankText(message.refusal)) {
    blocks.push({ type: 'text', text: message.refusal });
  }
  const toolUses: PendingToolUse[] = [];
  const seenIds = new Set<string>();
  message.tool_calls?.forEach((call, callIndex) => {
    const callPath = `${path}.tool_calls[${callIndex}]`;
    if (call.type !== 'function')
      throw createUnsupportedError(callPath, 'custom tool calls have no Anthropic equivalent');
    const id = sanitizeToolCallId(call.id);
    if (seenIds.has(id))
      throw createInvalidRequestError(`${callPath}.id`, `duplicate tool call id ${call.id}`);
    seenIds.add(id);
    const input = parseToolArguments(
      call.function.arguments,
      `${callPath}.function.arguments`,
      state,
    );
    blocks.push({ type: 'tool_use', id, name: call.function.name, input });
    toolUses.push({
      id,
      name: call.function.name,
      path: `${callPath}.id`,
      isLegacyFunctionCall: false,
    });
  });
  if (message.function_call) {
    const id = `call_function_${index}`;
    const callPath = `${path}.function_call`;
    const input = parseToolArguments(
      message.function_call.arguments,
      `${callPath}.arguments`,
      state,
    );
    const block: AnthropicToolUseBlock = {
      type: 'tool_use',
      id,
      name: message.function_call.name,
      input,
    };
    blocks.push(block);
    toolUses.push({ id, name: block.name, path: callPath, isLegacyFunctionCall: true });
  }
  return { blocks, toolUses };
}

/** Keeps only blocks Anthropic can verify: thinking with a signature, redacted thinking with data. */
function selectSignedThinking(
  thinkingBlocks:
    readonly (OpenAIThinkingBlock | AnthropicReplayThinkingBlock)[] | null | undefined,
): AnthropicContentBlock[] {
  const signed: AnthropicContentBlock[] = [];
  for (const block of thinkingBlocks ?? []) {
    if (block.type === 'thinking' && block.signature) {
      signed.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking' && block.data) {
      signed.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  return signed;
}

/** §10.2: a plain OpenAI client dropped `thinking_blocks`; the gateway cache may still have them. */
function recoverThinking(
  message: OpenAIAssistantMessage,
  lookup: ThinkingBlocksByToolCallId,
): AnthropicContentBlock[] {
  for (const call of message.tool_calls ?? []) {
    const cached = lookup.get(call.id) ?? lookup.get(sanitizeToolCallId(call.id));
    if (cached !== undefined) {
      const signed = selectSignedThinking(cached);
      if (signed.length > 0) return signed;
    }
  }
  return [];
}

function appendAssistantText(
  message: OpenAIAssistantMessage,
  blocks: AnthropicContentBlock[],
): void {
  const { content } = message;
  if (content === undefined || content === null) return;
  if (typeof content === 'string') {
    if (!isBlankText(content)) blocks.push({ type: 'text', text: content });
    return;
  }
  for (const part of content) {
    const text = part.type === 'text' ? part.text : part.refusal;
    if (isBlankText(text)) continue;
    const block: AnthropicContentBlock = { type: 'text', text };
    if (part.type === 'text' && part.cache_control) block.cache_control = part.cache_control;
    blocks.push(block);
  }
}

/** §1.6: `""` → `{}`; invalid JSON or a non-object → 400 (lenient mode: `_raw_arguments`). */
export function parseToolArguments(
  text: string,
  path: string,
  state: ChatConversionState,
): Record<string, unknown> {
  if (text.trim().length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Reported below as invalid arguments (or wrapped in lenient mode).
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    return parsed as Record<string, unknown>;
  }
  if (state.options.lenientToolArguments) {
    state.notes.add(
      'approximated',
      path,
      'arguments are not a JSON object; sent as {"_raw_arguments": "…"}',
    );
    return { _raw_arguments: text };
  }
  throw createInvalidRequestError(path, 'tool call arguments must be a JSON object');
}
