/**
 * @module convert/aggregate/aggregate-openai-stream
 * Folds an OpenAI stream into the `ChatCompletion` a non-streaming call would have returned
 * (CONVERSION.md §4.7: "accumulate tool_calls by `index`", like openai-node's
 * `ChatCompletionStream`): `content`, `refusal` and `reasoning_content` concatenated, each tool
 * call's `id`/`name` taken from its first fragment that has them and `arguments` concatenated,
 * the last `finish_reason` and the last non-null `usage` kept. Only `choices[0]` is folded.
 */
import type { OpenAIFunctionToolCall } from '../../openai/chat-message';
import type { OpenAIChatCompletion, OpenAIFinishReason } from '../../openai/chat-completion';
import type { OpenAIErrorBody } from '../../openai/error-body';
import { readOpenAIChunk } from '../openai-to-anthropic/read-openai-chunk';
import type { OpenAIUsageCounts } from '../openai-to-anthropic/usage';
import type { SseEvent } from '../types';
import type { AggregationResult, StreamAggregator } from './aggregation-result';

/** The HTTP status a mid-stream OpenAI error would have had as an answer. */
function mapStreamErrorToStatus(type: string | undefined, code: string | undefined): number {
  const words = `${type ?? ''} ${code ?? ''}`;
  if (/rate_limit|insufficient_quota|^requests\b|^tokens\b/.test(words)) return 429;
  if (/invalid_request|context_length/.test(words)) return 400;
  if (/service_unavailable|overload|slow_down/.test(words)) return 503;
  if (/timeout/.test(words)) return 504;
  return 500;
}

export function createOpenAIStreamAggregator(): StreamAggregator<
  OpenAIChatCompletion,
  OpenAIErrorBody
> {
  let id: string | undefined;
  let created: number | undefined;
  let model: string | undefined;
  let content: string | undefined;
  let refusal: string | undefined;
  let reasoning: string | undefined;
  const toolCalls = new Map<number, OpenAIFunctionToolCall>();
  let finishReason: string | undefined;
  let usage: OpenAIUsageCounts | undefined;
  let isDone = false;
  let failure: { status: number; body: OpenAIErrorBody } | undefined;

  function push(frame: SseEvent): void {
    if (failure !== undefined || isDone || frame.comment !== undefined) return;
    const item = readOpenAIChunk(frame);
    switch (item.kind) {
      case 'done':
        isDone = true;
        return;
      case 'error':
        failure = {
          status: mapStreamErrorToStatus(item.type, item.code),
          body: {
            error: {
              message: item.message,
              type: item.type ?? 'server_error',
              param: null,
              code: item.code ?? null,
            },
          },
        };
        return;
      case 'invalid':
        failure = {
          status: 502,
          body: {
            error: {
              message: `The upstream sent an invalid stream chunk: ${item.reason}.`,
              type: 'server_error',
              param: null,
              code: null,
            },
          },
        };
        return;
      case 'chunk':
        break;
    }
    id ??= item.id;
    created ??= item.created;
    model ??= item.model;
    if (item.usage !== undefined) usage = item.usage;
    const choice = item.choice;
    if (choice === undefined) return;
    const { delta } = choice;
    // Like openai-node: the role chunk's `content: ""` makes the content "" rather than null.
    if (delta.content != null) content = (content ?? '') + delta.content;
    if (delta.refusal) refusal = (refusal ?? '') + delta.refusal;
    const reasoningText = delta.reasoning_content || delta.reasoning;
    if (reasoningText) reasoning = (reasoning ?? '') + reasoningText;
    const fragments = delta.tool_calls ?? [];
    for (let position = 0; position < fragments.length; position++) {
      const fragment = fragments[position]!;
      const key = typeof fragment.index === 'number' ? fragment.index : position;
      let call = toolCalls.get(key);
      if (call === undefined) {
        call = { id: '', type: 'function', function: { name: '', arguments: '' } };
        toolCalls.set(key, call);
      }
      if (!call.id && fragment.id) call.id = fragment.id;
      if (!call.function.name && fragment.function?.name)
        call.function.name = fragment.function.name;
      const argumentsValue = fragment.function?.arguments;
      if (argumentsValue != null) {
        call.function.arguments +=
          typeof argumentsValue === 'string' ? argumentsValue : JSON.stringify(argumentsValue);
      }
    }
    if (choice.finish_reason != null) finishReason = choice.finish_reason;
  }

  function finish(): AggregationResult<OpenAIChatCompletion, OpenAIErrorBody> {
    if (failure !== undefined) return { ok: false, ...failure };
    if (!isDone && finishReason === undefined) {
      return {
        ok: false,
        status: 502,
        body: {
          error: {
            message: 'upstream stream ended unexpectedly',
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      };
    }
    const calls = [...toolCalls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
    const completion: OpenAIChatCompletion = {
      id: id ?? '',
      object: 'chat.completion',
      created: created ?? 0,
      model: model ?? '',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: content ?? null,
            refusal: refusal ?? null,
            ...(calls.length > 0 ? { tool_calls: calls } : {}),
            ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}),
          },
          finish_reason: (finishReason ?? null) as OpenAIFinishReason | null,
          logprobs: null,
        },
      ],
    };
    if (usage !== undefined) completion.usage = usage as OpenAIChatCompletion['usage'];
    return { ok: true, response: completion };
  }

  return { push, finish };
}

/** Folds a whole list of decoded frames (convenience over the incremental aggregator). */
export function aggregateOpenAIStream(
  frames: Iterable<SseEvent>,
): AggregationResult<OpenAIChatCompletion, OpenAIErrorBody> {
  const aggregator = createOpenAIStreamAggregator();
  for (const frame of frames) aggregator.push(frame);
  return aggregator.finish();
}
