import { ReadableStream } from 'node:stream/web';
import { readServerSentEvents } from './read-sse';

function streamOf(chunks: Uint8Array[]): globalThis.ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }) as unknown as globalThis.ReadableStream<Uint8Array>;
}

describe('readServerSentEvents', () => {
  it('decodes characters split across chunks and events split across reads', async () => {
    const bytes = new TextEncoder().encode(
      'event: delta\ndata: {"text":"你好😀"}\n\ndata: [DONE]\n\n',
    );
    // Cut inside the multi-byte characters and inside the field names, one byte at a time.
    const chunks = [...bytes].map((byte) => Uint8Array.of(byte));
    const events: { event?: string; data: string }[] = [];
    let raw = '';
    await readServerSentEvents(streamOf(chunks), {
      onEvent: (event) => events.push({ event: event.event, data: event.data }),
      onChunk: (text) => (raw += text),
    });
    expect(events).toEqual([
      { event: 'delta', data: '{"text":"你好😀"}' },
      { event: undefined, data: '[DONE]' },
    ]);
    expect(raw).toBe('event: delta\ndata: {"text":"你好😀"}\n\ndata: [DONE]\n\n');
  });

  it('delivers a last event that lacks the closing blank line', async () => {
    const events: string[] = [];
    await readServerSentEvents(streamOf([new TextEncoder().encode('data: last')]), {
      onEvent: (event) => events.push(event.data),
    });
    expect(events).toEqual(['last']);
  });
});
