/**
 * @module convert/anthropic-to-openai/usage
 * Anthropic usage → OpenAI usage and → the gateway's `UsageSummary` (CONVERSION.md §3.4, LiteLLM's
 * current arithmetic). Anthropic's `input_tokens` is only the uncached remainder, so OpenAI's
 * `prompt_tokens` adds both cache counters back (Portkey's `prompt_tokens = input_tokens` is
 * inconsistent with its own `total_tokens`; §3.4 says avoid it).
 */
import type { OpenAICompletionUsage } from '../../openai/chat-completion';
import type { UsageSummary } from '../types';

/** The counters both `Message.usage` and the stream's running totals provide. */
export interface AnthropicUsageCounts {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly output_tokens_details?: { readonly thinking_tokens?: number | null } | null;
}

/**
 * ```
 * prompt_tokens      = input_tokens + cache_creation_input_tokens + cache_read_input_tokens  (nulls = 0)
 * completion_tokens  = output_tokens
 * total_tokens       = prompt_tokens + completion_tokens
 * prompt_tokens_details.cached_tokens        = cache_read_input_tokens
 * prompt_tokens_details.cache_write_tokens   = cache_creation_input_tokens   (only when non-zero)
 * completion_tokens_details.reasoning_tokens = output_tokens_details.thinking_tokens (omit if absent)
 * ```
 * The `usage_extensions` knob (AN cache counters echoed in OA usage) is off by default (§9), so
 * they are not echoed.
 */
export function convertAnthropicUsageToOpenAI(usage: AnthropicUsageCounts): OpenAICompletionUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const promptTokens = usage.input_tokens + cacheCreation + cacheRead;
  const reasoningTokens = usage.output_tokens_details?.thinking_tokens;
  const converted: OpenAICompletionUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: usage.output_tokens,
    total_tokens: promptTokens + usage.output_tokens,
    prompt_tokens_details:
      cacheCreation > 0
        ? { cached_tokens: cacheRead, cache_write_tokens: cacheCreation }
        : { cached_tokens: cacheRead },
  };
  if (reasoningTokens != null) {
    converted.completion_tokens_details = { reasoning_tokens: reasoningTokens };
  }
  return converted;
}

/** The gateway's dialect-free view of Anthropic usage (`inputTokens` counts every prompt token). */
export function summarizeAnthropicUsage(usage: AnthropicUsageCounts): UsageSummary {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const reasoningTokens = usage.output_tokens_details?.thinking_tokens;
  return {
    inputTokens: usage.input_tokens + cacheCreation + cacheRead,
    outputTokens: usage.output_tokens,
    cacheReadTokens: cacheRead,
    cacheCreationTokens: cacheCreation,
    ...(reasoningTokens != null ? { reasoningTokens } : {}),
  };
}
