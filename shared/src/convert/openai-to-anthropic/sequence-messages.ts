/**
 * @module convert/openai-to-anthropic/sequence-messages
 * OpenAI `messages` → Anthropic `messages` (CONVERSION.md §1.3, §1.6, §1.7): system/developer
 * messages are skipped (hoisted elsewhere, §1.2); user/tool/function messages become user turns
 * and assistant messages assistant turns; consecutive turns of one role merge; inside a user
 * turn the `tool_result` blocks come first, in the order of the preceding `tool_use` blocks. A
 * call without a result and a result without a call are 400s unless `repairToolHistory` is on.
 * The output is a pure function of the input, so turn N's output is a prefix of turn N+1's
 * (prompt caching keeps working).
 */
import type {
  AnthropicContentBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from '../../anthropic/content-blocks';
import type {
  AnthropicAssistantMessage,
  AnthropicUserMessage,
} from '../../anthropic/messages-request';
import type {
  OpenAIChatMessage,
  OpenAIFunctionMessage,
  OpenAIToolMessage,
} from '../../openai/chat-message';
import { assertNever } from '../../assert-never';
import { createInvalidRequestError } from '../conversion-errors';
import { sanitizeToolCallId } from '../tool-names';
import { type ChatConversionState, isBlankText, selectCacheControl } from './chat-conversion-state';
import {
  convertAssistantMessage,
  type PendingToolUse,
  type ThinkingBlocksByToolCallId,
} from './convert-assistant-message';
import { applyMessageCacheControl, convertUserContent } from './convert-user-content';

interface AssistantTurn {
  readonly role: 'assistant';
  /** The caller's message index that opened the turn. */
  readonly index: number;
  readonly blocks: AnthropicContentBlock[];
  readonly toolUses: PendingToolUse[];
}

interface UserTurn {
  readonly role: 'user';
  readonly index: number;
  readonly blocks: AnthropicContentBlock[];
  /** Results by tool-use id, placed first (in call order) when the turn is closed. */
  readonly results: Map<string, AnthropicToolResultBlock>;
}

type Turn = AssistantTurn | UserTurn;

export interface SequencedMessages {
  readonly messages: Array<AnthropicUserMessage | AnthropicAssistantMessage>;
  /** The caller's message index that opened each output message (for notes and errors). */
  readonly sourceIndexes: readonly number[];
  /** Tool names seen in the history (for stub tool definitions, §1.3 step 10). */
  readonly historyToolNames: ReadonlySet<string>;
}

/** Sequences the caller's messages into alternating Anthropic turns. */
export function sequenceMessages(
  messages: readonly OpenAIChatMessage[],
  state: ChatConversionState,
  thinkingLookup: ThinkingBlocksByToolCallId | undefined,
): SequencedMessages {
  const turns: Turn[] = [];
  const historyToolNames = new Set<string>();
  const currentUserTurn = (index: number): UserTurn => {
    const last = turns[turns.length - 1];
    if (last?.role === 'user') return last;
    const turn: UserTurn = { role: 'user', index, blocks: [], results: new Map() };
    turns.push(turn);
    return turn;
  };
  const previousAssistant = (): AssistantTurn | undefined => {
    const last = turns[turns.length - 1];
    const candidate = last?.role === 'user' ? turns[turns.length - 2] : last;
    return candidate?.role === 'assistant' ? candidate : undefined;
  };

  messages.forEach((message, index) => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return;
      case 'user': {
        const blocks = convertUserContent(message.content, `messages[${index}].content`, state);
        applyMessageCacheControl(blocks, message.cache_control);
        if (blocks.length > 0) currentUserTurn(index).blocks.push(...blocks);
        return;
      }
      case 'tool':
      case 'function':
        return addToolResult(message, index, previousAssistant(), currentUserTurn(index), state);
      case 'assistant': {
        const converted = convertAssistantMessage(message, index, state, thinkingLookup);
        if (converted.blocks.length === 0) return;
        converted.toolUses.forEach((use) => historyToolNames.add(use.name));
        const last = turns[turns.length - 1];
        if (last?.role === 'assistant') {
          last.blocks.push(...converted.blocks);
          last.toolUses.push(...converted.toolUses);
        } else {
          turns.push({ role: 'assistant', index, ...converted });
        }
        return;
      }
      default:
        return assertNever(message, 'message role');
    }
  });
  answerToolUses(turns, state);
  return {
    messages: turns.map(closeTurn),
    sourceIndexes: turns.map((turn) => turn.index),
    historyToolNames,
  };
}

/** A `tool` / `function` message → a `tool_result` in the current user turn (§1.7). */
function addToolResult(
  message: OpenAIToolMessage | OpenAIFunctionMessage,
  index: number,
  assistant: AssistantTurn | undefined,
  turn: UserTurn,
  state: ChatConversionState,
): void {
  const isTool = message.role === 'tool';
  const idPath = isTool ? `messages[${index}].tool_call_id` : `messages[${index}].name`;
  const use = isTool
    ? assistant?.toolUses.find(
        (candidate) => candidate.id === sanitizeToolCallId(message.tool_call_id),
      )
    : assistant?.toolUses.find(
        (candidate) =>
          candidate.isLegacyFunctionCall &&
          candidate.name === message.name &&
          !turn.results.has(candidate.id),
      );
  const label = isTool ? `tool_call_id ${message.tool_call_id}` : `function ${message.name}`;
  if (use === undefined || turn.results.has(use.id)) {
    if (!state.options.repairToolHistory) {
      throw createInvalidRequestError(
        idPath,
        `${label} does not answer a tool call of the preceding assistant message`,
      );
    }
    const text = `Tool result (${isTool ? message.tool_call_id : message.name}): ${readToolText(message)}`;
    turn.blocks.push({ type: 'text', text });
    state.notes.add('approximated', idPath, `${label} matches no tool call; sent as user text`);
    return;
  }
  turn.results.set(use.id, buildToolResult(message, use.id));
}

function buildToolResult(
  message: OpenAIToolMessage | OpenAIFunctionMessage,
  toolUseId: string,
): AnthropicToolResultBlock {
  const result: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: toolUseId };
  const { content } = message;
  if (typeof content === 'string') {
    if (!isBlankText(content)) result.content = content;
  } else if (Array.isArray(content)) {
    const blocks: AnthropicTextBlock[] = [];
    for (const part of content) {
      if (isBlankText(part.text)) continue;
      const block: AnthropicTextBlock = { type: 'text', text: part.text };
      const cacheControl = selectCacheControl(part);
      if (cacheControl) block.cache_control = cacheControl;
      blocks.push(block);
    }
    if (blocks.length > 0) result.content = blocks;
  }
  if (message.role === 'tool' && message.cache_control)
    result.cache_control = message.cache_control;
  return result;
}

function readToolText(message: OpenAIToolMessage | OpenAIFunctionMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text).join('\n');
}

/** §1.3 step 5: every `tool_use` needs a result in the very next user turn. */
function answerToolUses(turns: Turn[], state: ChatConversionState): void {
  turns.forEach((turn, position) => {
    if (turn.role !== 'assistant' || turn.toolUses.length === 0) return;
    let next = turns[position + 1];
    for (const use of turn.toolUses) {
      if (next?.role === 'user' && next.results.has(use.id)) continue;
      if (!state.options.repairToolHistory) {
        throw createInvalidRequestError(
          use.path,
          `tool call ${use.id} has no tool result message after it`,
        );
      }
      if (next?.role !== 'user') {
        next = { role: 'user', index: turn.index, blocks: [], results: new Map() };
        turns.splice(position + 1, 0, next);
      }
      next.results.set(use.id, {
        type: 'tool_result',
        tool_use_id: use.id,
        is_error: true,
        content: 'No result was provided for this tool call.',
      });
      state.notes.add(
        'approximated',
        use.path,
        `tool call ${use.id} had no result; an error result was supplied`,
      );
    }
  });
}

function closeTurn(
  turn: Turn,
  position: number,
  turns: readonly Turn[],
): AnthropicUserMessage | AnthropicAssistantMessage {
  if (turn.role === 'assistant') return { role: 'assistant', content: turn.blocks };
  if (turn.results.size === 0) return { role: 'user', content: turn.blocks };
  const previous = turns[position - 1];
  const ordered: AnthropicContentBlock[] = [];
  if (previous?.role === 'assistant') {
    for (const use of previous.toolUses) {
      const result = turn.results.get(use.id);
      if (result !== undefined) ordered.push(result);
    }
  }
  return { role: 'user', content: [...ordered, ...turn.blocks] };
}
