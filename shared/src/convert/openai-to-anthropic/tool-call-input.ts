/**
 * @module convert/openai-to-anthropic/tool-call-input
 * OpenAI tool-call pieces → Anthropic `tool_use` fields (CONVERSION.md §3.2): ids made
 * Anthropic-safe, `arguments` text parsed into the `input` object.
 */
import { sanitizeToolCallId } from '../tool-names';

/** The parsed `input` and, when the arguments were unusable, why. */
export interface ToolCallInput {
  readonly input: Record<string, unknown>;
  readonly problem?: string;
}

/**
 * `""`/absent → `{}` (a call without arguments). An object (some servers send one) is used as is.
 * JSON that does not parse, or parses to something other than an object, becomes
 * `{"_raw_arguments": "<text>"}`: §3.2 allows `{}` or this wrapper, and the wrapper keeps what the
 * model wrote, so the client's tool validation can say what was wrong instead of seeing nothing.
 */
export function parseToolCallArguments(
  argumentsValue: string | Record<string, unknown> | null | undefined,
): ToolCallInput {
  if (argumentsValue == null) return { input: {} };
  if (typeof argumentsValue !== 'string') return { input: argumentsValue };
  if (argumentsValue.trim() === '') return { input: {} };
  try {
    const parsed: unknown = JSON.parse(argumentsValue);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return { input: parsed as Record<string, unknown> };
    }
    return {
      input: { _raw_arguments: argumentsValue },
      problem: 'Tool arguments were not a JSON object; kept as _raw_arguments.',
    };
  } catch {
    return {
      input: { _raw_arguments: argumentsValue },
      problem: 'Tool arguments were not valid JSON; kept as _raw_arguments.',
    };
  }
}

/**
 * Anthropic tool-use ids must match `^[a-zA-Z0-9_-]+$` (§1.5): other characters become `_` with
 * the same deterministic function the request half uses (`functions.Bash:0` is always
 * `functions_Bash_0`); a missing id gets a fresh `toolu_` id.
 */
export function resolveToolUseId(
  id: string | null | undefined,
  generateId: (prefix: string) => string,
): string {
  if (id == null || id === '') return generateId('toolu_');
  return sanitizeToolCallId(id);
}
