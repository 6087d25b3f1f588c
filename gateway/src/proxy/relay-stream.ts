/**
 * @module relay-stream
 * Relays an upstream SSE body to the client as it arrives: bytes → SSE frames (UTF-8 safe) →
 * converter (or same-format tracker) → caller-dialect frames → one write per upstream chunk,
 * all inside undici's data callback (no promise per chunk); a client that reads slower than the
 * upstream writes pauses the upstream socket until `drain`. An upstream failure after the headers
 * went out ends the stream with a well-formed error frame of the caller's dialect; a client that
 * goes away aborts the upstream request (the caller's AbortSignal). With `holdPausedTurn`, an
 * upstream message that ends a turn paused (`pause_turn`, CONVERSION.md §10.3) leaves the client's
 * answer open for the continuation's relay (`paused`), or for `endPausedStream`.
 */
import type { ServerResponse } from 'node:http';
import {
  GatewayError,
  createSseDecoder,
  formatSse,
  type SseEvent,
  type StreamConverter,
} from '@llmfb/shared';
import type { BodySink, UpstreamBody } from './upstream-client';

export interface RelayStreamOptions {
  readonly response: ServerResponse;
  readonly body: Pick<UpstreamBody, 'deliver' | 'resume' | 'cancel'>;
  readonly converter: StreamConverter;
  readonly signal: AbortSignal;
  /** A mid-stream error frame in the caller's dialect. */
  readonly renderError: (error: GatewayError) => SseEvent;
  /** Called once, with performance.now(), when the first frame is written. */
  readonly onFirstWrite: (at: number) => void;
  /** Called after each write (keep-alive bookkeeping). */
  readonly onWrite?: () => void;
  /**
   * Called once with the outcome, before the answer's last write: the response's `close` (where
   * the exchange is logged) can come before the returned promise's callbacks run.
   */
  readonly onFinish?: (outcome: RelayOutcome) => void;
  /** Drops a frame instead of sending it (e.g. a usage chunk the caller did not ask for). */
  readonly shouldDrop?: (frame: SseEvent) => boolean;
  /** Sees each upstream frame before it is converted (the turn so far, for its continuation). */
  readonly observe?: (frame: SseEvent) => void;
  /** A paused turn the converter holds (`pausedTurn`) leaves the answer open at the upstream's end. */
  readonly holdPausedTurn?: boolean;
}

export interface RelayOutcome {
  /** The stream ended with an error frame (upstream error or failure). */
  readonly errored: boolean;
  /** The client went away before the end. */
  readonly aborted: boolean;
  /** The upstream's turn paused and the answer is still open (`holdPausedTurn`). */
  readonly paused: boolean;
  readonly errorMessage: string | null;
}

function encodeFrames(
  frames: readonly SseEvent[],
  shouldDrop: RelayStreamOptions['shouldDrop'],
): string {
  let text = '';
  for (const frame of frames) if (!shouldDrop?.(frame)) text += formatSse(frame);
  return text;
}

/** Ends an answer a relay left open on a paused turn: the converter's last frames, then the end. */
export function endPausedStream(
  response: ServerResponse,
  converter: StreamConverter,
  shouldDrop?: RelayStreamOptions['shouldDrop'],
): void {
  if (!response.destroyed && !response.writableEnded)
    response.end(encodeFrames(converter.finish(), shouldDrop));
}

export function relayStream(options: RelayStreamOptions): Promise<RelayOutcome> {
  const { response, body, converter, shouldDrop, observe, signal } = options;
  const decoder = createSseDecoder({ includeComments: true });
  let wroteAny = false;
  let finished = false;
  let settle!: (outcome: RelayOutcome) => void;
  const outcome = new Promise<RelayOutcome>((resolve) => (settle = resolve));
  // The status line and headers (set by the caller) go out with the first frame when the upstream
  // sent one along with its headers: one write instead of two. Otherwise they go out on their own
  // as soon as this turn of the event loop is over, so the client sees the answer start at once.
  setImmediate(() => {
    if (!wroteAny && !response.headersSent && !response.destroyed && !response.writableEnded)
      response.flushHeaders();
  });

  function noteWrite(): void {
    if (!wroteAny) {
      wroteAny = true;
      options.onFirstWrite(performance.now());
    }
  }

  function convert(frames: readonly SseEvent[]): string {
    let text = '';
    for (const frame of frames) {
      observe?.(frame);
      text += encodeFrames(converter.push(frame), shouldDrop);
    }
    return text;
  }

  const onDrain = (): void => body.resume();
  const onAbort = (): void =>
    finish({
      errored: false,
      aborted: true,
      paused: false,
      errorMessage: 'The client closed the connection.',
    });

  function finish(result: RelayOutcome): void {
    if (finished) return;
    finished = true;
    response.off('drain', onDrain);
    signal.removeEventListener('abort', onAbort);
    options.onFinish?.(result);
    settle(result);
  }

  function fail(error: unknown): void {
    if (finished) return;
    if (signal.aborted || response.destroyed) return onAbort();
    const timedOut = (error as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT';
    // A GatewayError (an upstream body the gateway could not read as an answer) says what it is.
    const failure =
      error instanceof GatewayError
        ? error
        : new GatewayError({
            code: timedOut ? 'upstream.timeout' : 'upstream.unreachable',
            status: timedOut ? 504 : 502,
            message: timedOut
              ? 'The upstream went silent in the middle of its answer.'
              : 'The upstream connection failed in the middle of the answer.',
            cause: error,
          });
    finish({ errored: true, aborted: false, paused: false, errorMessage: failure.message });
    response.end(formatSse(options.renderError(failure)));
  }

  /** A converter bug ends the answer with an error frame, not the process, and stops the upstream. */
  function abandon(error: unknown): void {
    fail(error);
    body.cancel(error instanceof Error ? error : new Error(String(error)));
  }

  const sink: BodySink = {
    // One write per upstream chunk; a full client buffer pauses the upstream until `drain`.
    data(chunk) {
      if (finished) return true;
      try {
        const text = convert(decoder.push(chunk));
        if (!text || response.destroyed) return true;
        noteWrite();
        const flushed = response.write(text);
        options.onWrite?.();
        if (flushed || response.destroyed) return true;
        response.once('drain', onDrain);
        return false;
      } catch (error) {
        abandon(error);
        return false;
      }
    },
    // The last frames and the end of the chunked body go out in one write.
    end() {
      if (finished) return;
      try {
        let tail = convert(decoder.finish());
        if (options.holdPausedTurn === true && converter.pausedTurn?.isPaused() === true) {
          finish({ errored: false, aborted: false, paused: true, errorMessage: null });
          if (tail && !response.destroyed) {
            noteWrite();
            response.write(tail);
          }
          return;
        }
        tail += encodeFrames(converter.finish(), shouldDrop);
        const summaryError = converter.summary().error;
        finish({
          errored: summaryError !== undefined,
          aborted: false,
          paused: false,
          errorMessage: summaryError?.message ?? null,
        });
        if (tail && !response.destroyed) noteWrite();
        response.end(tail);
      } catch (error) {
        abandon(error);
      }
    },
    error: fail,
  };

  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  if (!finished) body.deliver(sink);
  return outcome;
}
