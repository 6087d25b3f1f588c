import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { ReadableStream, ReadableStreamDefaultController } from 'node:stream/web';
import { SESSION_STORAGE } from '../core/browser-storage';
import { provideTestConsole } from '../../testing/provide-test-console';
import { settle } from '../../testing/settle';
import PlaygroundPage from './playground-page';
import { FETCH, MONOTONIC_CLOCK } from './playground-run';

interface FakeAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly text?: string;
  readonly stream?: ReadableStream<Uint8Array>;
}

function fakeResponse(answer: FakeAnswer): Response {
  const headers = new Map(
    Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: '',
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    body: answer.stream ?? null,
    text: async () => answer.text ?? '',
  } as unknown as Response;
}

/** A response body the test writes to piece by piece. */
function createControlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    stream,
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
  };
}

const chunk = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

async function setUp(answer: FakeAnswer) {
  const fetchMock = jest.fn<Promise<Response>, Parameters<typeof fetch>>(async () =>
    fakeResponse(answer),
  );
  let now = 0;
  TestBed.configureTestingModule({
    providers: [
      provideTestConsole(),
      { provide: FETCH, useValue: fetchMock },
      { provide: MONOTONIC_CLOCK, useValue: () => (now += 100) },
    ],
  });
  const fixture = TestBed.createComponent(PlaygroundPage);
  const http = TestBed.inject(HttpTestingController);
  await settle();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  const text = () => fixture.nativeElement.textContent as string;
  const byTestId = (id: string) =>
    fixture.nativeElement.querySelector(`[data-testid=${id}]`) as HTMLElement;

  /** Pastes the key and answers GET /v1/models the way the proxy would. */
  async function pasteKey(key: string, models = ['mini', 'claude']) {
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[data-testid=playground-key]' }))
    ).setValue(key);
    await new Promise((resolve) => setTimeout(resolve, 450));
    await settle();
    const request = http.expectOne('/v1/models');
    expect(request.request.headers.get('authorization')).toBe(`Bearer ${key}`);
    request.flush({ object: 'list', data: models.map((id) => ({ id, object: 'model' })) });
    await settle();
  }

  async function send(message: string) {
    await (
      await loader.getHarness(
        MatInputHarness.with({ selector: '[data-testid=playground-message-0]' }),
      )
    ).setValue(message);
    byTestId('playground-send').click();
    await settle();
  }

  return { fixture, http, loader, fetchMock, text, byTestId, pasteKey, send };
}

describe('PlaygroundPage', () => {
  it('remembers the pasted key for this tab only and lists the models it may call', async () => {
    const { loader, pasteKey } = await setUp({ status: 200 });
    await pasteKey('llmb_test_key');
    expect(TestBed.inject(SESSION_STORAGE).getItem('llmfb.playground.key')).toBe('llmb_test_key');
    const model = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid=playground-model]' }),
    );
    expect(await model.getValue()).toBe('mini');
  });

  it('streams an OpenAI answer in as it arrives, with timings, notes and the raw exchange', async () => {
    const body = createControlledStream();
    const { fetchMock, text, byTestId, pasteKey, send } = await setUp({
      status: 200,
      headers: {
        'content-type': 'text/event-stream',
        'x-request-id': 'req-42',
        'x-llmfb-conversion-notes': JSON.stringify([
          { kind: 'dropped', path: 'logprobs', message: 'not supported' },
        ]),
      },
      stream: body.stream,
    });
    await pasteKey('llmb_test_key_1234567890');
    await send('Say hello');

    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/v1/chat/completions');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer llmb_test_key_1234567890' });
    expect(JSON.parse(String(init?.body))).toMatchObject({
      model: 'mini',
      stream: true,
      messages: [{ role: 'user', content: 'Say hello' }],
    });

    body.write(chunk('Hel'));
    await settle();
    expect(byTestId('answer').textContent).toBe('Hel');
    expect(text()).toContain('Waiting for the answer');

    body.write(chunk('lo!'));
    body.write(
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } })}\n\ndata: [DONE]\n\n`,
    );
    body.close();
    await settle();
    await settle();
    expect(byTestId('answer').textContent).toBe('Hello!');
    expect(byTestId('run-status').textContent).toContain('Done');
    expect(byTestId('stat-status').textContent).toContain('200');
    expect(byTestId('stat-ttft').textContent).toContain('100 ms');
    expect(byTestId('stat-total').textContent).toContain('200 ms');
    expect(byTestId('conversion-note').textContent).toContain('[dropped] logprobs: not supported');
    expect(byTestId('raw-request').textContent).toContain('Bearer llmb_test…7890');
    expect(byTestId('raw-request').textContent).not.toContain('llmb_test_key_1234567890');
    expect(byTestId('raw-response').textContent).toContain('x-request-id: req-42');
    expect(byTestId('raw-response').textContent).toContain('data: [DONE]');
  });

  it('shows a refused key as a 401 with the proxy message', async () => {
    const { byTestId, pasteKey, send } = await setUp({
      status: 401,
      headers: { 'content-type': 'application/json' },
      text: JSON.stringify({
        error: {
          message: 'Invalid API key',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    });
    await pasteKey('llmb_revoked');
    await send('Hi');
    await settle();
    expect(byTestId('run-status').textContent).toContain('Failed');
    expect(byTestId('run-failure').textContent).toContain(
      'The key was refused (401): Invalid API key',
    );
  });

  it('sends an Anthropic request without streaming and shows the whole answer', async () => {
    const { fetchMock, loader, byTestId, pasteKey, send } = await setUp({
      status: 200,
      headers: {
        'content-type': 'application/json',
        'x-llmfb-conversion-notes': 'system prompt moved',
      },
      text: JSON.stringify({
        type: 'message',
        content: [{ type: 'text', text: 'Bonjour' }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 4, output_tokens: 1 },
      }),
    });
    await pasteKey('llmb_k', ['claude']);
    await (await loader.getHarness(MatButtonToggleHarness.with({ text: /Anthropic/ }))).check();
    await (
      await loader.getHarness(
        MatSlideToggleHarness.with({ selector: '[data-testid=playground-stream]' }),
      )
    ).uncheck();
    await send('Hello');
    await settle();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/v1/messages');
    expect(init?.headers).toMatchObject({ 'anthropic-version': '2023-06-01' });
    expect(JSON.parse(String(init?.body))).toMatchObject({ model: 'claude', stream: false });
    expect(byTestId('answer').textContent).toBe('Bonjour');
    expect(byTestId('conversion-note').textContent).toContain('system prompt moved');
  });

  it('says when the key may not list models, and still lets the model be typed', async () => {
    const { loader, http, byTestId } = await setUp({ status: 200 });
    await (
      await loader.getHarness(MatInputHarness.with({ selector: '[data-testid=playground-key]' }))
    ).setValue('llmb_revoked');
    await new Promise((resolve) => setTimeout(resolve, 450));
    await settle();
    http
      .expectOne('/v1/models')
      .flush(
        { error: { message: 'Invalid API key', type: 'invalid_request_error' } },
        { status: 401, statusText: 'Unauthorized' },
      );
    await settle();
    expect(byTestId('models-error').textContent).toContain('Could not list models with this key.');
    expect(byTestId('models-error').textContent).toContain(
      'The key was refused (401): Invalid API key',
    );
    const model = await loader.getHarness(
      MatInputHarness.with({ selector: '[data-testid=playground-model]' }),
    );
    await model.setValue('typed-model');
    expect(await model.getValue()).toBe('typed-model');
  });

  it('asks for a message before sending', async () => {
    const { fetchMock, text, byTestId, pasteKey } = await setUp({ status: 200 });
    await pasteKey('llmb_k');
    byTestId('playground-send').click();
    await settle();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(text()).toContain('Write a message first');
  });
});
