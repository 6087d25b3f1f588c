/**
 * @module convert/parse/parse-chat-request
 * Validates an inbound OpenAI Chat Completions body (`POST /v1/chat/completions`). Minimal: only
 * what the gateway reads is checked; unknown fields are kept (`z.looseObject`) so a same-format
 * passthrough forwards them untouched. `null` for an optional field is accepted as "absent".
 */
import { z } from 'zod';
import type { OpenAIChatRequest } from '../../openai/chat-request';
import { toRequestInvalidError } from './to-request-invalid-error';
import { isPlainChatRequest } from './plain-request';

const cacheControl = z
  .looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();
const promptCacheBreakpoint = z
  .looseObject({ mode: z.literal('explicit'), ttl: z.enum(['30m', '12h']).optional() })
  .optional();
const cacheHints = { cache_control: cacheControl, prompt_cache_breakpoint: promptCacheBreakpoint };
/** `null` → absent, for optional fields typed without `null`. */
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

const textPart = z.looseObject({ type: z.literal('text'), text: z.string(), ...cacheHints });
const userPart = z.discriminatedUnion('type', [
  textPart,
  z.looseObject({
    type: z.literal('image_url'),
    image_url: z.looseObject({
      url: z.string(),
      detail: z.enum(['auto', 'low', 'high', 'original']).optional(),
    }),
    ...cacheHints,
  }),
  z.looseObject({
    type: z.literal('input_audio'),
    input_audio: z.looseObject({ data: z.string(), format: z.enum(['wav', 'mp3']) }),
    prompt_cache_breakpoint: promptCacheBreakpoint,
  }),
  z.looseObject({
    type: z.literal('file'),
    file: z.looseObject({
      file_data: z.string().optional(),
      file_id: z.string().optional(),
      filename: z.string().optional(),
    }),
    ...cacheHints,
  }),
]);
const assistantPart = z.discriminatedUnion('type', [
  textPart,
  z.looseObject({ type: z.literal('refusal'), refusal: z.string() }),
]);

const toolCall = z.discriminatedUnion('type', [
  z.looseObject({
    id: z.string(),
    type: z.literal('function'),
    function: z.looseObject({ name: z.string(), arguments: z.string() }),
  }),
  z.looseObject({
    id: z.string(),
    type: z.literal('custom'),
    custom: z.looseObject({ name: z.string(), input: z.string() }),
  }),
]);
const thinkingBlock = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('thinking'),
    thinking: z.string(),
    signature: z.string().nullish(),
  }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
]);
const textContent = z.union([z.string(), z.array(textPart)]);

const message = z.discriminatedUnion('role', [
  z.looseObject({
    role: z.literal('system'),
    content: textContent,
    name: z.string().optional(),
    cache_control: cacheControl,
  }),
  z.looseObject({
    role: z.literal('developer'),
    content: textContent,
    name: z.string().optional(),
    cache_control: cacheControl,
  }),
  z.looseObject({
    role: z.literal('user'),
    content: z.union([z.string(), z.array(userPart)]),
    name: z.string().optional(),
    cache_control: cacheControl,
  }),
  z.looseObject({
    role: z.literal('assistant'),
    content: z.union([z.string(), z.array(assistantPart)]).nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCall).nullish(),
    function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
    name: z.string().optional(),
    audio: z.looseObject({ id: z.string() }).nullish(),
    reasoning_content: z.string().nullish(),
    thinking_blocks: z.array(thinkingBlock).nullish(),
    cache_control: cacheControl,
  }),
  z.looseObject({
    role: z.literal('tool'),
    tool_call_id: z.string(),
    content: textContent,
    cache_control: cacheControl,
  }),
  z.looseObject({ role: z.literal('function'), name: z.string(), content: z.string().nullable() }),
]);

const functionDefinition = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullish(),
});
const tool = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('function'),
    function: functionDefinition,
    cache_control: cacheControl,
  }),
  z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
]);
const toolReference = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
]);
const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    z.looseObject({ type: z.literal('custom'), custom: z.looseObject({ name: z.string() }) }),
    z.looseObject({
      type: z.literal('allowed_tools'),
      allowed_tools: z.looseObject({
        mode: z.enum(['auto', 'required']),
        tools: z.array(toolReference),
      }),
    }),
  ]),
]);
const responseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);
const approximateLocation = z.looseObject({
  city: z.string().optional(),
  country: z.string().optional(),
  region: z.string().optional(),
  timezone: z.string().optional(),
});

/** Exported for the property test that holds the fast path (plain-request.ts) to it. */
export const chatRequestSchema: z.ZodType<OpenAIChatRequest> = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  max_completion_tokens: z.number().int().nullish(),
  max_tokens: z.number().int().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  n: z.number().int().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: optional(z.array(tool)),
  tool_choice: optional(toolChoice),
  parallel_tool_calls: optional(z.boolean()),
  functions: optional(z.array(functionDefinition)),
  function_call: optional(z.union([z.enum(['none', 'auto']), z.looseObject({ name: z.string() })])),
  response_format: optional(responseFormat),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  user: optional(z.string()),
  safety_identifier: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  web_search_options: optional(
    z.looseObject({
      search_context_size: z.enum(['low', 'medium', 'high']).optional(),
      user_location: z
        .looseObject({ type: z.literal('approximate'), approximate: approximateLocation })
        .nullish(),
    }),
  ),
  modalities: z.array(z.enum(['text', 'audio'])).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().nullish(),
});

/** Parses an OpenAI chat request body; throws `GatewayError` `request.invalid` (400) naming the first bad field. */
export function parseChatRequest(body: unknown): OpenAIChatRequest {
  // The common plain shape is checked by hand; the schema decides (and words) everything else.
  if (isPlainChatRequest(body)) return body;
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) throw toRequestInvalidError(result.error);
  return result.data;
}
