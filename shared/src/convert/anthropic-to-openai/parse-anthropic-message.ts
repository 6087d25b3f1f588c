/**
 * @module convert/anthropic-to-openai/parse-anthropic-message
 * Minimal schema of an upstream Anthropic `Message` (CONVERSION.md §3.1 input): the fields the
 * converter reads, loose objects everywhere else. Unknown block types (server tools, results,
 * newer kinds) are kept as `{type, …}` and dropped by the converter with a note.
 */
import { z } from 'zod';
import { parseUpstreamBody } from '../parse-upstream-body';

const knownBlockTypes = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);

const citationSchema = z.looseObject({ type: z.string() });

const textBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(citationSchema).nullish(),
});
const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().default(''),
});
const redactedThinkingBlockSchema = z.looseObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});
const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
/** Any other block kind, tagged `unsupported` so the union stays discriminated. */
const otherBlockSchema = z
  .looseObject({
    type: z.string().refine((type) => !knownBlockTypes.has(type), 'malformed content block'),
  })
  .transform((block) => ({ type: 'unsupported' as const, originalType: block.type }));

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
  service_tier: z.string().nullish(),
});

export const anthropicMessageSchema = z.looseObject({
  id: z.string(),
  model: z.string().optional(),
  content: z.array(
    z.union([
      textBlockSchema,
      thinkingBlockSchema,
      redactedThinkingBlockSchema,
      toolUseBlockSchema,
      otherBlockSchema,
    ]),
  ),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  stop_details: z.looseObject({ explanation: z.string().nullish() }).nullish(),
  usage: anthropicUsageSchema,
});

export type ParsedAnthropicMessage = z.output<typeof anthropicMessageSchema>;
export type ParsedAnthropicBlock = ParsedAnthropicMessage['content'][number];

/** Validates an upstream Anthropic Messages response body (502 on a malformed one). */
export function parseAnthropicMessage(body: unknown): ParsedAnthropicMessage {
  return parseUpstreamBody(anthropicMessageSchema, body, 'Anthropic message');
}
