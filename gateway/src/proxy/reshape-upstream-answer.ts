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

type RelayedBody = Pick<UpstreamBody, 'deliver' | 'resume' | 'cancel'>;

/** The first byte of `chunk` that is not JSON whitespace, or -1. */
function firstSignificantByte(chunk: Buffer): number {
  for (const byte of chunk)
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return -1;
}

/** A non-streaming answer's text in `format` as the frames of the stream it stands for. */
function replayFrames(text: string, format: ApiFormat): SseEvent[] {
  const answer = parseUpstreamJson(text);
  // Checked by the same schemas as a non-streaming answer, replayed from the body as it came.
  if (format === 'anthropic') {
    parseAnthropicMessage(answer);
    return replayAnthropicMessage(answer as AnthropicMessage);
  }
  parseChatCompletion(answer);
  return replayChatCompletion(answer as OpenAIChatCompletion);
}

/**
 * `body`, labelled JSON, as a stream body: a JSON object (its first byte `{`) is read whole and
 * replayed as the stream it stands for; anything else is an event stream under the wrong label and
 * goes through as it comes. A JSON body that is not an answer in `format` fails the body with a
 * 502 `upstream.invalid_response` (the relay ends the stream with an error event).
 */
export function replayJsonAnswer(body: RelayedBody, format: ApiFormat): RelayedBody {
  let sink: BodySink | undefined;
  let mode: 'undecided' | 'json' | 'stream' = 'undecided';
  let held: Buffer[] = [];
  let endAfterResume = false;
  const reader: BodySink = {
    data(chunk) {
      if (mode === 'undecided') {
        held.push(chunk);
        const first = firstSignificantByte(chunk);
        if (first === -1) return true;
        mode = first === 0x7b ? 'json' : 'stream';
        if (mode === 'json') return true;
        const pending = held;
        held = [];
        return sink!.data(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
      }
      if (mode === 'json') {
        held.push(chunk);
        return true;
      }
      return sink!.data(chunk);
    },
    end() {
      const target = sink!;
      if (mode !== 'json') {
        if (held.length > 0 && !target.data(Buffer.concat(held))) {
          held = [];
          endAfterResume = true;
          return;
        }
        return target.end();
      }
      let bytes: Buffer;
      try {
        bytes = Buffer.from(formatSseFrames(replayFrames(Buffer.concat(held).toString(), format)));
      } catch (error) {
        return target.error(error);
      } finally {
        held = [];
      }
      // A full client buffer: the end waits for `resume`.
      if (target.data(bytes)) target.end();
      else endAfterResume = true;
    },
    error: (error) => sink!.error(error),
  };
  return {
    deliver(target) {
      sink = target;
      body.deliver(reader);
    },
    resume() {
      if (!endAfterResume) return body.resume();
      endAfterResume = false;
      sink!.end();
    },
    cancel: (reason) => body.cancel(reason),
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
