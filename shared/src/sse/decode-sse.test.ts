import fc from 'fast-check';
import type { SseEvent } from '../convert/types';
import { createSseDecoder, decodeSseStream, type SseDecoderOptions } from './decode-sse';
import { formatSse, formatSseFrames } from './format-sse';

const encoder = new TextEncoder();

/** Feeds `bytes` cut at `cuts` and returns the toPlainFrame frames (`id` dropped). */
function decodeInPieces(
  bytes: Uint8Array,
  cuts: readonly number[],
  options?: SseDecoderOptions,
): SseEvent[] {
  const decoder = createSseDecoder(options);
  const frames: SseEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    frames.push(...decoder.push(bytes.subarray(start, cut)));
    start = cut;
  }
  frames.push(...decoder.finish());
  return frames.map(toPlainFrame);
}

function toPlainFrame(frame: SseEvent): SseEvent {
  if (frame.comment !== undefined) return { comment: frame.comment, data: '' };
  return frame.event === undefined
    ? { data: frame.data }
    : { event: frame.event, data: frame.data };
}

function decodeText(text: string, options?: SseDecoderOptions): SseEvent[] {
  return decodeInPieces(encoder.encode(text), [], options);
}

const anthropicWire =
  'event: message_start\ndata: {"type":"message_start"}\n\n' +
  ': keep-alive\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"你好，世界 👋🏽"}}\n\n' +
  'id: 7\nretry: 1000\ndata: first line\ndata:second line\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

const anthropicFrames: SseEvent[] = [
  { event: 'message_start', data: '{"type":"message_start"}' },
  {
    event: 'content_block_delta',
    data: '{"type":"content_block_delta","delta":{"text":"你好，世界 👋🏽"}}',
  },
  { data: 'first line\nsecond line' },
  { event: 'message_stop', data: '{"type":"message_stop"}' },
];

describe('createSseDecoder', () => {
  it('decodes events, joins multi-line data, ignores comments, id and retry', () => {
    expect(decodeText(anthropicWire)).toEqual(anthropicFrames);
  });

  it('gives the same frames for a cut at every byte boundary (UTF-8 split characters stay intact)', () => {
    const bytes = encoder.encode(anthropicWire);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(decodeInPieces(bytes, [cut])).toEqual(anthropicFrames);
    }
  });

  it('never produces U+FFFD for a 4-byte emoji split over two reads (case 49)', () => {
    const bytes = encoder.encode('data: {"text":"😀"}\n\n');
    const emojiStart = bytes.indexOf(0xf0);
    for (let offset = 1; offset < 4; offset++) {
      const [frame] = decodeInPieces(bytes, [emojiStart + offset]);
      expect(frame?.data).toBe('{"text":"😀"}');
      expect(frame?.data).not.toContain('\uFFFD');
    }
  });

  it('parses CRLF, CR and "data:" without a space like LF with a space (case 50)', () => {
    const lf = decodeText('event: a\ndata: {"x":1}\n\ndata: y\n\n');
    expect(decodeText('event:a\r\ndata:{"x":1}\r\n\r\ndata:y\r\n\r\n')).toEqual(lf);
    expect(decodeText('event: a\rdata: {"x":1}\r\rdata: y\r\r')).toEqual(lf);
    // A CRLF split between two reads is one line end, not two (which would dispatch early).
    const bytes = encoder.encode('data: a\r\ndata: b\r\n\r\n');
    expect(decodeInPieces(bytes, [8])).toEqual([{ data: 'a\nb' }]);
  });

  it('flushes a partial final event at end of input', () => {
    expect(decodeText('data: [DONE]')).toEqual([{ data: '[DONE]' }]);
    expect(decodeText('data: [DONE]\n')).toEqual([{ data: '[DONE]' }]);
    expect(decodeText('data: [DONE]\r')).toEqual([{ data: '[DONE]' }]);
    expect(decodeText('event: x\n')).toEqual([]);
  });

  it('surfaces comments as keep-alive frames when asked', () => {
    expect(decodeText(': ping\n\ndata: 1\n\n:\n\n', { includeComments: true })).toEqual([
      { comment: 'ping', data: '' },
      { data: '1' },
      { comment: '', data: '' },
    ]);
  });

  it('decodes the same frames for random splits of random events (property)', () => {
    const fieldText = fc
      .string({ unit: 'grapheme', maxLength: 12 })
      .map((s) => s.replace(/[\r\n]/g, ' '));
    const frameArbitrary = fc.record(
      {
        event: fc.constantFrom(undefined, 'message_start', 'content_block_delta'),
        data: fieldText,
      },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(
        fc.array(frameArbitrary, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, newline, rawCuts) => {
          const wire = frames
            .map(
              (frame) => (frame.event ? `event: ${frame.event}\n` : '') + `data: ${frame.data}\n\n`,
            )
            .join('')
            .replace(/\n/g, newline);
          const bytes = encoder.encode(wire);
          const cuts = rawCuts.map((cut) => cut % (bytes.length + 1)).sort((a, b) => a - b);
          const expected = frames.map((frame) => toPlainFrame(frame as SseEvent));
          expect(decodeInPieces(bytes, cuts)).toEqual(expected);
        },
      ),
    );
  });
});

describe('decodeSseStream', () => {
  it('yields every frame of an async byte source', async () => {
    const bytes = encoder.encode(anthropicWire);
    async function* source() {
      for (let start = 0; start < bytes.length; start += 5) yield bytes.subarray(start, start + 5);
    }
    const frames: SseEvent[] = [];
    for await (const frame of decodeSseStream(source())) frames.push(toPlainFrame(frame));
    expect(frames).toEqual(anthropicFrames);
  });
});

describe('formatSse', () => {
  it('writes Anthropic, OpenAI and comment frames', () => {
    expect(formatSse({ event: 'ping', data: '{"type":"ping"}' })).toBe(
      'event: ping\ndata: {"type":"ping"}\n\n',
    );
    expect(formatSse({ data: '[DONE]' })).toBe('data: [DONE]\n\n');
    expect(formatSse({ comment: 'ping', data: '' })).toBe(': ping\n\n');
  });

  it('splits data with line breaks into several data lines that decode back', () => {
    const frame = { event: 'x', data: 'a\nb\r\nc\rd' };
    expect(formatSse(frame)).toBe('event: x\ndata: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(decodeText(formatSse(frame))).toEqual([{ event: 'x', data: 'a\nb\nc\nd' }]);
  });

  it('round-trips frames through the decoder', () => {
    const wire = formatSseFrames(anthropicFrames);
    expect(decodeText(wire)).toEqual(anthropicFrames);
  });
});
