/**
 * @module convert/openai-to-anthropic/chat-response
 * Direction B, non-streaming: an upstream OpenAI `ChatCompletion` → the Anthropic `Message` the
 * caller gets (CONVERSION.md §3.2; stop reasons §3.3, usage §3.4).
 *
 * | AN field | Source |
 * |---|---|
 * | `id` | OA `id`, prefixed `msg_` when it lacks it |
 * | `model` | the caller's model name (`hints.clientModel`) |
 * | `content` | in this order: `thinking` (from `thinking_blocks` when the upstream sent signed ones, else `reasoning_content`/`reasoning` with `signature:""`) → `text` from `content` (never an empty text block) → `refusal` as text → one `tool_use` per tool call (id sanitised, name reverse-mapped, `input` parsed) |
 * | `stop_reason` | §3.3 with the `length`, `tool_use` and `refusal` overrides |
 * | `stop_sequence`, `container` | `null` |
 * | `stop_details` | `{type:"refusal", category:null, explanation}` when the stop reason is `refusal`, else `null` |
 * | `usage` | §3.4 |
 *
 * Empty or missing `choices` → 502 (`api_error` for the caller). OA `annotations` have no faithful
 * Anthropic twin and are dropped with a note (never fabricated into search-result blocks, §3.2).
 */
import type {
  AnthropicResponseContentBlock,
  AnthropicToolUseBlock,
} from '../../anthropic/content-blocks';
import type { AnthropicMessage } from '../../anthropic/message';
import { GatewayError } from '../../errors/gateway-error';
import type { ConversionContext, ConversionNote, ConvertedResponse, ResponseHints } from '../types';
import { mapFinishReasonToStopReason } from './finish-reason';
import { parseChatCompletion, type ParsedChatMessage } from './parse-chat-completion';
import { parseToolCallArguments, resolveToolUseId } from './tool-call-input';
import { convertOpenAIUsageToAnthropic } from './usage';

/** Converts one upstream OpenAI response body (validated here; 502 when malformed or empty). */
export function convertChatCompletionToMessage(
  response: unknown,
  hints: ResponseHints,
  context: ConversionContext,
): ConvertedResponse<AnthropicMessage> {
  const upstream = parseChatCompletion(response);
  const choice = upstream.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  if (choice === undefined) {
    throw new GatewayError({
      code: 'upstream.invalid_response',
      status: 502,
      message: 'The upstream returned a chat completion without choices.',
      retryable: true,
    });
  }
  const notes: ConversionNote[] = [];
  const { message } = choice;
  const refusal = message.refusal ?? '';
  const toolUses = convertToolCalls(message, hints, context, notes);
  const content: AnthropicResponseContentBlock[] = [...convertThinking(message)];
  const text = readText(message.content);
  if (text.length > 0) content.push({ type: 'text', text });
  if (refusal.length > 0) content.push({ type: 'text', text: refusal });
  content.push(...toolUses);
  if ((message.annotations?.length ?? 0) > 0) {
    notes.push({
      kind: 'dropped',
      path: 'choices[0].message.annotations',
      message: 'URL citations have no Anthropic equivalent and were dropped.',
    });
  }

  const stopReason = mapFinishReasonToStopReason(choice.finish_reason, {
    hasToolCalls: toolUses.length > 0,
    hasRefusal: refusal.length > 0,
  });
  const upstreamId = upstream.id ?? context.generateId('msg_');
  const usage = upstream.usage
    ? convertOpenAIUsageToAnthropic(upstream.usage)
    : {
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens_details: null,
      };
  if (!upstream.usage) {
    notes.push({ kind: 'defaulted', path: 'usage', message: 'The upstream reported no usage.' });
  }
  const converted: AnthropicMessage = {
    id: upstreamId.startsWith('msg_') ? upstreamId : `msg_${upstreamId}`,
    type: 'message',
    role: 'assistant',
    model: hints.clientModel,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details:
      stopReason === 'refusal'
        ? { type: 'refusal', category: null, explanation: refusal.length > 0 ? refusal : null }
        : null,
    container: null,
    usage: { ...usage, server_tool_use: null },
  };
  return { response: converted, notes };
}

/** Signed `thinking_blocks` (a LiteLLM-style upstream) win; else one block from the reasoning text. */
function convertThinking(message: ParsedChatMessage): AnthropicResponseContentBlock[] {
  const blocks: AnthropicResponseContentBlock[] = [];
  for (const block of message.thinking_blocks ?? []) {
    if (block.type === 'thinking' && block.thinking != null) {
      blocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' });
    } else if (block.type === 'redacted_thinking' && block.data != null) {
      blocks.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  if (blocks.length > 0) return blocks;
  const reasoning = message.reasoning_content ?? message.reasoning ?? '';
  return reasoning.length > 0 ? [{ type: 'thinking', thinking: reasoning, signature: '' }] : [];
}

function readText(content: ParsedChatMessage['content']): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

function convertToolCalls(
  message: ParsedChatMessage,
  hints: ResponseHints,
  context: ConversionContext,
  notes: ConversionNote[],
): AnthropicToolUseBlock[] {
  const calls = message.tool_calls ?? [];
  const legacyCall = message.function_call
    ? [{ id: null, type: 'function', function: message.function_call }]
    : [];
  return [...calls, ...legacyCall].flatMap((call, index) => {
    const name = call.function?.name;
    if (call.type === 'custom' || name == null || name === '') {
      notes.push({
        kind: 'dropped',
        path: `choices[0].message.tool_calls[${index}]`,
        message: 'A tool call without a function name was dropped.',
      });
      return [];
    }
    const { input, problem } = parseToolCallArguments(call.function?.arguments);
    if (problem !== undefined) {
      notes.push({
        kind: 'approximated',
        path: `choices[0].message.tool_calls[${index}].function.arguments`,
        message: problem,
      });
    }
    return [
      {
        type: 'tool_use' as const,
        id: resolveToolUseId(call.id, context.generateId),
        name: hints.toolNames?.[name] ?? name,
        input,
      },
    ];
  });
}
