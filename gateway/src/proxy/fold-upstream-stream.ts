/**
 * @module fold-upstream-stream
 * Reads an upstream event stream into the one answer a non-streaming call would have had
 * (CONVERSION.md §4.7): the gateway streams a long generation upstream for a non-streaming
 * caller, and some relays answer every call with an event stream. Frames are folded as undici
 * hands over the chunks, so the stream's text is never held whole.
 */
import {
  createAnthropicStreamAggregator,
  createOpenAIStreamAggregator,
  createSseDecoder,
  type AggregationResult,
  type AnthropicErrorBody,
  type ApiFormat,
  type OpenAIErrorBody,
  type SseEvent,
  type StreamAggregator,
} from '@llmfb/shared';
import { mapUpstreamError, type UpstreamBody } from './upstream-client';

export type FoldedUpstreamStream = AggregationResult<unknown, AnthropicErrorBody | OpenAIErrorBody>;

/** Whether an upstream answer's content type is an event stream (whatever the request asked for). */
export function isEventStream(contentType: string): boolean {
  return /^\s*text\/event-stream\b/i.test(contentType);
}

/**
 * Folds `body`, an event stream in `format`, into that format's non-stream answer, or the
 * upstream's in-stream error as a status and an error body (a stream that stops short is a 502
 * there). Rejects with the upstream client's GatewayError when the body fails (the connection, the
 * idle timeout, an abort).
 */
export function foldUpstreamStream(
  body: Pick<UpstreamBody, 'deliver' | 'cancel'>,
  format: ApiFormat,
): Promise<FoldedUpstreamStream> {
  const aggregator: StreamAggregator<unknown, AnthropicErrorBody | OpenAIErrorBody> =
    format === 'anthropic' ? createAnthropicStreamAggregator() : createOpenAIStreamAggregator();
  const decoder = createSseDecoder();
  const pushAll = (frames: Iterable<SseEvent>): void => {
    for (const frame of frames) aggregator.push(frame);
  };
  return new Promise((resolve, reject) => {
    body.deliver({
      data(chunk) {
        try {
          pushAll(decoder.push(chunk));
          return true;
        } catch (error) {
          // A fold that cannot go on stops the upstream instead of leaving it paused.
          reject(error);
          body.cancel(error instanceof Error ? error : new Error(String(error)));
          return false;
        }
      },
      end() {
        try {
          pushAll(decoder.finish());
          resolve(aggregator.finish());
        } catch (error) {
          reject(error);
        }
      },
      error: (error) => reject(mapUpstreamError(error)),
    });
  });
}
