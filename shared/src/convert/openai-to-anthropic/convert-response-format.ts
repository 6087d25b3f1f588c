/**
 * @module convert/openai-to-anthropic/convert-response-format
 * `response_format` → Anthropic (CONVERSION.md §1.9). `json_schema` becomes
 * `output_config.format` on models with structured outputs; elsewhere a forced tool
 * `json_tool_call` whose input is the answer (the response converter turns it back into
 * `content`, `ResponseHints.jsonToolName`), or, when the caller has tools of its own or the
 * schema's root is not an object, a system instruction. `json_object` is always a system
 * instruction (Anthropic has no JSON mode).
 */
import type {
  AnthropicJsonOutputFormat,
  AnthropicCustomTool,
} from '../../anthropic/messages-request';
import type { OpenAIResponseFormat } from '../../openai/chat-request';
import type { ChatConversionState } from './chat-conversion-state';

export const JSON_TOOL_NAME = 'json_tool_call';

export interface ResponseFormatPlan {
  readonly outputFormat?: AnthropicJsonOutputFormat;
  /** The forced tool of the fallback; `tool_choice` forces it unless thinking is on. */
  readonly jsonTool?: AnthropicCustomTool;
  /** Text appended to `system`. */
  readonly systemInstruction?: string;
}

const JSON_OBJECT_INSTRUCTION = 'Reply with one valid JSON object and nothing else.';

export function convertResponseFormat(
  format: OpenAIResponseFormat | undefined,
  hasCallerTools: boolean,
  state: ChatConversionState,
): ResponseFormatPlan {
  if (format === undefined || format.type === 'text') return {};
  const schema = format.type === 'json_schema' ? format.json_schema.schema : undefined;
  if (schema === undefined) {
    state.notes.add(
      'approximated',
      'response_format',
      'JSON mode was emulated with a system instruction',
    );
    return { systemInstruction: JSON_OBJECT_INSTRUCTION };
  }
  if (state.capabilities.structuredOutputs)
    return { outputFormat: { type: 'json_schema', schema } };
  const isObjectRoot =
    schema.type === 'object' ||
    (schema.type === undefined && typeof schema.properties === 'object');
  if (!hasCallerTools && isObjectRoot) {
    state.notes.add(
      'approximated',
      'response_format',
      `structured output was emulated with a forced tool ${JSON_TOOL_NAME}`,
    );
    const description = format.type === 'json_schema' ? format.json_schema.description : undefined;
    return {
      jsonTool: {
        name: JSON_TOOL_NAME,
        description: description ?? 'Respond with the answer as the input of this tool.',
        input_schema: { ...schema, type: 'object' },
      },
    };
  }
  state.notes.add(
    'approximated',
    'response_format',
    'structured output was emulated with a system instruction',
  );
  return {
    systemInstruction: `Reply with one JSON value that matches this JSON Schema, and nothing else:\n${JSON.stringify(schema)}`,
  };
}
