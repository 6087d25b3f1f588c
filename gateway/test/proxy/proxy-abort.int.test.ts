/**
 * A client that goes away aborts the upstream request at once: the upstream sees the connection
 * close, the request log says 499, and no upstream socket or active stream is left behind.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  // A slow stream: 40 deltas 25 ms apart (about a second), so there is time to walk away.
  harness = await startProxyHarness({ mock: { gapMs: 25, deltaCount: 40 } });
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'claude',
  });
  await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'abort' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

async function waitFor<T>(
  read: () => T | Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 2000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readActiveStreams(): Promise<number> {
  const text = await (await fetch(`${harness.url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith('llmfb_proxy_active_streams '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

/**
 * Starts an OpenAI stream, reads `chunks` chunks, aborts; returns the upstream record, the request
 * id and the text read.
 */
async function abortOpenAIStream(abortAfter = 2): Promise<{
  upstream: RecordedRequest;
  requestId: string;
  abortedAt: number;
  text: string;
}> {
  const controller = new AbortController();
  const { data: stream, response } = await openai.chat.completions
    .create(
      {
        model: 'claude',
        stream: true,
        messages: [{ role: 'user', content: 'tell me a long story' }],
      },
      { signal: controller.signal },
    )
    .withResponse();
  let chunks = 0;
  let abortedAt = 0;
  let text = '';
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      chunks += 1;
      if (chunks === abortAfter) {
        abortedAt = Date.now();
        controller.abort();
      }
    }
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAI.APIUserAbortError);
  }
  expect(chunks).toBe(abortAfter);
  return {
    upstream: harness.mock.requests.at(-1)!,
    requestId: response.headers.get('x-request-id') ?? '',
    abortedAt,
    text,
  };
}

describe('client abort', () => {
  let baselineConnections: number;

  beforeAll(async () => {
    await openai.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'warm up' }],
    });
    baselineConnections = harness.mock.openConnections();
  });

  it('reaches the upstream promptly and is logged as 499 (OpenAI client, Anthropic upstream)', async () => {
    const { upstream, requestId, abortedAt } = await abortOpenAIStream();
    await waitFor(
      () => upstream.aborted,
      (aborted) => aborted,
    );
    expect(upstream.aborted).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(1000);

    const log = await harness.waitForLog(requestId);
    expect(log).toMatchObject({
      status_code: 499,
      stream: true,
      source_format: 'openai',
      target_format: 'anthropic',
      model: 'claude',
    });
    expect(log.error_message).toMatch(/client/i);
    expect(log.ttft_ms).not.toBeNull();
  });

  it('logs the upstream input count and the output streamed so far, estimated', async () => {
    const { upstream, requestId, text } = await abortOpenAIStream(25);
    const log = await harness.waitForLog(requestId);
    expect(log).toMatchObject({
      status_code: 499,
      tokens_estimated: true,
      input_tokens: upstream.reply!.inputTokens,
    });
    // At least what this client read (the gateway may have sent a little more before the abort).
    expect(log.output_tokens).toBeGreaterThanOrEqual(Math.ceil(text.length / 4));
    expect(log.output_tokens).toBeLessThan(upstream.reply!.outputTokens + 1);
  });

  it('reaches the upstream from an Anthropic stream helper abort (OpenAI upstream)', async () => {
    const stream = anthropic.messages.stream({
      model: 'gpt',
      max_tokens: 512,
      messages: [{ role: 'user', content: 'tell me a long story' }],
    });
    let texts = 0;
    stream.on('text', () => {
      texts += 1;
      if (texts === 2) stream.abort();
    });
    await expect(stream.finalMessage()).rejects.toThrow(Anthropic.APIUserAbortError);
    const upstream = harness.mock.requests.at(-1)!;
    await waitFor(
      () => upstream.aborted,
      (aborted) => aborted,
    );
    expect(upstream.aborted).toBe(true);
    expect(upstream.path).toBe('/v1/chat/completions');
  });

  it('reaches a hung upstream from a non-stream request', async () => {
    harness.mock.hang();
    try {
      const controller = new AbortController();
      const pending = openai.chat.completions.create(
        { model: 'gpt', messages: [{ role: 'user', content: 'never answered' }] },
        { signal: controller.signal },
      );
      const upstream = await waitFor(
        () => harness.mock.requests.at(-1),
        (call) =>
          (call?.body as { messages?: unknown[] } | undefined)?.messages !== undefined &&
          JSON.stringify(call?.body).includes('never answered'),
      );
      controller.abort();
      await expect(pending).rejects.toThrow(OpenAI.APIUserAbortError);
      await waitFor(
        () => upstream!.aborted,
        (aborted) => aborted,
      );
      expect(upstream!.aborted).toBe(true);
      const logs = await waitFor(
        () => harness.admin('GET', '/api/logs?status_code=499&limit=50'),
        (answer) => (answer.body.items as Array<{ stream: boolean }>).some((row) => !row.stream),
      );
      const row = (logs.body.items as Array<Record<string, unknown>>).find((item) => !item.stream);
      expect(row).toMatchObject({ status_code: 499, source_format: 'openai', model: 'gpt' });
    } finally {
      harness.mock.resume();
    }
  });

  it('leaks no upstream socket and no active stream over repeated aborts', async () => {
    for (let round = 0; round < 5; round += 1) await abortOpenAIStream();
    const connections = await waitFor(
      () => harness.mock.openConnections(),
      (count) => count <= baselineConnections,
    );
    expect(connections).toBeLessThanOrEqual(baselineConnections);
    expect(await waitFor(readActiveStreams, (count) => count === 0)).toBe(0);
    expect(harness.mock.requests.slice(-5).every((call) => call.aborted)).toBe(true);

    // The pool still works afterwards.
    const answer = await openai.chat.completions.create({
      model: 'claude',
      messages: [{ role: 'user', content: 'still there?' }],
    });
    expect(answer.choices[0]?.message.content).toContain('still there?');
  });
});
