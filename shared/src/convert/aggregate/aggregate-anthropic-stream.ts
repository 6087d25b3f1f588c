/**
 * @module convert/aggregate/aggregate-anthropic-stream
 * Folds an Anthropic stream into the `Message` a non-streaming call would have returned
 * (CONVERSION.md §4.7: "accumulate exactly like `MessageStream`"): blocks are opened by
 * `content_block_start`, text/thinking/signature/citations appended by index, tool input JSON
 * concatenated and parsed at `content_block_stop`, and `message_delta` usage overwrites (never
 * adds). Tool input that does not parse (a turn cut by `max_tokens`) is kept as
 * `{"_raw_arguments": "<text>"}`, as in §3.2. A second `message_start` is ignored.
 */
import type { AnthropicResponseContentBlock } from '../../anthropic/content-blocks';
import type { AnthropicErrorBody, AnthropicErrorType } from '../../anthropic/error-body';
import type { AnthropicMessage } from '../../anthropic/message';
import { readAnthropicEvent } from '../anthropic-to-openai/read-anthropic-event';
import { parseToolCallArguments } from '../openai-to-anthropic/tool-call-input';
import type { SseEvent } from '../types';
import type { AggregationResult, StreamAggregator } from './aggregation-result';

type MutableBlock = AnthropicResponseContentBlock & Record<string, unknown>;

const statusByErrorType: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function createAnthropicStreamAggregator(): StreamAggregator<
  AnthropicMessage,
  AnthropicErrorBody
> {
  let message: AnthropicMessage | undefined;
  const toolInputs = new Map<number, string>();
  let outcome: 'open' | 'delta_seen' | 'stopped' = 'open';
  let failure: { status: number; body: AnthropicErrorBody } | undefined;

  function push(frame: SseEvent): void {
    if (failure !== undefined || outcome === 'stopped' || frame.comment !== undefined) return;
    const event = readAnthropicEvent(frame);
    if (event.type === 'error' || event.type === 'invalid') {
      const error =
        event.type === 'error'
          ? event.error
          : {
              type: 'api_error' as const,
              message: `The upstream sent an invalid stream event: ${event.reason}.`,
            };
      failure = {
        status: statusByErrorType[error.type] ?? 500,
        body: {
          type: 'error',
          error: { type: error.type as AnthropicErrorType, message: error.message },
        },
      };
      return;
    }
    if (event.type === 'message_start') {
      message ??= {
        ...event.message,
        content: [],
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          ...(event.message.usage as Partial<AnthropicMessage['usage']> | undefined),
        },
      };
      return;
    }
    if (message === undefined) return;
    const content = message.content as MutableBlock[];
    switch (event.type) {
      case 'content_block_start':
        content[event.index] = { ...event.content_block } as MutableBlock;
        // Like the SDK's `tracksToolInput`: client and server tool calls stream their input.
        if ('input' in event.content_block) toolInputs.set(event.index, '');
        break;
      case 'content_block_delta': {
        const block = content[event.index];
        if (block === undefined) break;
        const { delta } = event;
        if (delta.type === 'text_delta' && block.type === 'text') block.text += delta.text;
        else if (delta.type === 'thinking_delta' && block.type === 'thinking')
          block.thinking += delta.thinking;
        else if (delta.type === 'signature_delta' && block.type === 'thinking')
          block.signature = delta.signature;
        else if (delta.type === 'citations_delta' && block.type === 'text') {
          block.citations = [...(block.citations ?? []), delta.citation as never];
        } else if (delta.type === 'input_json_delta' && toolInputs.has(event.index)) {
          toolInputs.set(event.index, toolInputs.get(event.index) + delta.partial_json);
        }
        break;
      }
      case 'content_block_stop': {
        const block = content[event.index];
        const json = toolInputs.get(event.index);
        if (block !== undefined && json !== undefined && json !== '') {
          block.input = parseToolCallArguments(json).input;
        }
        toolInputs.delete(event.index);
        break;
      }
      case 'message_delta': {
        outcome = 'delta_seen';
        message.stop_reason = event.delta.stop_reason;
        message.stop_sequence = event.delta.stop_sequence ?? null;
        if (event.delta.stop_details !== undefined) message.stop_details = event.delta.stop_details;
        const usage = event.usage ?? { output_tokens: message.usage.output_tokens };
        message.usage.output_tokens = usage.output_tokens ?? message.usage.output_tokens;
        if (usage.input_tokens != null) message.usage.input_tokens = usage.input_tokens;
        if (usage.cache_creation_input_tokens != null) {
          message.usage.cache_creation_input_tokens = usage.cache_creation_input_tokens;
        }
        if (usage.cache_read_input_tokens != null) {
          message.usage.cache_read_input_tokens = usage.cache_read_input_tokens;
        }
        if (usage.output_tokens_details != null) {
          message.usage.output_tokens_details = usage.output_tokens_details;
        }
        break;
      }
      case 'message_stop':
        outcome = 'stopped';
        break;
      default:
        break;
    }
  }

  function finish(): AggregationResult<AnthropicMessage, AnthropicErrorBody> {
    if (failure !== undefined) return { ok: false, ...failure };
    if (message === undefined || outcome === 'open') {
      return {
        ok: false,
        status: 502,
        body: {
          type: 'error',
          error: { type: 'api_error', message: 'upstream stream ended unexpectedly' },
        },
      };
    }
    message.content = message.content.filter((block) => block !== undefined);
    return { ok: true, response: message };
  }

  return { push, finish };
}

/** Folds a whole list of decoded frames (convenience over the incremental aggregator). */
export function aggregateAnthropicStream(
  frames: Iterable<SseEvent>,
): AggregationResult<AnthropicMessage, AnthropicErrorBody> {
  const aggregator = createAnthropicStreamAggregator();
  for (const frame of frames) aggregator.push(frame);
  return aggregator.finish();
}
