/**
 * @module convert/openai-to-anthropic/convert-system-messages
 * System and developer messages → Anthropic `system` text blocks (CONVERSION.md §1.2, baseline
 * "hoist"): every system/developer message, wherever it stands, in order, one block per
 * non-blank text part, keeping per-part and per-message `cache_control` (§1.12). `name` is
 * ignored. An empty result means `system` is omitted.
 */
import type { AnthropicTextBlock } from '../../anthropic/content-blocks';
import type { OpenAIChatMessage } from '../../openai/chat-message';
import { isBlankText, selectCacheControl } from './chat-conversion-state';

export function convertSystemMessages(
  messages: readonly OpenAIChatMessage[],
): AnthropicTextBlock[] {
  const blocks: AnthropicTextBlock[] = [];
  for (const message of messages) {
    if (message.role !== 'system' && message.role !== 'developer') continue;
    const start = blocks.length;
    if (typeof message.content === 'string') {
      if (!isBlankText(message.content)) blocks.push({ type: 'text', text: message.content });
    } else {
      for (const part of message.content) {
        if (isBlankText(part.text)) continue;
        const block: AnthropicTextBlock = { type: 'text', text: part.text };
        const cacheControl = selectCacheControl(part);
        if (cacheControl) block.cache_control = cacheControl;
        blocks.push(block);
      }
    }
    const last = blocks[blocks.length - 1];
    if (message.cache_control && last !== undefined && blocks.length > start)
      last.cache_control = message.cache_control;
  }
  return blocks;
}
