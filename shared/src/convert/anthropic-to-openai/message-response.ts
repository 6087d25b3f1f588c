/**
 * @module convert/anthropic-to-openai/message-response
 * Direction A, non-streaming: an upstream Anthropic `Message` → the OpenAI `ChatCompletion` the
 * caller gets (CONVERSION.md §3.1; stop reasons §3.3, usage §3.4).
 *
 * | OA field | Source |
 * |---|---|
 * | `id` | AN `id`, passed through |
 * | `created` | gateway clock, Unix seconds |
 * | `model` | the caller's model name (`hints.clientModel`) |
 * | `message.content` | `""`-join of all `text` blocks; `null` if there are none and tool calls exist; `""` if nothing at all |
 * | `message.tool_calls` | one per `tool_use`: `{id, type:"function", function:{name (reverse-mapped), arguments: JSON.stringify(input)}}`; omitted when none |
 * | `message.refusal` | `null`; for `stop_reason:"refusal"`: `stop_details.explanation` or a generic sentence |
 * | `message.annotations` | `web_search_result_location` citations → `url_citation` with offsets inside `content` |
 * | `message.reasoning_content` / `thinking_blocks` | extensions: thinking text joined; thinking/redacted blocks verbatim |
 * | `logprobs` | `null` |
 * | `service_tier` | AN `usage.service_tier` `standard`→`default`, `priority`→`priority` |
 *
 * Server-tool blocks and unknown block kinds are not surfaced (a `dropped` note each). With the
 * §1.9 fallback (`hints.jsonToolName`), that tool's input becomes `content` as JSON text with
 * `finish_reason:"stop"`, and other text is dropped so the content stays parseable.
 */
import { assertNever } from '../../assert-never';
import type { OpenAIFunctionToolCall, OpenAIThinkingBlock } from '../../openai/chat-message';
import type {
  OpenAIChatCompletion,
  OpenAIChatCompletionMessage,
  OpenAIUrlCitationAnnotation,
} from '../../openai/chat-completion';
import type { ConversionContext, ConversionNote, ConvertedResponse, ResponseHints } from '../types';
import { parseAnthropicMessage, type ParsedAnthropicBlock } from './parse-anthropic-message';
import { isKnownStopReason, mapStopReasonToFinishReason } from './stop-reason';
import { convertAnthropicUsageToOpenAI } from './usage';

/** Shown when Anthropic refused without an explanation. */
export const GENERIC_REFUSAL_MESSAGE = 'The model declined to answer this request.';

interface CollectedContent {
  text: string;
  hasText: boolean;
  toolCalls: OpenAIFunctionToolCall[];
  reasoning: string;
  thinkingBlocks: OpenAIThinkingBlock[];
  annotations: OpenAIUrlCitationAnnotation[];
  jsonToolContent: string | undefined;
}

/** Converts one upstream Anthropic response body (validated here; 502 when malformed). */
export function convertMessageToChatCompletion(
  response: unknown,
  hints: ResponseHints,
  context: ConversionContext,
): ConvertedResponse<OpenAIChatCompletion> {
  const upstream = parseAnthropicMessage(response);
  const notes: ConversionNote[] = [];
  const collected = collectContent(upstream.content, hints, notes);

  let content: string | null = collected.hasText ? collected.text : null;
  if (collected.jsonToolContent !== undefined) {
    if (collected.text.trim().length > 0) {
      notes.push({
        kind: 'dropped',
        path: 'content',
        message: 'Text beside the JSON answer was dropped so the content stays valid JSON.',
      });
    }
    content = collected.jsonToolContent;
  }
  const hasToolCalls = collected.toolCalls.length > 0;
  if (content === null && !hasToolCalls) content = '';

  if (!isKnownStopReason(upstream.stop_reason)) {
    notes.push({
      kind: 'approximated',
      path: 'stop_reason',
      message: `Unknown stop_reason "${upstream.stop_reason}" reported as "stop".`,
    });
  } else if (upstream.stop_reason === 'pause_turn') {
    notes.push({
      kind: 'approximated',
      path: 'stop_reason',
      message: 'A server-tool turn was paused (pause_turn); reported as "stop" without continuing.',
    });
  }

  const message: OpenAIChatCompletionMessage = {
    role: 'assistant',
    content,
    refusal:
      upstream.stop_reason === 'refusal'
        ? (upstream.stop_details?.explanation ?? GENERIC_REFUSAL_MESSAGE)
        : null,
  };
  if (hasToolCalls) message.tool_calls = collected.toolCalls;
  if (collected.annotations.length > 0) message.annotations = collected.annotations;
  if (collected.thinkingBlocks.length > 0) {
    message.reasoning_content = collected.reasoning;
    message.thinking_blocks = collected.thinkingBlocks;
  }

  const completion: OpenAIChatCompletion = {
    id: upstream.id,
    object: 'chat.completion',
    created: Math.floor(context.now() / 1000),
    model: hints.clientModel,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapStopReasonToFinishReason(upstream.stop_reason, { hasToolCalls }),
        logprobs: null,
      },
    ],
    usage: convertAnthropicUsageToOpenAI(upstream.usage),
  };
  const serviceTier = upstream.usage.service_tier;
  if (serviceTier === 'standard') completion.service_tier = 'default';
  if (serviceTier === 'priority') completion.service_tier = 'priority';
  return { response: completion, notes };
}

function collectContent(
  blocks: readonly ParsedAnthropicBlock[],
  hints: ResponseHints,
  notes: ConversionNote[],
): CollectedContent {
  const collected: CollectedContent = {
    text: '',
    hasText: false,
    toolCalls: [],
    reasoning: '',
    thinkingBlocks: [],
    annotations: [],
    jsonToolContent: undefined,
  };
  blocks.forEach((block, index) => {
    switch (block.type) {
      case 'text':
        collectCitations(block.citations, collected.text.length, block.text.length, collected);
        collected.text += block.text;
        collected.hasText = true;
        break;
      case 'thinking':
        collected.reasoning += block.thinking;
        collected.thinkingBlocks.push({
          type: 'thinking',
          thinking: block.thinking,
          signature: block.signature,
        });
        break;
      case 'redacted_thinking':
        collected.thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
        break;
      case 'tool_use':
        if (hints.jsonToolName !== undefined && block.name === hints.jsonToolName) {
          collected.jsonToolContent = JSON.stringify(block.input);
        } else {
          collected.toolCalls.push({
            id: block.id,
            type: 'function',
            function: {
              name: hints.toolNames?.[block.name] ?? block.name,
              arguments: JSON.stringify(block.input),
            },
          });
        }
        break;
      case 'unsupported':
        notes.push({
          kind: 'dropped',
          path: `content[${index}]`,
          message: `A "${block.originalType}" block has no OpenAI equivalent and was not returned.`,
        });
        break;
      default:
        assertNever(block);
    }
  });
  return collected;
}

/** `web_search_result_location` citations → `url_citation` annotations over the cited block's text. */
function collectCitations(
  citations: readonly { type: string; [key: string]: unknown }[] | null | undefined,
  start: number,
  length: number,
  collected: CollectedContent,
): void {
  for (const citation of citations ?? []) {
    if (citation.type !== 'web_search_result_location' || typeof citation.url !== 'string')
      continue;
    collected.annotations.push({
      type: 'url_citation',
      url_citation: {
        url: citation.url,
        title: typeof citation.title === 'string' ? citation.title : citation.url,
        start_index: start,
        end_index: start + length,
      },
    });
  }
}
