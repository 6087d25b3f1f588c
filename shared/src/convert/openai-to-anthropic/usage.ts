/**
 * @module convert/openai-to-anthropic/usage
 * OpenAI usage → Anthropic usage and → the gateway's `UsageSummary` (CONVERSION.md §3.4).
 * OpenAI's `prompt_tokens` includes cached tokens; Anthropic's `input_tokens` must not.
 */
import type { AnthropicUsage } from '../../anthropic/message';
import type { UsageSummary } from '../types';

/** The counters the converters read; as lenient as the upstreams that send them (nulls allowed). */
export interface OpenAIUsageCounts {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly prompt_tokens_details?: {
    readonly cached_tokens?: number | null;
    readonly cache_write_tokens?: number | null;
  } | null;
  readonly completion_tokens_details?: { readonly reasoning_tokens?: number | null } | null;
}

/** The Anthropic counters the gateway writes (non-stream `usage` and stream `message_delta.usage`). */
export interface ConvertedAnthropicUsage extends AnthropicUsage {
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * ```
 * cache_read_input_tokens     = prompt_tokens_details.cached_tokens ?? 0
 * cache_creation_input_tokens = prompt_tokens_details.cache_write_tokens ?? 0
 * input_tokens                = max(0, prompt_tokens - cache_read - cache_creation)
 * output_tokens               = completion_tokens
 * output_tokens_details       = {thinking_tokens: completion_tokens_details.reasoning_tokens} if present, else null
 * ```
 * (`server_tool_use = null` is written by the non-stream converter, which owns the message shape.)
 */
export function convertOpenAIUsageToAnthropic(usage: OpenAIUsageCounts): ConvertedAnthropicUsage {
  const cacheRead = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheCreation = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    input_tokens: Math.max(0, usage.prompt_tokens - cacheRead - cacheCreation),
    output_tokens: usage.completion_tokens,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
    output_tokens_details: reasoningTokens != null ? { thinking_tokens: reasoningTokens } : null,
  };
}

/** The gateway's dialect-free view of OpenAI usage. */
export function summarizeOpenAIUsage(usage: OpenAIUsageCounts): UsageSummary {
  const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheCreationTokens: usage.prompt_tokens_details?.cache_write_tokens ?? 0,
    ...(reasoningTokens != null ? { reasoningTokens } : {}),
  };
}
