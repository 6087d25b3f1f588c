/**
 * @module openai/chat-completion
 * The non-streaming OpenAI Chat Completions response (`chat.completion`): minimal hand-written wire
 * types after `openai-node` `resources/chat/completions/completions.ts` `ChatCompletion` and
 * `resources/completions.ts` `CompletionUsage` (CONVERSION.md §0, §3.1, §3.4). Snake_case, literal
 * `object`; only the fields the gateway reads or writes.
 */
import type { OpenAIFunctionToolCall, OpenAIThinkingBlock } from './chat-message';

/** `finish_reason` values (`function_call` is the deprecated legacy value). */
export type OpenAIFinishReason =
  'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** A web-search citation on the message (CONVERSION.md §3.1 `annotations`). */
export interface OpenAIUrlCitationAnnotation {
  type: 'url_citation';
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

/** `choices[].message` of a response. */
export interface OpenAIChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  /** Omitted when there are none. */
  tool_calls?: OpenAIFunctionToolCall[];
  annotations?: OpenAIUrlCitationAnnotation[];
  /** Extension (DeepSeek/vLLM/LiteLLM): the reasoning text. OpenRouter spells it `reasoning`. */
  reasoning_content?: string | null;
  reasoning?: string | null;
  /** Extension (LiteLLM): the signed Anthropic thinking blocks, verbatim (API.md "Dialect details"). */
  thinking_blocks?: OpenAIThinkingBlock[];
}

export interface OpenAIChatCompletionChoice {
  index: number;
  message: OpenAIChatCompletionMessage;
  finish_reason: OpenAIFinishReason | null;
  logprobs: null;
}

/** `usage` (CompletionUsage): prompt counts include cached tokens; completion counts include reasoning. */
export interface OpenAICompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: {
    cached_tokens?: number;
    /** New OpenAI field: prompt tokens written to the cache. */
    cache_write_tokens?: number;
    audio_tokens?: number;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  } | null;
}

export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  /** Unix seconds. */
  created: number;
  model: string;
  choices: OpenAIChatCompletionChoice[];
  usage?: OpenAICompletionUsage;
  service_tier?: 'default' | 'priority' | 'flex' | 'scale' | 'auto' | null;
  system_fingerprint?: string | null;
}
