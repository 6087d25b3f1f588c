/**
 * @module sse/decode-sse
 * Server-sent events decoder for the proxy's upstream bodies (CONVERSION.md §4.1): byte chunks in,
 * `{event?, data}` frames out, with the same frames for any split of the input bytes.
 *
 * Two well-kept pieces do the work, so this file only wires them together:
 * - a streaming `TextDecoder` (`stream: true`) turns bytes into text and holds back an incomplete
 *   UTF-8 sequence until its last byte arrives, so a character split across network reads never
 *   becomes U+FFFD (§4.1 "never decode each network read independently");
 * - `eventsource-parser` (WHATWG-conformant) splits lines on LF, CRLF and CR (also a CR at the end of
 *   one chunk followed by LF in the next), joins multi-line `data:` with `\n`, strips one optional
 *   space after the colon, ignores `id:`/`retry:` and unknown fields, and reports `:` comments.
 *
 * Measured with bench/convert.mjs on the shared 2-core machine: decoding costs about 0.4 of one
 * `JSON.parse` of the same event (about 1 µs per Anthropic delta event while the machine was
 * 4× oversubscribed), a small share of the per-chunk budget, so no hand-written parser is needed.
 *
 * @example
 * const decoder = createSseDecoder();
 * for await (const bytes of upstreamBody) for (const frame of decoder.push(bytes)) handle(frame);
 * for (const frame of decoder.finish()) handle(frame);
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { SseEvent } from '../convert/types';

export interface SseDecoderOptions {
  /**
   * Surface `:` comment lines (upstream keep-alives) as `{comment, data: ''}` frames instead of
   * dropping them. Default false.
   */
  readonly includeComments?: boolean;
}

/** A synchronous, incremental SSE decoder. */
export interface SseDecoder {
  /** Feeds one network read; returns the frames it completed (often none). */
  push(chunk: Uint8Array | string): readonly SseEvent[];
  /** Call once at end of input: flushes a partial final event (§4.1 "flush at EOF"). */
  finish(): readonly SseEvent[];
}

const noFrames: readonly SseEvent[] = Object.freeze([]);

/** Creates a decoder for one upstream body. */
export function createSseDecoder(options: SseDecoderOptions = {}): SseDecoder {
  const textDecoder = new TextDecoder('utf-8');
  let completed: SseEvent[] = [];
  // eventsource-parser's message object is `{id, event, data}`; it already satisfies SseEvent, so
  // it is handed on as is (no copy per event). `id` is never read.
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      completed.push(message);
    },
    onComment: options.includeComments
      ? (comment: string) => {
          completed.push({ comment, data: '' });
        }
      : undefined,
  });

  function takeCompleted(): readonly SseEvent[] {
    if (completed.length === 0) return noFrames;
    const frames = completed;
    completed = [];
    return frames;
  }

  return {
    push(chunk) {
      const text = typeof chunk === 'string' ? chunk : textDecoder.decode(chunk, { stream: true });
      if (text.length > 0) parser.feed(text);
      return takeCompleted();
    },
    finish() {
      // Whatever bytes are still held form an incomplete character: decode() without `stream`
      // emits U+FFFD for them, as any UTF-8 decoder must for a truncated sequence.
      const rest = textDecoder.decode();
      if (rest.length > 0) parser.feed(rest);
      // Two line feeds end a partial last line and dispatch a partial last event. A pending CR
      // swallows the first LF (CRLF), and an already-blank line makes the second LF a no-op.
      parser.feed('\n\n');
      parser.reset();
      return takeCompleted();
    },
  };
}

/**
 * Async-generator wrapper for `stream/promises.pipeline`: yields each frame of an upstream body
 * (an undici `body` is an async iterable of Uint8Array). The sync decoder above is the core.
 */
export async function* decodeSseStream(
  source: AsyncIterable<Uint8Array | string>,
  options: SseDecoderOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const decoder = createSseDecoder(options);
  for await (const chunk of source) {
    yield* decoder.push(chunk);
  }
  yield* decoder.finish();
}
