/**
 * @module convert/openai-to-anthropic/chat-conversion-state
 * What the parts of one OpenAI → Anthropic request conversion share: the note collector, the
 * knobs (CONVERSION.md §9) and the upstream model's capabilities.
 */
import type { AnthropicCacheControl } from '../../anthropic/content-blocks';
import type { OpenAIPromptCacheBreakpoint } from '../../openai/chat-message';
import type { ClaudeModelCapabilities } from '../capabilities';
import type { NoteCollector } from '../conversion-notes';
import type { ConversionOptions } from '../types';

export interface ChatConversionState {
  readonly notes: NoteCollector;
  readonly options: ConversionOptions;
  readonly capabilities: ClaudeModelCapabilities;
}

interface CacheHints {
  readonly cache_control?: AnthropicCacheControl | null;
  readonly prompt_cache_breakpoint?: OpenAIPromptCacheBreakpoint;
}

/**
 * The Anthropic breakpoint for an OpenAI part or message (§1.12): a non-standard `cache_control`
 * is copied; OpenAI's `prompt_cache_breakpoint {mode: "explicit"}` becomes an ephemeral
 * breakpoint (`ttl` 30m/12h → Anthropic's longest, 1h).
 */
export function selectCacheControl(source: CacheHints): AnthropicCacheControl | undefined {
  if (source.cache_control) return source.cache_control;
  const breakpoint = source.prompt_cache_breakpoint;
  if (breakpoint?.mode !== 'explicit') return undefined;
  return breakpoint.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: '1h' };
}

/** Whether a text would be rejected as empty by Anthropic ("must contain non-whitespace text"). */
export function isBlankText(text: string): boolean {
  return text.trim().length === 0;
}
