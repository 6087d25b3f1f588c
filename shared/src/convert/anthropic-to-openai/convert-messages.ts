/**
 * @module convert/anthropic-to-openai/convert-messages
 * Anthropic `system` + `messages` → OpenAI `messages` (CONVERSION.md §2.1–2.4). System text
 * becomes the first message (joined with `\n`, the form every OpenAI-compatible server takes);
 * mid-conversation system messages stay in place; assistant text is joined with `""`,
 * `tool_use` becomes `tool_calls`, thinking is dropped (OpenAI chat input has no slot for it).
 * Tool calls and results must pair up, as OpenAI requires: a result for an unknown call or a
 * call left unanswered is a 400 naming the id (`repairToolHistory`: an error result is supplied).
 */
import type { AnthropicContentBlock, AnthropicTextBlock } from '../../anthropic/content-blocks';
import type { AnthropicMessagesRequest } from '../../anthropic/messages-request';
import type {
  OpenAIAssistantMessage,
  OpenAIChatMessage,
  OpenAIFunctionToolCall,
  OpenAIToolMessage,
} from '../../openai/chat-message';
import { assertNever } from '../../assert-never';
import { createInvalidRequestError } from '../conversion-errors';
import { joinTexts, type MessagesConversionState } from './messages-conversion-state';
import { convertUserBlocks } from './convert-user-blocks';

interface PendingCall {
  readonly id: string;
  readonly path: string;
}

export function convertMessages(
  request: AnthropicMessagesRequest,
  state: MessagesConversionState,
): OpenAIChatMessage[] {
  const output: OpenAIChatMessage[] = [];
  const systemText = readSystemText(request.system);
  if (systemText) output.push(createSystemMessage(systemText, state));
  let pending: PendingCall[] = [];
  request.messages.forEach((message, index) => {
    switch (message.role) {
      case 'system': {
        const text = readSystemText(message.content);
        if (text) output.push(createSystemMessage(text, state));
        return;
      }
      case 'user': {
        if (typeof message.content === 'string') {
          answerPending(pending, [], output, state);
          pending = [];
          output.push({ role: 'user', content: message.content });
          return;
        }
        const converted = convertUserBlocks(message.content, index, state);
        checkToolResults(converted.toolMessages, pending, message.content, index);
        answerPending(pending, converted.toolMessages, output, state);
        pending = [];
        output.push(...converted.toolMessages, ...converted.messages);
        return;
      }
      case 'assistant': {
        answerPending(pending, [], output, state);
        const converted = convertAssistantBlocks(message.content, index, state);
        pending = converted.pending;
        if (converted.message) output.push(converted.message);
        return;
      }
      default:
        return assertNever(message, 'message role');
    }
  });
  answerPending(pending, [], output, state);
  return output;
}

function readSystemText(system: string | readonly AnthropicTextBlock[] | undefined): string {
  if (system === undefined) return '';
  if (typeof system === 'string') return system;
  return joinTexts(system.map((block) => block.text));
}

function createSystemMessage(text: string, state: MessagesConversionState): OpenAIChatMessage {
  return state.options.upstreamSystemRole === 'developer'
    ? { role: 'developer', content: text }
    : { role: 'system', content: text };
}

/** A result must answer a call of the assistant message just before (§2.3 step 1). */
function checkToolResults(
  toolMessages: readonly OpenAIToolMessage[],
  pending: readonly PendingCall[],
  blocks: readonly AnthropicContentBlock[],
  index: number,
): void {
  const known = new Set(pending.map((call) => call.id));
  for (const toolMessage of toolMessages) {
    if (known.delete(toolMessage.tool_call_id)) continue;
    const blockIndex = blocks.findIndex(
      (block) => block.type === 'tool_result' && block.tool_use_id === toolMessage.tool_call_id,
    );
    throw createInvalidRequestError(
      `messages[${index}].content[${blockIndex}].tool_use_id`,
      `tool_use_id ${toolMessage.tool_call_id} does not answer a tool_use of the preceding assistant message`,
    );
  }
}

/** Every call of the previous assistant message needs a result now (repair mode: an error result). */
function answerPending(
  pending: readonly PendingCall[],
  toolMessages: readonly OpenAIToolMessage[],
  output: OpenAIChatMessage[],
  state: MessagesConversionState,
): void {
  const answered = new Set(toolMessages.map((message) => message.tool_call_id));
  for (const call of pending) {
    if (answered.has(call.id)) continue;
    if (!state.options.repairToolHistory) {
      throw createInvalidRequestError(
        call.path,
        `tool_use ${call.id} has no tool_result in the next user message`,
      );
    }
    output.push({
      role: 'tool',
      tool_call_id: call.id,
      content: 'Error: No result was provided for this tool call.',
    });
    state.notes.add(
      'approximated',
      call.path,
      `tool_use ${call.id} had no result; an error result was supplied`,
    );
  }
}

/** §2.4: text joined with `""`, tool_use → tool_calls, thinking dropped. */
function convertAssistantBlocks(
  content: string | readonly AnthropicContentBlock[],
  index: number,
  state: MessagesConversionState,
): { readonly message: OpenAIAssistantMessage | undefined; readonly pending: PendingCall[] } {
  if (typeof content === 'string') return { message: { role: 'assistant', content }, pending: [] };
  const texts: string[] = [];
  const toolCalls: OpenAIFunctionToolCall[] = [];
  const pending: PendingCall[] = [];
  content.forEach((block, blockIndex) => {
    const path = `messages[${index}].content[${blockIndex}]`;
    switch (block.type) {
      case 'text':
        texts.push(block.text);
        return;
      case 'tool_use':
        toolCalls.push({
          id: block.id,
          type: 'function',
          function: {
            name: state.toolNames.toUpstream(block.name),
            arguments: JSON.stringify(block.input),
          },
        });
        pending.push({ id: block.id, path: `${path}.id` });
        return;
      case 'thinking':
      case 'redacted_thinking':
        return;
      default:
        state.notes.drop(path, `${block.type} blocks have no OpenAI equivalent`);
    }
  });
  const text = texts.join('');
  if (toolCalls.length === 0)
    return { message: text ? { role: 'assistant', content: text } : undefined, pending };
  return { message: { role: 'assistant', content: text || null, tool_calls: toolCalls }, pending };
}
