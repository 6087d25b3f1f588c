import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { GatewayError, type SseEvent, type StreamConverter } from '@llmfb/shared';
import { endPausedStream, relayStream, type RelayStreamOptions } from './relay-stream';

/** A client connection: `write` reports a full buffer while `full` is set; `drain` empties it. */
class FakeClient extends EventEmitter {
  written: string[] = [];
  full = false;
  destroyed = false;
  writableEnded = false;
  writableFinished = false;
  /** Writes of the status line and headers on their own. */
  headerFlushes = 0;
  /** What the last `end` call carried. */
  endedWith: string | undefined;
  flushHeaders(): void {
    this.headerFlushes += 1;
  }
  write(text: string): boolean {
    this.written.push(text);
    return !this.full;
  }
  end(text?: string): void {
    if (text) this.written.push(text);
    this.endedWith = text;
    this.writableEnded = true;
    this.writableFinished = true;
    this.emit('close');
  }
  drain(): void {
    this.full = false;
    this.emit('drain');
  }
  disconnect(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

const echo = (overrides: Partial<StreamConverter> = {}): StreamConverter => ({
  push: (frame) => [frame],
  finish: () => [{ data: '[DONE]' }],
  summary: () => ({
    usage: undefined,
    finishReason: undefined,
    error: undefined,
    hasContent: true,
    outputCharacters: 0,
  }),
  ...overrides,
});

/**
 * An upstream body over a PassThrough, with the upstream client's delivery contract: chunks pushed
 * to the sink in order, paused while `data` says false, the end or the failure after the chunks.
 */
function deliveredFrom(stream: PassThrough): RelayStreamOptions['body'] {
  return {
    deliver(sink) {
      stream.on('data', (chunk: Buffer) => {
        if (!sink.data(chunk)) stream.pause();
      });
      stream.on('end', () => sink.end());
      stream.on('error', (error) => sink.error(error));
    },
    resume: () => stream.resume(),
    cancel: (reason) => stream.destroy(reason),
  };
}

function relay(client: FakeClient, body: PassThrough, overrides: Partial<RelayStreamOptions> = {}) {
  const abort = new AbortController();
  const outcome = relayStream({
    response: client as unknown as ServerResponse,
    body: deliveredFrom(body),
    converter: echo(),
    signal: abort.signal,
    renderError: (error: GatewayError): SseEvent => ({ event: 'error', data: error.message }),
    onFirstWrite: () => undefined,
    ...overrides,
  });
  return { outcome, abort };
}

const frame = (index: number) => `data: ${index}\n\n`;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('relayStream', () => {
  it('stops reading the upstream while the client’s buffer is full and resumes on drain', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    const { outcome } = relay(client, body);
    client.full = true;
    body.write(frame(1));
    await tick();
    body.write(frame(2));
    body.write(frame(3));
    await tick();
    // Nothing more was taken from the upstream while the client could not keep up.
    expect(client.written).toEqual([frame(1)]);
    client.drain();
    body.end();
    await expect(outcome).resolves.toEqual({
      errored: false,
      aborted: false,
      paused: false,
      errorMessage: null,
    });
    expect(client.written.join('')).toBe(frame(1) + frame(2) + frame(3) + 'data: [DONE]\n\n');
    // The closing frames and the end of the body are one write.
    expect(client.endedWith).toBe('data: [DONE]\n\n');
  });

  it('sends the headers with the first frame when the upstream sent one along with its headers', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    body.write(frame(1));
    const { outcome } = relay(client, body);
    await tick();
    await tick();
    expect(client.written).toEqual([frame(1)]);
    body.end();
    await outcome;
  });

  it('sends the headers at once when the upstream’s first frame has not come yet', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    const { outcome } = relay(client, body);
    await tick();
    await tick();
    expect(client.headerFlushes).toBe(1);
    expect(client.written).toEqual([]);
    body.end(frame(1));
    await outcome;
    expect(client.headerFlushes).toBe(1);
  });

  it('a client that leaves while the stream waits for drain ends the relay as aborted', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    const { outcome, abort } = relay(client, body);
    client.full = true;
    body.write(frame(1));
    await tick();
    abort.abort();
    client.disconnect();
    await expect(outcome).resolves.toMatchObject({ aborted: true, errored: false });
    // An error the upstream body raises afterwards (undici destroying it) is not unhandled.
    body.destroy(new Error('aborted'));
    await tick();
  });

  it('an upstream failure mid-stream ends the answer with an error frame', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    const { outcome } = relay(client, body);
    body.write(frame(1));
    await tick();
    body.destroy(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' }));
    await expect(outcome).resolves.toMatchObject({ errored: true, aborted: false });
    expect(client.written.at(-1)).toContain('event: error');
    expect(client.writableFinished).toBe(true);
  });

  it('a converter that throws ends the answer with an error frame instead of crashing', async () => {
    const client = new FakeClient();
    const body = new PassThrough();
    const { outcome } = relay(client, body, {
      converter: echo({
        push: () => {
          throw new Error('converter bug');
        },
      }),
    });
    body.write(frame(1));
    await expect(outcome).resolves.toMatchObject({ errored: true });
    expect(client.written.at(-1)).toContain('event: error');
    expect(body.destroyed).toBe(true);
  });

  it('hands over its outcome before the last write, whose close logs the exchange', async () => {
    for (const ending of ['end', 'fail'] as const) {
      const client = new FakeClient();
      const body = new PassThrough();
      const order: string[] = [];
      client.once('close', () => order.push('close'));
      const { outcome } = relay(client, body, {
        onFinish: (result) => order.push(result.errored ? 'finish errored' : 'finish'),
      });
      body.write(frame(1));
      await tick();
      if (ending === 'end') body.end();
      else body.destroy(new Error('socket hang up'));
      await outcome;
      expect(order).toEqual([ending === 'end' ? 'finish' : 'finish errored', 'close']);
    }
  });

  it('leaves the answer open on a held paused turn, for a continuation or endPausedStream', async () => {
    let paused = true;
    const converter = echo({
      pausedTurn: { isPaused: () => paused, resume: () => (paused = false) },
      finish: () => [{ data: 'finish' }],
    });
    const client = new FakeClient();
    const seen: string[] = [];
    const first = new PassThrough();
    const held = relay(client, first, {
      converter,
      holdPausedTurn: true,
      observe: (upstreamFrame) => seen.push(upstreamFrame.data),
    });
    first.end(frame(1));
    await expect(held.outcome).resolves.toMatchObject({ paused: true, errored: false });
    expect(client.writableEnded).toBe(false);
    expect(client.written.join('')).toBe(frame(1));
    expect(seen).toEqual(['1']);

    // The continuation's relay goes on in the same answer and ends it.
    converter.pausedTurn!.resume();
    const second = new PassThrough();
    const continued = relay(client, second, { converter, holdPausedTurn: true });
    second.end(frame(2));
    await expect(continued.outcome).resolves.toMatchObject({ paused: false });
    expect(client.written.join('')).toBe(frame(1) + frame(2) + 'data: finish\n\n');

    // A turn not continued is ended by endPausedStream with the converter's last frames.
    paused = true;
    const other = new FakeClient();
    const third = new PassThrough();
    const open = relay(other, third, { converter, holdPausedTurn: true });
    third.end(frame(3));
    await open.outcome;
    endPausedStream(other as unknown as ServerResponse, converter);
    expect(other.written.join('')).toBe(frame(3) + 'data: finish\n\n');
    expect(other.writableEnded).toBe(true);
  });
});
