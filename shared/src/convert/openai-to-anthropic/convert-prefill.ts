/**
 * @module convert/openai-to-anthropic/convert-prefill
 * A conversation that ends with an assistant message (CONVERSION.md §1.3 step 9): Anthropic
 * continues it ("prefill"). Models from 4.6 on reject that: 400, or with `appendContinueTurn` a
 * user turn is appended. Older models take it with the last text block right-trimmed ("final
 * assistant content cannot end with trailing whitespace").
 */
import type {
  AnthropicAssistantMessage,
  AnthropicUserMessage,
} from '../../anthropic/messages-request';
import { createUnsupportedError } from '../conversion-errors';
import type { ChatConversionState } from './chat-conversion-state';

/** Settles a trailing assistant message in place; returns whether a prefill remains. */
export function settleTrailingAssistant(
  messages: Array<AnthropicUserMessage | AnthropicAssistantMessage>,
  sourceIndex: number | undefined,
  state: ChatConversionState,
): boolean {
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant' || typeof last.content === 'string') return false;
  const path = `messages[${sourceIndex ?? messages.length - 1}]`;
  if (!state.capabilities.prefill) {
    const continueText = state.options.appendContinueTurn;
    if (continueText === undefined) {
      throw createUnsupportedError(
        path,
        'this model does not support assistant message prefill; the conversation must end with a user message',
      );
    }
    messages.push({ role: 'user', content: [{ type: 'text', text: continueText }] });
    state.notes.add(
      'approximated',
      path,
      'a user turn was appended because this model does not support prefill',
    );
    return false;
  }
  const content = last.content;
  const final = content[content.length - 1];
  if (final?.type === 'text') {
    const trimmed = final.text.trimEnd();
    if (trimmed.length > 0) content[content.length - 1] = { ...final, text: trimmed };
    else content.pop();
  }
  if (content.length === 0) {
    messages.pop();
    return false;
  }
  return true;
}
