/**
 * @module convert/parse/parse-messages-request
 * Validates an inbound Anthropic Messages body (`POST /v1/messages`). Minimal: only what the
 * gateway reads is checked; unknown fields are kept (`z.looseObject`) so a same-format
 * passthrough forwards them untouched. `role: "system"` messages are accepted (API.md "Dialect
 * details"). Block types unknown to the gateway are refused with a 400 naming them.
 */
import { z } from 'zod';
import type { AnthropicMessagesRequest } from '../../anthropic/messages-request';
import { ANTHROPIC_SERVER_TOOL_RESULT_TYPES } from '../../anthropic/content-blocks';
import { toRequestInvalidError } from './to-request-invalid-error';
import { isPlainMessagesRequest } from './plain-request';

const cacheControl = z
  .looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();
const citationsConfig = z.looseObject({ enabled: z.boolean().optional() }).nullish();

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(z.looseObject({ type: z.string() })).nullish(),
  cache_control: cacheControl,
});
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('base64'),
      media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
      data: z.string(),
    }),
    urlSource,
    fileSource,
  ]),
  cache_control: cacheControl,
});
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('base64'),
      media_type: z.literal('application/pdf'),
      data: z.string(),
    }),
    z.looseObject({
      type: z.literal('text'),
      media_type: z.literal('text/plain'),
      data: z.string(),
    }),
    z.looseObject({
      type: z.literal('content'),
      content: z.union([
        z.string(),
        z.array(z.discriminatedUnion('type', [textBlock, imageBlock])),
      ]),
    }),
    urlSource,
    fileSource,
  ]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: citationsConfig,
  cache_control: cacheControl,
});
const searchResultBlock = z.looseObject({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(textBlock),
  citations: citationsConfig,
  cache_control: cacheControl,
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z
    .union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [
          textBlock,
          imageBlock,
          documentBlock,
          searchResultBlock,
          z.looseObject({ type: z.literal('tool_reference'), cache_control: cacheControl }),
          z.looseObject({ type: z.literal('browser_state'), cache_control: cacheControl }),
        ]),
      ),
    ])
    .optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});
const input = z.record(z.string(), z.unknown());
const [firstServerResult, ...otherServerResults] = ANTHROPIC_SERVER_TOOL_RESULT_TYPES.map((type) =>
  z.looseObject({
    type: z.literal(type),
    tool_use_id: z.string(),
    content: z.unknown(),
    cache_control: cacheControl,
  }),
);
if (firstServerResult === undefined) throw new Error('no server tool result types');

const contentBlock = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  searchResultBlock,
  z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
  z.looseObject({
    type: z.literal('tool_use'),
    id: z.string(),
    name: z.string(),
    input,
    cache_control: cacheControl,
  }),
  toolResultBlock,
  z.looseObject({
    type: z.literal('server_tool_use'),
    id: z.string(),
    name: z.string(),
    input,
    cache_control: cacheControl,
  }),
  firstServerResult,
  ...otherServerResults,
  z.looseObject({
    type: z.literal('container_upload'),
    file_id: z.string(),
    cache_control: cacheControl,
  }),
]);
const content = z.union([z.string(), z.array(contentBlock)]);
const systemContent = z.union([z.string(), z.array(textBlock)]);

const message = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('user'), content }),
  z.looseObject({ role: z.literal('assistant'), content }),
  z.looseObject({ role: z.literal('system'), content: systemContent }),
]);

const customTool = z.looseObject({
  type: z.literal('custom').nullish(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  strict: z.boolean().optional(),
  cache_control: cacheControl,
});
const versionedTool = z.looseObject({
  type: z
    .string()
    .regex(
      /^(?!custom$)[a-z0-9_]+$/,
      'Expected a custom tool or an Anthropic tool type such as web_search_20250305',
    ),
  name: z.string(),
  cache_control: cacheControl,
});
const jsonOutputFormat = z.looseObject({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});
const display = z.enum(['summarized', 'omitted']).nullish();

/** Exported for the property test that holds the fast path (plain-request.ts) to it. */
export const messagesRequestSchema: z.ZodType<AnthropicMessagesRequest> = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().min(1), // the Messages API's minimum (specs/)
  messages: z.array(message).min(1),
  system: systemContent.optional(),
  tools: z.array(z.union([customTool, versionedTool])).optional(),
  tool_choice: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
      z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
      z.looseObject({
        type: z.literal('tool'),
        name: z.string(),
        disable_parallel_tool_use: z.boolean().optional(),
      }),
      z.looseObject({ type: z.literal('none') }),
    ])
    .optional(),
  thinking: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('enabled'), budget_tokens: z.number().int(), display }),
      z.looseObject({ type: z.literal('adaptive'), display }),
      z.looseObject({ type: z.literal('disabled') }),
      z.looseObject({ type: z.literal('between_tools') }),
    ])
    .optional(),
  output_config: z
    .looseObject({
      effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
      format: jsonOutputFormat.nullish(),
    })
    .optional(),
  output_format: jsonOutputFormat.nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().int().optional(),
  stream: z.boolean().optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
  mcp_servers: z.array(z.unknown()).optional(),
  inference_geo: z.string().nullish(),
  cache_control: cacheControl,
});

/** Parses an Anthropic Messages body; throws `GatewayError` `request.invalid` (400) naming the first bad field. */
export function parseMessagesRequest(body: unknown): AnthropicMessagesRequest {
  // The common plain shape is checked by hand; the schema decides (and words) everything else.
  if (isPlainMessagesRequest(body)) return body;
  const result = messagesRequestSchema.safeParse(body);
  if (!result.success) throw toRequestInvalidError(result.error);
  return result.data;
}
