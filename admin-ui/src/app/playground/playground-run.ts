import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import { PROXY_BASE_URL } from '../core/api-base-url';
import { TranslatedMessage } from '../core/http/describe-api-error';
import {
  AnswerState,
  EMPTY_ANSWER,
  applyStreamEvent,
  readCompleteAnswer,
  readErrorAnswer,
} from './answer-state';
import {
  ChatRequestOptions,
  buildChatHeaders,
  buildChatRequestBody,
  maskKey,
  selectEndpoint,
} from './chat-request';
import { parseConversionNotesHeader } from './conversion-notes';
import { parseJson } from './json-fields';
import { readServerSentEvents } from './read-sse';

/** `fetch`, injectable so tests can answer with hand-made streams. */
export const FETCH = new InjectionToken<typeof fetch>('FETCH', {
  providedIn: 'root',
  factory: () => globalThis.fetch.bind(globalThis),
});

/** A monotonic clock in milliseconds. */
export const MONOTONIC_CLOCK = new InjectionToken<() => number>('MONOTONIC_CLOCK', {
  providedIn: 'root',
  factory: () => () => performance.now(),
});

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'aborted';

export interface RunState {
  readonly status: RunStatus;
  readonly answer: AnswerState;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  /** From sending the request to the first answer text (or reasoning). */
  readonly ttftMs: number | null;
  readonly totalMs: number | null;
  readonly conversionNotes: readonly string[];
  readonly rawRequest: string;
  readonly rawResponse: string;
  readonly failure: TranslatedMessage | null;
}

export const IDLE_RUN: RunState = {
  status: 'idle',
  answer: EMPTY_ANSWER,
  httpStatus: null,
  requestId: null,
  ttftMs: null,
  totalMs: null,
  conversionNotes: [],
  rawRequest: '',
  rawResponse: '',
  failure: null,
};

const rawResponseLimit = 256 * 1024;
const shownHeaders = ['content-type', 'x-request-id', 'x-llmfb-conversion-notes', 'retry-after'];

/** Sends one playground request through the proxy and keeps its state as a signal. */
@Injectable()
export class PlaygroundRun {
  private readonly fetch = inject(FETCH);
  private readonly now = inject(MONOTONIC_CLOCK);
  private readonly proxyBaseUrl = inject(PROXY_BASE_URL);
  private readonly current = signal<RunState>(IDLE_RUN);
  private controller: AbortController | null = null;

  readonly state = this.current.asReadonly();

  async start(key: string, options: ChatRequestOptions): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const url = `${this.proxyBaseUrl}${selectEndpoint(options.format)}`;
    const headers = buildChatHeaders(options.format, key);
    const body = buildChatRequestBody(options);
    this.current.set({
      ...IDLE_RUN,
      status: 'running',
      rawRequest: describeRequest(
        url,
        { ...headers, authorization: `Bearer ${maskKey(key)}` },
        body,
      ),
    });
    const startedAt = this.now();
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: 'omit',
      });
      this.patch({
        httpStatus: response.status,
        requestId: response.headers.get('x-request-id'),
        conversionNotes: parseConversionNotesHeader(
          response.headers.get('x-llmfb-conversion-notes'),
        ),
        rawResponse: describeResponseHead(response),
      });
      const isEventStream = (response.headers.get('content-type') ?? '').includes(
        'text/event-stream',
      );
      if (!response.ok) await this.readFailure(response);
      else if (isEventStream && response.body)
        await this.readStream(response.body, options, startedAt);
      else await this.readWhole(response, options, startedAt);
      this.finish(startedAt);
    } catch (error: unknown) {
      if (controller.signal.aborted) {
        this.patch({ status: 'aborted', totalMs: this.now() - startedAt });
        return;
      }
      this.patch({
        status: 'failed',
        totalMs: this.now() - startedAt,
        failure: {
          key: 'playground.networkError',
          params: { detail: error instanceof Error ? error.message : String(error) },
        },
      });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  stop(): void {
    this.controller?.abort();
  }

  private async readStream(
    body: ReadableStream<Uint8Array>,
    options: ChatRequestOptions,
    startedAt: number,
  ): Promise<void> {
    await readServerSentEvents(body, {
      onChunk: (text) => this.appendRaw(text),
      onEvent: (event) => {
        const before = this.current();
        const answer = applyStreamEvent(options.format, before.answer, event.data);
        if (answer === before.answer) return;
        const isFirstToken =
          before.ttftMs === null && (answer.text !== '' || answer.reasoning !== '');
        this.patch({ answer, ...(isFirstToken ? { ttftMs: this.now() - startedAt } : {}) });
      },
    });
  }

  private async readWhole(
    response: Response,
    options: ChatRequestOptions,
    startedAt: number,
  ): Promise<void> {
    const text = await response.text();
    this.appendRaw(text);
    const answer = readCompleteAnswer(options.format, parseJson(text));
    this.patch({ answer, ttftMs: this.now() - startedAt });
  }

  private async readFailure(response: Response): Promise<void> {
    const text = await response.text();
    this.appendRaw(text);
    const detail = readErrorAnswer(text);
    this.patch({
      failure: {
        key: response.status === 401 ? 'playground.unauthorized' : 'playground.httpError',
        params: { status: response.status, detail },
      },
    });
  }

  private finish(startedAt: number): void {
    const state = this.current();
    const failed = state.failure !== null || state.answer.error !== null;
    this.patch({ status: failed ? 'failed' : 'done', totalMs: this.now() - startedAt });
  }

  private appendRaw(text: string): void {
    const raw = this.current().rawResponse;
    if (raw.length >= rawResponseLimit) return;
    this.patch({ rawResponse: (raw + text).slice(0, rawResponseLimit) });
  }

  private patch(changes: Partial<RunState>): void {
    this.current.update((state) => ({ ...state, ...changes }));
  }
}

function describeRequest(url: string, headers: Record<string, string>, body: unknown): string {
  const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`POST ${url}`, ...headerLines, '', JSON.stringify(body, null, 2)].join('\n');
}

function describeResponseHead(response: Response): string {
  const headerLines = shownHeaders
    .map((name) => [name, response.headers.get(name)] as const)
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}: ${value}`);
  return [`HTTP ${response.status} ${response.statusText}`.trim(), ...headerLines, '', ''].join(
    '\n',
  );
}
