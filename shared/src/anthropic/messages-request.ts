/**
 * @module anthropic/messages-request
 * The Anthropic Messages request body (`POST /v1/messages`): minimal hand-written wire types
 * following `@anthropic-ai/sdk` `MessageCreateParamsBase` (CONVERSION.md §0), plus the sampling
 * parameters older models still take (`temperature`, `top_p`, `top_k`) and the legacy
 * `output_format`. Parsed requests keep unknown fields at runtime so a same-format passthrough
 * forwards them untouched.
 */
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicTextBlock,
} from './content-blocks';

export interface AnthropicUserMessage {
  role: 'user';
  content: string | AnthropicContentBlock[];
}

export interface AnthropicAssistantMessage {
  role: 'assistant';
  content: string | AnthropicContentBlock[];
}

/**
 * A mid-conversation system message (API version 2026-10-21+, or the beta Claude Code sends with
 * 2023-06-01; API.md "Dialect details"). Only text.
 */
export interface AnthropicSystemMessage {
  role: 'system';
  content: string | AnthropicTextBlock[];
}

export type AnthropicMessageParam =
  AnthropicUserMessage | AnthropicAssistantMessage | AnthropicSystemMessage;

/** A JSON Schema whose root is an object (Anthropic requires `type: "object"`). */
export interface AnthropicInputSchema {
  type: 'object';
  properties?: Record<string, unknown> | null;
  required?: string[] | null;
  [key: string]: unknown;
}

/** A client tool described by a JSON schema (`type` absent or `"custom"`). */
export interface AnthropicCustomTool {
  type?: 'custom' | null;
  name: string;
  description?: string;
  input_schema: AnthropicInputSchema;
  strict?: boolean;
  cache_control?: AnthropicCacheControl | null;
  defer_loading?: boolean;
  eager_input_streaming?: boolean | null;
  input_examples?: Array<Record<string, unknown>>;
  allowed_callers?: string[];
}

/**
 * An Anthropic-defined tool (server tools such as `web_search_20250305`, client tools such as
 * `bash_20250124`, toolsets). Kept loose: the gateway forwards these or refuses them.
 */
export interface AnthropicVersionedTool {
  /** A versioned type, e.g. `web_search_20250305`; never `custom`. */
  type: string;
  name: string;
  cache_control?: AnthropicCacheControl | null;
  [key: string]: unknown;
}

export type AnthropicTool = AnthropicCustomTool | AnthropicVersionedTool;

/** Whether `tool` is a custom (JSON-schema) tool rather than an Anthropic-defined one. */
export function isAnthropicCustomTool(tool: AnthropicTool): tool is AnthropicCustomTool {
  return tool.type === undefined || tool.type === null || tool.type === 'custom';
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicThinkingDisplay = 'summarized' | 'omitted';

export type AnthropicThinkingConfig =
  /** Budget-based extended thinking; `budget_tokens` ≥ 1024 and < `max_tokens`. Rejected on 4.7+. */
  | { type: 'enabled'; budget_tokens: number; display?: AnthropicThinkingDisplay | null }
  /** The model decides how much to think; depth via `output_config.effort` (4.6+). */
  | { type: 'adaptive'; display?: AnthropicThinkingDisplay | null }
  | { type: 'disabled' }
  /** Thinking only between tool calls (newest SDK). */
  | { type: 'between_tools' };

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** Structured outputs: the answer is JSON matching `schema`. */
export interface AnthropicJsonOutputFormat {
  type: 'json_schema';
  schema: Record<string, unknown>;
}

export interface AnthropicOutputConfig {
  effort?: AnthropicEffort | null;
  format?: AnthropicJsonOutputFormat | null;
}

export interface AnthropicMetadata {
  /** An opaque id of the end user (uuid or hash; never an e-mail, name or phone number). */
  user_id?: string | null;
}

export interface AnthropicMessagesRequest {
  model: string;
  /** Required; `0` only pre-warms the prompt cache. */
  max_tokens: number;
  messages: AnthropicMessageParam[];
  system?: string | AnthropicTextBlock[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig;
  output_config?: AnthropicOutputConfig;
  /** Deprecated beta spelling of `output_config.format` (header `structured-outputs-2025-11-13`). */
  output_format?: AnthropicJsonOutputFormat | null;
  metadata?: AnthropicMetadata;
  stop_sequences?: string[];
  /** 0–1; deprecated on models after Opus 4.6 (only 1 accepted). */
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stream?: boolean;
  service_tier?: 'auto' | 'standard_only';
  /** Container id or `{id, skills}`; Anthropic-only. */
  container?: unknown;
  mcp_servers?: unknown[];
  context_management?: unknown;
  inference_geo?: string | null;
  /** Top-level automatic cache breakpoint. */
  cache_control?: AnthropicCacheControl | null;
}

/** A streaming request (STYLE.md §3.2: the router narrows on `stream`). */
export type AnthropicMessagesRequestStreaming = AnthropicMessagesRequest & { stream: true };
