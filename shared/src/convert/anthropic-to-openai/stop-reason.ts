/**
 * @module convert/anthropic-to-openai/stop-reason
 * Anthropic `stop_reason` → OpenAI `finish_reason` (CONVERSION.md §3.3, first table).
 */
import type { OpenAIFinishReason } from '../../openai/chat-completion';

export interface StopReasonContext {
  /** Whether the caller got at least one tool call (server-tool and json-fallback calls don't count). */
  readonly hasToolCalls: boolean;
}

/**
 * | AN `stop_reason`                 | OA `finish_reason` |
 * |----------------------------------|--------------------|
 * | `end_turn`, `stop_sequence`      | `stop`             |
 * | `max_tokens`, `model_context_window_exceeded` | `length` |
 * | `tool_use`                       | `tool_calls`, or `stop` when no client-visible tool call was emitted |
 * | `pause_turn`                     | `stop` (no auto-continue, §10.3) |
 * | `refusal`                        | `content_filter`   |
 * | `null` / unknown                 | `stop`             |
 */
export function mapStopReasonToFinishReason(
  stopReason: string | null | undefined,
  context: StopReasonContext,
): OpenAIFinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return context.hasToolCalls ? 'tool_calls' : 'stop';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn, null and values newer than this table.
      return 'stop';
  }
}

/** Whether `stopReason` is one the §3.3 table names (others are logged as notes). */
export function isKnownStopReason(stopReason: string | null | undefined): boolean {
  return (
    stopReason == null ||
    [
      'end_turn',
      'stop_sequence',
      'max_tokens',
      'model_context_window_exceeded',
      'tool_use',
      'pause_turn',
      'refusal',
    ].includes(stopReason)
  );
}
