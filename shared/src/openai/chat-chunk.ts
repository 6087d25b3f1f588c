/**
 * @module openai/chat-chunk
 * One streamed OpenAI chunk (`chat.completion.chunk`), after `openai-node` `ChatCompletionChunk`
 * (CONVERSION.md §4.3). `id` and `created` are the same on every chunk of a stream; with
 * `stream_options.include_usage` every chunk has `usage: null` except the last, whose `choices` is
 * empty.
 */
import type { OpenAIThinkingBlock } from './chat-message';
import type { OpenAICompletionUsage, OpenAIFinishReason } from './chat-completion';

/** A tool-call fragment: the first carries `id`, `type` and `name`; later ones only `arguments`. */
export interface OpenAIChatChunkToolCall {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/**
 * A thinking-block fragment (extension, API.md "Dialect details"): `index` numbers the thinking
 * blocks of the message (0, 1, …) like `tool_calls[].index`; text pieces come first and the
 * signature in its own fragment, so merging by `index` (concatenate `thinking`, keep `signature`)
 * gives the upstream's blocks back.
 */
export type OpenAIChatChunkThinkingBlock = OpenAIThinkingBlock & { index: number };

export interface OpenAIChatChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: OpenAIChatChunkToolCall[];
  /** Extension: reasoning text (DeepSeek/vLLM); OpenRouter sends `reasoning`. */
  reasoning_content?: string | null;
  reasoning?: string | null;
  thinking_blocks?: OpenAIChatChunkThinkingBlock[];
}

export interface OpenAIChatChunkChoice {
  index: number;
  delta: OpenAIChatChunkDelta;
  finish_reason: OpenAIFinishReason | null;
}

export interface OpenAIChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: OpenAIChatChunkChoice[];
  usage?: OpenAICompletionUsage | null;
}
