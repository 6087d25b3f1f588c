/**
 * @module convert/anthropic-to-openai/openai-chunk-writer
 * Writes OpenAI stream chunks (CONVERSION.md §4.3) as SSE frames. Every chunk of one stream shares
 * `id`, `object`, `created` and `model`, so that prefix is serialised once and each chunk costs one
 * `JSON.stringify` of its payload text plus a string concatenation — this runs once per upstream
 * event. The output is byte-for-byte what `JSON.stringify` of the whole chunk object would give.
 */
import type { OpenAICompletionUsage, OpenAIFinishReason } from '../../openai/chat-completion';
import type { OpenAIErrorObject } from '../../openai/error-body';
import type { SseEvent } from '../types';

export interface OpenAIChunkWriterOptions {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  readonly model: string;
  /** `stream_options.include_usage`: every chunk but the usage chunk carries `usage: null`. */
  readonly includeUsage: boolean;
}

export interface OpenAIChunkWriter {
  /** `{delta:{role:"assistant", content:""}}`, the first chunk. */
  role(): SseEvent;
  /** `quotedText` is a JSON string literal (`JSON.stringify(text)`, or one copied from upstream). */
  content(quotedText: string): SseEvent;
  refusal(text: string): SseEvent;
  /** Reasoning text (a JSON string literal), also as a `thinking_blocks` piece of block `ordinal`. */
  reasoning(ordinal: number, quotedText: string): SseEvent;
  /** The signature of thinking block `ordinal`, in its own piece. */
  signature(ordinal: number, signature: string): SseEvent;
  redactedThinking(ordinal: number, data: string): SseEvent;
  /** First fragment of a tool call: `index`, `id`, `type`, `name`, `arguments:""`. */
  toolCallStart(index: number, id: string, name: string): SseEvent;
  /** An arguments fragment, as a JSON string literal. */
  toolCallArguments(index: number, quotedArguments: string): SseEvent;
  finish(reason: OpenAIFinishReason): SseEvent;
  /** The `choices: []` chunk after the finish chunk. */
  usage(usage: OpenAICompletionUsage): SseEvent;
}

export const DONE_FRAME: SseEvent = Object.freeze({ data: '[DONE]' });

/** A mid-stream error chunk: `data: {"error":{…}}`, after which no `[DONE]` is sent (§4.6). */
export function formatOpenAIErrorFrame(error: OpenAIErrorObject): SseEvent {
  return { data: JSON.stringify({ error }) };
}

export function createOpenAIChunkWriter(options: OpenAIChunkWriterOptions): OpenAIChunkWriter {
  const head = `{"id":${JSON.stringify(options.id)},"object":"chat.completion.chunk","created":${options.created},"model":${JSON.stringify(options.model)}`;
  const deltaHead = `${head},"choices":[{"index":0,"delta":`;
  const usageTail = options.includeUsage ? ',"usage":null}' : '}';
  const deltaTail = `,"finish_reason":null}]${usageTail}`;
  const delta = (payload: string): SseEvent => ({ data: deltaHead + payload + deltaTail });

  return {
    role: () => delta('{"role":"assistant","content":""}'),
    content: (quotedText) => delta(`{"content":${quotedText}}`),
    refusal: (text) => delta(`{"refusal":${JSON.stringify(text)}}`),
    reasoning: (ordinal, quotedText) =>
      delta(
        `{"reasoning_content":${quotedText},"thinking_blocks":[{"index":${ordinal},"type":"thinking","thinking":${quotedText}}]}`,
      ),
    signature: (ordinal, signature) =>
      delta(
        `{"thinking_blocks":[{"index":${ordinal},"type":"thinking","thinking":"","signature":${JSON.stringify(signature)}}]}`,
      ),
    redactedThinking: (ordinal, data) =>
      delta(
        `{"thinking_blocks":[{"index":${ordinal},"type":"redacted_thinking","data":${JSON.stringify(data)}}]}`,
      ),
    toolCallStart: (index, id, name) =>
      delta(
        `{"tool_calls":[{"index":${index},"id":${JSON.stringify(id)},"type":"function","function":{"name":${JSON.stringify(name)},"arguments":""}}]}`,
      ),
    toolCallArguments: (index, quotedArguments) =>
      delta(`{"tool_calls":[{"index":${index},"function":{"arguments":${quotedArguments}}}]}`),
    finish: (reason) => ({ data: `${deltaHead}{},"finish_reason":"${reason}"}]${usageTail}` }),
    usage: (usage) => ({ data: `${head},"choices":[],"usage":${JSON.stringify(usage)}}` }),
  };
}
