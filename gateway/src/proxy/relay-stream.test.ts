import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { GatewayError, type SseEvent, type StreamConverter } from '@llmfb/shared';
import { relayStream, type RelayStreamOptions } from './relay-stream';

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
    await expect(outcome).resolves.toEqual({ errored: false, aborted: false, errorMessage: null });
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
    expect(client.headerFlushes).toBe(0);
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
});
