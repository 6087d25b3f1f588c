/**
 * @module convert/openai-to-anthropic/list-assistant-tool-call-ids
 * Which cached thinking blocks a request may need (CONVERSION.md §10.2): the tool-call ids of
 * its assistant turns that carry tool calls but no signed `thinking_blocks`. The proxy fetches
 * those ids from its thinking cache and passes the hits as `thinkingBlocksByToolCallId`.
 */
import type { OpenAIChatRequest } from '../../openai/chat-request';

export function listAssistantToolCallIds(request: OpenAIChatRequest): string[] {
  const ids: string[] = [];
  for (const message of request.messages) {
    if (message.role !== 'assistant' || !message.tool_calls || message.tool_calls.length === 0)
      continue;
    const hasSignedThinking = (message.thinking_blocks ?? []).some((block) =>
      block.type === 'thinking' ? Boolean(block.signature) : Boolean(block.data),
    );
    if (!hasSignedThinking) for (const call of message.tool_calls) ids.push(call.id);
  }
  return ids;
}
