/**
 * @module reshape-upstream-answer
 * Upstream answers in the other shape than the caller asked for:
 * - an event stream for a non-streaming caller is folded into the one answer a non-streaming call
 *   would have had (CONVERSION.md §4.7): the gateway streams a long generation upstream, and some
 *   relays answer every call with a stream. Frames are folded as undici hands over the chunks, so
 *   the stream's text is never held whole;
 * - one JSON body for a streaming caller (some OpenAI-compatible servers ignore `stream`) is
 *   replayed as the stream it stands for, and relayed like any stream.
 */
import {
  GatewayError,
  createAnthropicStreamAggregator,
  createOpenAIStreamAggregator,
  createSseDecoder,
  formatSseFrames,
  parseAnthropicMessage,
  parseChatCompletion,
  replayAnthropicMessage,
  replayChatCompletion,
  type AggregationResult,
  type AnthropicErrorBody,
  type AnthropicMessage,
  type ApiFormat,
  type OpenAIChatCompletion,
  type OpenAIErrorBody,
  type SseEvent,
  type StreamAggregator,
} from '@llmfb/shared';
import { mapUpstreamError, type BodySink, type UpstreamBody } from './upstream-client';

export type FoldedUpstreamStream = AggregationResult<unknown, AnthropicErrorBody | OpenAIErrorBody>;

/** Whether an upstream answer's content type is an event stream (whatever the request asked for). */
export function isEventStream(contentType: string): boolean {
  return /^\s*text\/event-stream\b/i.test(contentType);
}

/** Whether an upstream answer's content type is JSON (`application/json`, `application/…+json`). */
export function isJson(contentType: string): boolean {
  return /^\s*application\/([\w.-]+\+)?json\b/i.test(contentType);
}

/** An upstream body that is not JSON is a 502 in the caller's dialect. */
export function parseUpstreamJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError({
      code: 'upstream.invalid_response',
      status: 502,
      message: 'The upstream answered with a body that is not JSON.',
      cause: error,
    });
  }
}

/**
 * `text`, a non-streaming answer in `format`, as the body of the stream it stands for. A body
 * that is not such an answer is a 502 (`upstream.invalid_response`), before any byte is sent.
 */
export function replayJsonAnswer(
  text: string,
  format: ApiFormat,
): Pick<UpstreamBody, 'deliver' | 'resume' | 'cancel'> {
  const answer = parseUpstreamJson(text);
  // Checked by the same schemas as a non-streaming answer, replayed from the body as it came.
  let frames: SseEvent[];
  if (format === 'anthropic') {
    parseAnthropicMessage(answer);
    frames = replayAnthropicMessage(answer as AnthropicMessage);
  } else {
    parseChatCompletion(answer);
    frames = replayChatCompletion(answer as OpenAIChatCompletion);
  }
  let pending: Buffer | undefined = Buffer.from(formatSseFrames(frames));
  let sink: BodySink | undefined;
  const flush = (): void => {
    if (!sink) return;
    const bytes = pending;
    pending = undefined;
    // A full client buffer: the end waits for `resume`.
    if (bytes && !sink.data(bytes)) return;
    const reader = sink;
    sink = undefined;
    reader.end();
  };
  return {
    deliver(reader) {
      sink = reader;
      flush();
    },
    resume: flush,
    cancel() {
      pending = undefined;
      sink = undefined;
    },
  };
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
