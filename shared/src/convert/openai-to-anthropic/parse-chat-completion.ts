/**
 * @module convert/openai-to-anthropic/parse-chat-completion
 * Minimal schema of an upstream OpenAI (or OpenAI-compatible) `ChatCompletion` (CONVERSION.md §3.2
 * input). Lenient where compatible servers differ: `arguments` may be an object, `content` may be
 * an array of text parts, ids and `created` may be missing.
 */
import { z } from 'zod';
import { parseUpstreamBody } from '../parse-upstream-body';

const textPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const toolCallSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  function: z
    .looseObject({
      name: z.string().nullish(),
      arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
    })
    .nullish(),
});

const thinkingBlockSchema = z.looseObject({
  type: z.string(),
  thinking: z.string().nullish(),
  signature: z.string().nullish(),
  data: z.string().nullish(),
});

export const openAIUsageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number().optional(),
  prompt_tokens_details: z
    .looseObject({
      cached_tokens: z.number().nullish(),
      cache_write_tokens: z.number().nullish(),
    })
    .nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
});

const messageSchema = z.looseObject({
  content: z.union([z.string(), z.array(textPartSchema)]).nullish(),
  refusal: z.string().nullish(),
  tool_calls: z.array(toolCallSchema).nullish(),
  function_call: z
    .looseObject({
      name: z.string(),
      arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
    })
    .nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  thinking_blocks: z.array(thinkingBlockSchema).nullish(),
  annotations: z.array(z.unknown()).nullish(),
});

export const openAIChatCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        message: messageSchema,
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openAIUsageSchema.nullish(),
});

export type ParsedChatCompletion = z.output<typeof openAIChatCompletionSchema>;
export type ParsedChatMessage = z.output<typeof messageSchema>;
export type ParsedToolCall = z.output<typeof toolCallSchema>;

/** Validates an upstream Chat Completions response body (502 on a malformed one). */
export function parseChatCompletion(body: unknown): ParsedChatCompletion {
  return parseUpstreamBody(openAIChatCompletionSchema, body, 'OpenAI chat completion');
}
