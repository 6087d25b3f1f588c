import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { GatewayError } from '@llmfb/shared';
import { createProxyBodyParser } from './parse-proxy-body';

const limit = 64 * 1024;
let server: Server;
let url: string;

beforeAll(async () => {
  const parse = createProxyBodyParser(limit);
  server = http.createServer((request, response) => {
    parse(request).then(
      (body) => response.end(JSON.stringify({ ok: true, body })),
      (error: GatewayError) =>
        response.end(JSON.stringify({ ok: false, status: error.status, message: error.message })),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function send(
  body: string | Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'POST',
    headers,
    body: body as RequestInit['body'],
  };
  if (body instanceof ReadableStream) init.duplex = 'half';
  return (await (await fetch(url, init)).json()) as {
    ok: boolean;
    body?: unknown;
    status?: number;
    message?: string;
  };
}

function chunked(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
}

describe('proxy body parser', () => {
  it('parses a JSON object, also when it arrives in many chunks split inside a character', async () => {
    expect(await send('{"model":"m","n":1}')).toEqual({ ok: true, body: { model: 'm', n: 1 } });
    const text = JSON.stringify({ content: '你好，世界' });
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('好')) + 1;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, cut));
        controller.enqueue(bytes.subarray(cut));
        controller.close();
      },
    });
    expect(await send(stream)).toEqual({ ok: true, body: { content: '你好，世界' } });
  });

  it('treats an empty body as {} and ignores a byte-order mark', async () => {
    expect(await send('')).toEqual({ ok: true, body: {} });
    expect(await send('\ufeff{"a":1}')).toEqual({ ok: true, body: { a: 1 } });
  });

  it('refuses malformed JSON and JSON that is not an object with 400', async () => {
    expect(await send('{"model": ')).toMatchObject({
      status: 400,
      message: 'The body is not valid JSON.',
    });
    for (const body of ['"text"', '[1,2]', 'null', '42', 'true'])
      expect(await send(body)).toMatchObject({
        status: 400,
        message: 'The body must be a JSON object.',
      });
  });

  it('refuses a body over the limit with 413, whether announced or streamed', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(limit) });
    expect(await send(big)).toMatchObject({ status: 413, message: 'The body is too large.' });
    expect(await send(chunked([big.slice(0, limit / 2), big.slice(limit / 2)]))).toMatchObject({
      status: 413,
    });
    // The connection stays usable afterwards.
    expect(await send('{"after":true}')).toEqual({ ok: true, body: { after: true } });
  });

  it('inflates a gzip body and decodes a declared UTF-16 charset; refuses other charsets with 415', async () => {
    const gzipped = gzipSync(Buffer.from('{"zipped":"是的"}'));
    expect(
      await send(gzipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
    ).toEqual({ ok: true, body: { zipped: '是的' } });
    expect(await send(gzipSync(Buffer.from('null')), { 'content-encoding': 'gzip' })).toMatchObject(
      { status: 400, message: 'The body must be a JSON object.' },
    );
    expect(
      await send(gzipSync(Buffer.from('{"a": ')), { 'content-encoding': 'gzip' }),
    ).toMatchObject({ status: 400, message: 'The body is not valid JSON.' });
    expect(
      await send(Buffer.from('{"wide":"ü"}', 'utf16le'), {
        'content-type': 'application/json; charset=utf-16le',
      }),
    ).toEqual({ ok: true, body: { wide: 'ü' } });
    expect(
      await send('{"a":1}', { 'content-type': 'application/json; charset=latin1' }),
    ).toMatchObject({ status: 415 });
    expect(await send('{"a":1}', { 'content-type': 'application/json; charset="UTF-8"' })).toEqual({
      ok: true,
      body: { a: 1 },
    });
  });
});
