/**
 * @module convert/openai-to-anthropic/apply-cache-breakpoints
 * Prompt-cache breakpoints on the converted request (CONVERSION.md §1.12). Breakpoints copied
 * from the caller are kept, at most 4 (Anthropic's limit; the last 4 in prefix order tools →
 * system → messages win). When the caller set none and `autoCache` is on (default), the last
 * tool, the last system block and the last block of the last user turn are marked, which is
 * what OpenAI's automatic caching gives a caller. Empty text blocks never exist here (they are
 * dropped during conversion), so no breakpoint lands on one.
 */
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicTextBlock,
  AnthropicToolResultContentBlock,
} from '../../anthropic/content-blocks';
import type { AnthropicMessagesRequest, AnthropicTool } from '../../anthropic/messages-request';
import type { ChatConversionState } from './chat-conversion-state';

const MAX_BREAKPOINTS = 4;
const createEphemeral = (): AnthropicCacheControl => ({ type: 'ephemeral' });

type Cacheable =
  | AnthropicTool
  | AnthropicTextBlock
  | AnthropicToolResultContentBlock
  | Exclude<AnthropicContentBlock, { type: 'thinking' | 'redacted_thinking' }>;

/** Every place that can carry `cache_control`, in prefix order. */
function listCacheables(request: AnthropicMessagesRequest): Cacheable[] {
  const places: Cacheable[] = [...(request.tools ?? [])];
  if (Array.isArray(request.system)) places.push(...request.system);
  for (const message of request.messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content) {
      if (block.type === 'thinking' || block.type === 'redacted_thinking') continue;
      places.push(block);
      if (block.type === 'tool_result' && Array.isArray(block.content)) {
        places.push(...block.content);
      }
    }
  }
  return places;
}

export function applyCacheBreakpoints(
  request: AnthropicMessagesRequest,
  state: ChatConversionState,
): void {
  const marked = listCacheables(request).filter((place) => place.cache_control);
  if (marked.length > MAX_BREAKPOINTS) {
    for (const place of marked.slice(0, marked.length - MAX_BREAKPOINTS))
      delete place.cache_control;
    state.notes.add(
      'dropped',
      'cache_control',
      `only the last ${MAX_BREAKPOINTS} of ${marked.length} cache breakpoints were kept`,
    );
    return;
  }
  if (marked.length > 0 || state.options.autoCache === false) return;
  const lastTool = request.tools?.[request.tools.length - 1];
  if (lastTool) lastTool.cache_control = createEphemeral();
  const lastSystem = Array.isArray(request.system)
    ? request.system[request.system.length - 1]
    : undefined;
  if (lastSystem) lastSystem.cache_control = createEphemeral();
  const lastUser = request.messages.findLast((message) => message.role === 'user');
  if (lastUser && typeof lastUser.content !== 'string') {
    const lastBlock = lastUser.content[lastUser.content.length - 1];
    if (lastBlock && lastBlock.type !== 'thinking' && lastBlock.type !== 'redacted_thinking') {
      lastBlock.cache_control = createEphemeral();
    }
  }
}
