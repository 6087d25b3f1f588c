/**
 * @module anthropic/message
 * The non-streaming Anthropic Messages response (`Message`), after `@anthropic-ai/sdk`
 * `resources/messages/messages.ts` `Message`, `Usage`, `StopReason`, `RefusalStopDetails`
 * (CONVERSION.md §0, §3.2, §3.4). Content blocks are in `./content-blocks`.
 */
import type { AnthropicResponseContentBlock } from './content-blocks';

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/** Why the model refused (`stop_reason: "refusal"`). */
export interface AnthropicStopDetails {
  type: 'refusal';
  category: string | null;
  explanation: string | null;
}

/**
 * Token counts. Total input = `input_tokens` (the uncached remainder) + cache creation + cache read
 * (§3.4); `output_tokens` includes thinking.
 */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  server_tool_use?: { web_search_requests?: number; web_fetch_requests?: number } | null;
  service_tier?: 'standard' | 'priority' | 'batch' | null;
}

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicResponseContentBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  stop_details?: AnthropicStopDetails | null;
  container?: unknown;
  usage: AnthropicUsage;
}
