/**
 * @module openai/chat-message
 * OpenAI Chat Completions input messages and content parts: minimal hand-written wire types
 * following `openai` `resources/chat/completions/completions.ts` (CONVERSION.md §0), plus the
 * gateway's extensions `reasoning_content` / `thinking_blocks` on assistant messages (API.md
 * "Dialect details", CONVERSION.md §1.10) and the non-standard `cache_control` (LiteLLM/Portkey
 * convention, §1.12).
 */
import type { AnthropicCacheControl } from '../anthropic/content-blocks';

/** OpenAI's explicit prompt-cache marker on a content part (newer models). */
export interface OpenAIPromptCacheBreakpoint {
  mode: 'explicit';
  ttl?: '30m' | '12h';
}

export interface OpenAITextPart {
  type: 'text';
  text: string;
  prompt_cache_breakpoint?: OpenAIPromptCacheBreakpoint;
  /** Non-standard, copied to the Anthropic block (§1.12). */
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIImagePart {
  type: 'image_url';
  image_url: {
    /** An http(s) URL or a `data:<media type>;base64,<data>` URI. */
    url: string;
    detail?: 'auto' | 'low' | 'high' | 'original';
  };
  prompt_cache_breakpoint?: OpenAIPromptCacheBreakpoint;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIInputAudioPart {
  type: 'input_audio';
  input_audio: { data: string; format: 'wav' | 'mp3' };
  prompt_cache_breakpoint?: OpenAIPromptCacheBreakpoint;
}

export interface OpenAIFilePart {
  type: 'file';
  file: {
    /** A data URI or bare base64. */
    file_data?: string;
    file_id?: string;
    filename?: string;
  };
  prompt_cache_breakpoint?: OpenAIPromptCacheBreakpoint;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIRefusalPart {
  type: 'refusal';
  refusal: string;
}

export type OpenAIUserContentPart =
  OpenAITextPart | OpenAIImagePart | OpenAIInputAudioPart | OpenAIFilePart;

export type OpenAIAssistantContentPart = OpenAITextPart | OpenAIRefusalPart;

export interface OpenAIFunctionToolCall {
  id: string;
  type: 'function';
  function: {
    name: string;
    /** JSON text of the arguments object (may be `""` for no arguments). */
    arguments: string;
  };
}

export interface OpenAICustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

export type OpenAIToolCall = OpenAIFunctionToolCall | OpenAICustomToolCall;

/**
 * Extension (LiteLLM convention): Anthropic thinking blocks carried on OpenAI assistant messages
 * and deltas. `signature` is optional on input because clients may send back unsigned reasoning;
 * unsigned blocks are never forwarded (§1.10).
 */
export type OpenAIThinkingBlock =
  | { type: 'thinking'; thinking: string; signature?: string | null }
  | { type: 'redacted_thinking'; data: string };

export interface OpenAISystemMessage {
  role: 'system';
  content: string | OpenAITextPart[];
  name?: string;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIDeveloperMessage {
  role: 'developer';
  content: string | OpenAITextPart[];
  name?: string;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIUserMessage {
  role: 'user';
  content: string | OpenAIUserContentPart[];
  name?: string;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIAssistantMessage {
  role: 'assistant';
  content?: string | OpenAIAssistantContentPart[] | null;
  refusal?: string | null;
  tool_calls?: OpenAIToolCall[] | null;
  /** Legacy single function call. */
  function_call?: { name: string; arguments: string } | null;
  name?: string;
  audio?: { id: string } | null;
  /** Extension: the reasoning text (DeepSeek/vLLM convention); never turned into thinking. */
  reasoning_content?: string | null;
  /** Extension: signed thinking blocks to replay (§1.10). */
  thinking_blocks?: OpenAIThinkingBlock[] | null;
  cache_control?: AnthropicCacheControl | null;
}

export interface OpenAIToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | OpenAITextPart[];
  cache_control?: AnthropicCacheControl | null;
}

/** Legacy result of a `function_call`. */
export interface OpenAIFunctionMessage {
  role: 'function';
  name: string;
  content: string | null;
}

export type OpenAIChatMessage =
  | OpenAISystemMessage
  | OpenAIDeveloperMessage
  | OpenAIUserMessage
  | OpenAIAssistantMessage
  | OpenAIToolMessage
  | OpenAIFunctionMessage;
