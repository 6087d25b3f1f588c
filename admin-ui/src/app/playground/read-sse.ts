import { EventSourceMessage, createParser } from 'eventsource-parser';

/**
 * Reads a `text/event-stream` body chunk by chunk and hands each event over as it arrives.
 * The TextDecoder runs in streaming mode, so a UTF-8 character split across two network chunks
 * (common with Chinese text) is decoded whole; `onChunk` sees the raw text for the raw view.
 */
export async function readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  handlers: {
    readonly onEvent: (event: EventSourceMessage) => void;
    readonly onChunk?: (text: string) => void;
  },
): Promise<void> {
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent: handlers.onEvent });
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      handlers.onChunk?.(text);
      parser.feed(text);
    }
    const rest = decoder.decode();
    if (rest) {
      handlers.onChunk?.(rest);
      parser.feed(rest);
    }
    // A last event without the closing blank line still counts.
    parser.feed('\n\n');
  } finally {
    reader.releaseLock();
  }
}
