/**
 * @module openai/chat-request
 * The OpenAI Chat Completions request body (`POST /v1/chat/completions`): minimal hand-written
 * wire types following `openai` `ChatCompletionCreateParamsBase` (CONVERSION.md §0). Parameters
 * with no Anthropic twin are typed loosely and listed in `OPENAI_DROPPED_PARAMETERS` (§1.11).
 */
import type { AnthropicCacheControl } from '../anthropic/content-blocks';
import type { OpenAIChatMessage } from './chat-message';

export interface OpenAIFunctionDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object; absent = no arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean | null;
}

export interface OpenAIFunctionTool {
  type: 'function';
  function: OpenAIFunctionDefinition;
  /** Non-standard, copied to the Anthropic tool (§1.12). */
  cache_control?: AnthropicCacheControl | null;
}

/** A free-form (grammar) tool: no Anthropic twin (§1.5). */
export interface OpenAICustomTool {
  type: 'custom';
  custom: { name: string; description?: string; format?: Record<string, unknown> };
}

export type OpenAITool = OpenAIFunctionTool | OpenAICustomTool;

/** A reference to one tool inside `allowed_tools`. */
export type OpenAIToolReference =
  { type: 'function'; function: { name: string } } | { type: 'custom'; custom: { name: string } };

export type OpenAIToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | { type: 'custom'; custom: { name: string } }
  | {
      type: 'allowed_tools';
      allowed_tools: { mode: 'auto' | 'required'; tools: OpenAIToolReference[] };
    };

/** Legacy `functions[]` entry. */
export type OpenAILegacyFunction = OpenAIFunctionDefinition;

/** Legacy `function_call` request parameter. */
export type OpenAILegacyFunctionCall = 'none' | 'auto' | { name: string };

export type OpenAIResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: {
        name: string;
        description?: string;
        schema?: Record<string, unknown>;
        strict?: boolean | null;
      };
    };

export type OpenAIReasoningEffort =
  'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface OpenAIStreamOptions {
  include_usage?: boolean;
  include_obfuscation?: boolean;
}

export interface OpenAIWebSearchOptions {
  search_context_size?: 'low' | 'medium' | 'high';
  user_location?: {
    type: 'approximate';
    approximate: { city?: string; country?: string; region?: string; timezone?: string };
  } | null;
}

export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIChatMessage[];
  /** Preferred over `max_tokens`; both count reasoning tokens. */
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  /** 0–2. */
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  n?: number | null;
  stream?: boolean | null;
  stream_options?: OpenAIStreamOptions | null;
  tools?: OpenAITool[];
  tool_choice?: OpenAIToolChoice;
  parallel_tool_calls?: boolean;
  functions?: OpenAILegacyFunction[];
  function_call?: OpenAILegacyFunctionCall;
  response_format?: OpenAIResponseFormat;
  reasoning_effort?: OpenAIReasoningEffort | null;
  /** Deprecated end-user id; `safety_identifier` replaces it. */
  user?: string;
  safety_identifier?: string | null;
  /** OpenAI's key/value map (stored completions); not Anthropic's metadata. */
  metadata?: Record<string, string> | null;
  web_search_options?: OpenAIWebSearchOptions;
  // Parameters without an Anthropic twin (CONVERSION.md §1.11), typed loosely:
  seed?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  prediction?: unknown;
  store?: boolean | null;
  modalities?: Array<'text' | 'audio'> | null;
  audio?: unknown;
  verbosity?: 'low' | 'medium' | 'high' | null;
  service_tier?: string | null;
  prompt_cache_key?: string | null;
  prompt_cache_retention?: string | null;
  prompt_cache_options?: unknown;
  moderation?: unknown;
}

/** A streaming request (STYLE.md §3.2: the router narrows on `stream`). */
export type OpenAIChatRequestStreaming = OpenAIChatRequest & { stream: true };

/**
 * Parameters an Anthropic upstream cannot honour and whose absence does not change what the
 * answer says: dropped with a note (strict mode: 400). CONVERSION.md §1.11 and §10.1.
 * `logprobs`/`top_logprobs` are handled separately (dropped only when they ask for data).
 */
export const OPENAI_DROPPED_PARAMETERS = [
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'prediction',
  'store',
  'metadata',
  'service_tier',
  'verbosity',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'moderation',
] as const satisfies ReadonlyArray<keyof OpenAIChatRequest>;
