import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createUpstreamClient,
  type UpstreamBody,
  type UpstreamClientOptions,
} from './upstream-client';

type UpstreamClient = ReturnType<typeof createUpstreamClient>;

/** A local upstream answering with `listener`; `close` also drops connections still open. */
async function listen(listener: RequestListener) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const timeouts = { connectTimeoutMs: 5000, firstByteTimeoutMs: 30_000, idleTimeoutMs: 30_000 };

/** Runs `test` with a fresh client, then closes the client and the server whatever happened. */
async function withClient(
  server: { close(): Promise<void> },
  options: Partial<UpstreamClientOptions>,
  test: (client: UpstreamClient) => Promise<void>,
): Promise<void> {
  const client = createUpstreamClient({ ...timeouts, ...options });
  try {
    await test(client);
  } finally {
    await client.close();
    await server.close();
  }
}

function send(
  client: UpstreamClient,
  url: string,
  body = '{}',
  signal = new AbortController().signal,
) {
  return client.send({ url, headers: {}, body, signal });
}

/** A server that holds every request open until `release()`, counting how many it holds at once. */
async function startHoldingServer() {
  const held: Array<() => void> = [];
  let peak = 0;
  const server = await listen((_request, response) => {
    held.push(() => response.end('{}'));
    peak = Math.max(peak, held.length);
  });
  return {
    ...server,
    held: () => held.length,
    peak: () => peak,
    release: () => held.splice(0).forEach((end) => end()),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function sendMany(client: UpstreamClient, url: string, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const answer = await send(client, url);
      await answer.body.text();
      return answer.status;
    }),
  );
}

describe('upstream client pool', () => {
  it('holds every concurrent request open at once by default (long streams are not queued)', async () => {
    const server = await startHoldingServer();
    await withClient(server, {}, async (client) => {
      const statuses = sendMany(client, server.url, 300);
      await waitFor(() => server.held() === 300);
      server.release();
      expect(await statuses).toEqual(Array(300).fill(200));
    });
  });

  it('queues beyond a configured cap of sockets per origin', async () => {
    const server = await startHoldingServer();
    await withClient(server, { connectionsPerOrigin: 5 }, async (client) => {
      const statuses = sendMany(client, server.url, 12);
      await waitFor(() => server.held() === 5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.held()).toBe(5);
      const releaser = setInterval(server.release, 20);
      expect(await statuses).toEqual(Array(12).fill(200));
      clearInterval(releaser);
      expect(server.peak()).toBe(5);
    });
  });
});

describe('upstream client, a socket closed before any answer', () => {
  /** Drops the connection of the first `drops` requests without answering, answers the rest. */
  async function startDroppingServer(drops: number) {
    let seen = 0;
    const server = await listen((_request, response) => {
      seen += 1;
      if (seen <= drops) response.socket?.destroy();
      else response.end('{"ok":true}');
    });
    return { ...server, seen: () => seen };
  }

  it('is tried once more on a fresh socket', async () => {
    const server = await startDroppingServer(1);
    await withClient(server, {}, async (client) => {
      expect(await sendMany(client, server.url, 1)).toEqual([200]);
      expect(server.seen()).toBe(2);
    });
  });

  it('fails as unreachable when the second try is dropped too', async () => {
    const server = await startDroppingServer(2);
    await withClient(server, {}, async (client) => {
      await expect(sendMany(client, server.url, 1)).rejects.toMatchObject({
        status: 502,
        retryable: true,
      });
      expect(server.seen()).toBe(2);
    });
  });
});

describe('upstream client, reading the body', () => {
  const piece = (index: number, size: number) =>
    String.fromCharCode(97 + (index % 26)).repeat(size);

  /** Streams `chunks` pieces of `size` bytes, each piece a run of one letter, then ends. */
  async function startStreamingServer(chunks: number, size: number) {
    let closedEarly = false;
    const server = await listen((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const writeMore = () => {
        while (sent < chunks) {
          sent += 1;
          if (!response.write(piece(sent - 1, size))) return void response.once('drain', writeMore);
        }
        response.end();
      };
      response.on('close', () => {
        if (!response.writableFinished) closedEarly = true;
      });
      request.resume();
      writeMore();
    });
    const expected = Array.from({ length: chunks }, (_, index) => piece(index, size)).join('');
    return { ...server, expected, closedEarly: () => closedEarly };
  }

  /** Takes delivered chunks; while `slow`, says false to each and resumes 5 ms later. */
  function collect(body: UpstreamBody, slow: boolean) {
    const parts: Buffer[] = [];
    let pauses = 0;
    const done = new Promise<string>((resolve, reject) => {
      body.deliver({
        data(chunk) {
          parts.push(Buffer.from(chunk));
          if (!slow) return true;
          pauses += 1;
          setTimeout(() => body.resume(), 5);
          return false;
        },
        end: () => resolve(Buffer.concat(parts).toString()),
        error: reject,
      });
    });
    return { done, pauses: () => pauses, parts };
  }

  it('delivers every byte in order to a sink that pauses after each chunk, then the end', async () => {
    // 4 MB: far beyond what undici reads in one go, so the socket pauses and resumes many times.
    const server = await startStreamingServer(256, 16 * 1024);
    await withClient(server, {}, async (client) => {
      const answer = await send(client, server.url);
      const sink = collect(answer.body, true);
      expect(await sink.done).toBe(server.expected);
      expect(sink.pauses()).toBeGreaterThan(1);
    });
  });

  it('delivers the chunks that came before the sink first, then the rest', async () => {
    const server = await startStreamingServer(64, 1024);
    await withClient(server, {}, async (client) => {
      const answer = await send(client, server.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const sink = collect(answer.body, false);
      // Already arrived: handed over before deliver() returned.
      expect(sink.parts.length).toBeGreaterThan(0);
      expect(await sink.done).toBe(server.expected);
    });
  });

  it('delivers the chunks before a failure, then the failure', async () => {
    const server = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await withClient(server, {}, async (client) => {
      const answer = await send(client, server.url);
      const sink = collect(answer.body, false);
      await expect(sink.done).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
      expect(Buffer.concat(sink.parts).toString()).toBe('data: 1\n\n');
    });
  });

  it('cancel aborts the upstream request and frees the socket', async () => {
    const server = await startStreamingServer(4096, 16 * 1024);
    await withClient(server, {}, async (client) => {
      const answer = await send(client, server.url);
      const sink = collect(answer.body, true);
      answer.body.cancel(new Error('reader gave up'));
      await expect(sink.done).rejects.toThrow('reader gave up');
      await waitFor(() => server.closedEarly());
      await waitFor(() => Object.values(client.stats()).every((pool) => pool.running === 0));
    });
  });

  it('rejects at once, as a client abort, when the signal fires before a socket is free', async () => {
    const server = await startHoldingServer();
    await withClient(server, { connectionsPerOrigin: 1 }, async (client) => {
      const first = sendMany(client, server.url, 1);
      await waitFor(() => server.held() === 1);
      const controller = new AbortController();
      const queued = send(client, server.url, '{}', controller.signal);
      controller.abort();
      await expect(queued).rejects.toMatchObject({ status: 499 });
      server.release();
      expect(await first).toEqual([200]);
    });
  });

  it('fails a whole-body read that goes silent as an upstream timeout (504)', async () => {
    const server = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"partial":');
    });
    await withClient(server, { idleTimeoutMs: 200 }, async (client) => {
      const answer = await send(client, server.url);
      await expect(answer.body.text()).rejects.toMatchObject({
        code: 'upstream.timeout',
        status: 504,
      });
    });
  });
});

describe('upstream client, request bodies', () => {
  /** Records each request's body and framing headers; drops the first `drops` connections. */
  async function startRecordingServer(drops = 0) {
    const received: Array<{ body: string; length?: string; chunked: boolean }> = [];
    const server = await listen((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(parts).toString(),
          length: request.headers['content-length'],
          chunked: request.headers['transfer-encoding'] === 'chunked',
        });
        if (received.length <= drops) response.socket?.destroy();
        else response.end('{}');
      });
    });
    return { ...server, received };
  }

  // An agent's conversation: large, with multi-byte characters (byte length ≠ string length).
  const conversation = JSON.stringify({
    messages: Array.from({ length: 400 }, (_, index) => ({
      role: 'user',
      content: `第${index}轮 — naïve café ${'x'.repeat(500)}`,
    })),
  });

  it.each([
    ['a small body', '{"model":"m"}'],
    ['a large body', conversation],
  ])('sends %s whole, with its byte length', async (_label, body) => {
    const server = await startRecordingServer();
    await withClient(server, {}, async (client) => {
      await (await send(client, server.url, body)).body.text();
      expect(server.received).toEqual([
        { body, length: String(Buffer.byteLength(body)), chunked: false },
      ]);
    });
  });

  it('sends a large body again, whole, on the retry after a dropped socket', async () => {
    const server = await startRecordingServer(1);
    await withClient(server, {}, async (client) => {
      const answer = await send(client, server.url, conversation);
      expect(answer.status).toBe(200);
      await answer.body.text();
      expect(server.received.map((request) => request.body === conversation)).toEqual([true, true]);
    });
  });
});
