/**
 * @module convert/openai-to-anthropic/finish-reason
 * OpenAI `finish_reason` → Anthropic `stop_reason` (CONVERSION.md §3.3, second table).
 */
import type { AnthropicStopReason } from '../../anthropic/message';

export interface FinishReasonContext {
  /** Whether the converted message carries at least one `tool_use` block. */
  readonly hasToolCalls: boolean;
  /** Whether the upstream sent a non-empty `refusal`. */
  readonly hasRefusal: boolean;
}

/**
 * | OA `finish_reason`             | AN `stop_reason` |
 * |--------------------------------|------------------|
 * | `length`                       | `max_tokens` — wins over tool labels: a turn truncated inside a tool call is a truncation |
 * | `content_filter`               | `refusal` (not `stop_sequence`, §4.8) |
 * | any other, tool calls present  | `tool_use` (OA-compatible servers say `stop` with tool calls) |
 * | `tool_calls` / `function_call` without tool calls | `end_turn` (nothing for the client to run) |
 * | `stop` with a refusal          | `refusal`        |
 * | `stop`, `null`, unknown        | `end_turn`       |
 */
export function mapFinishReasonToStopReason(
  finishReason: string | null | undefined,
  context: FinishReasonContext,
): AnthropicStopReason {
  if (finishReason === 'length') return 'max_tokens';
  if (finishReason === 'content_filter') return 'refusal';
  if (context.hasToolCalls) return 'tool_use';
  if (context.hasRefusal) return 'refusal';
  return 'end_turn';
}
