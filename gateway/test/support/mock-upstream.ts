/**
 * @module mock-upstream
 * An in-repo upstream that speaks both the OpenAI Chat Completions and the Anthropic Messages API
 * faithfully enough for the gateway's tests, the console's e2e run and the benchmarks: the same
 * event grammar, usage fields, error bodies and headers as the real services.
 *
 * Behaviour follows the request (no test-only headers reach it through the gateway):
 * - text answer by default: "Hello from <model>: <last user text>", split into `deltaCount` deltas;
 * - a request with tools whose last message is the user's → a tool call to the first tool; when the
 *   user text says "in parallel", one call to each tool (unless parallel calls are turned off);
 * - Anthropic `thinking` / OpenAI `reasoning_effort` → a (signed) thinking / reasoning part first;
 * - a user text containing "中文" → a Chinese answer written in chunks that split UTF-8 characters;
 * - programmed failures (`failNext`) → status + a body in the upstream's own error format.
 *
 * Runs standalone (Node 24 strips the types): `node gateway/test/support/mock-upstream.ts --port 9999
 * --ttft-ms 0 --gap-ms 20 --deltas 64`; it prints `MOCK_UPSTREAM_URL=http://127.0.0.1:<port>`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockUpstreamOptions {
  /** Delay before the response headers / first event (ms). */
  ttftMs?: number;
  /** Delay between stream deltas (ms). */
  gapMs?: number;
  /** Number of text deltas in a streamed text answer. */
  deltaCount?: number;
  /** Fixed answer text (else derived from the request). */
  answerText?: string;
  /** Pad text answers to at least this many characters (so a stream has `deltaCount` deltas). */
  minAnswerChars?: number;
  /** Port to listen on (0 = any free port). */
  port?: number;
  /** OpenAI answers without `usage` (servers that ignore `stream_options.include_usage`). */
  omitUsage?: boolean;
  /** Answer every model call with an event stream, whatever `stream` says (some relays do). */
  alwaysStream?: boolean;
  /** Answer every model call with one JSON body, whatever `stream` says (some servers do). */
  neverStream?: boolean;
  /** The next this many Anthropic model calls stop with `pause_turn` (a paused server-tool turn). */
  pauseTurns?: number;
  /** `GET /v1/models/{id}` answers: Anthropic `ModelInfo` bodies by model id (others: 404). */
  modelInfo?: Record<string, unknown>;
  /**
   * Keep every request in `requests` (default). The standalone mock the benchmarks run keeps none,
   * so its heap, and with it its GC work on the cores it shares with the gateway, stays flat.
   */
  record?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Whether the client went away before the answer was complete. */
  aborted: boolean;
  /** What the mock answered (model calls only): the text and the usage it reported. */
  reply?: MockReply;
}

export interface MockReply {
  text: string;
  inputTokens: number;
  outputTokens: number;
  toolCalls: number;
}

export interface ProgrammedFailure {
  /** 0: drop the connection (before the headers, or mid-stream with `midStreamAfterEvents`). */
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Fail after this many stream events instead of before the headers. */
  midStreamAfterEvents?: number;
  /** Only a call whose body this accepts fails (others pass and leave the failure queued). */
  when?: (body: Record<string, unknown>) => boolean;
}

export interface MockUpstream {
  url: string;
  /** Every request but the `GET /v1/models/{id}` ones, in arrival order. */
  requests: RecordedRequest[];
  /** `GET /v1/models/{id}` requests (the gateway's background capability refresh). */
  modelInfoRequests: RecordedRequest[];
  options: MockUpstreamOptions;
  /** The next `count` model calls fail this way. */
  failNext(count: number, failure: ProgrammedFailure): void;
  /** Drops the programmed failures not used yet. */
  clearFailures(): void;
  /** Stop answering at all (connections hang) until `resume`. */
  hang(): void;
  resume(): void;
  /** Open sockets right now (for leak checks). */
  openConnections(): number;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

const sleep = (ms: number) =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

function lastUserText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as Json;
    if (message.role !== 'user') continue;
    if (typeof message.content === 'string') return message.content;
    if (Array.isArray(message.content)) {
      const texts = (message.content as Json[])
        .filter((part) => part.type === 'text')
        .map((part) => String(part.text));
      if (texts.length > 0) return texts.join(' ');
      return '';
    }
  }
  return '';
}

function lastMessageRole(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return undefined;
  const last = messages[messages.length - 1] as Json;
  if (last.role === 'user' && Array.isArray(last.content)) {
    if ((last.content as Json[]).every((part) => part.type === 'tool_result')) return 'tool';
  }
  return String(last.role);
}

function splitText(text: string, parts: number): string[] {
  const characters = Array.from(text);
  const count = Math.max(1, Math.min(parts, characters.length));
  const pieces: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((index * characters.length) / count);
    const end = Math.floor(((index + 1) * characters.length) / count);
    pieces.push(characters.slice(start, end).join(''));
  }
  return pieces;
}

function answerFor(body: Json, options: MockUpstreamOptions): string {
  if (options.answerText !== undefined) return options.answerText;
  const text = lastUserText(body.messages);
  if (text.includes('中文')) return '你好，世界！这是一个流式的中文回答，包含表情😀和标点。';
  const answer = `Hello from ${String(body.model)}: ${text}`.trim();
  const minimum = options.minAnswerChars ?? 0;
  return answer.length >= minimum
    ? answer
    : `${answer}${' and more'.repeat(Math.ceil((minimum - answer.length) / 9))}`;
}

function countTokensOf(value: unknown): number {
  return Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));
}

interface ToolDefinition {
  name: string;
}

function listTools(body: Json, format: 'openai' | 'anthropic'): ToolDefinition[] {
  if (!Array.isArray(body.tools)) return [];
  if (format === 'anthropic') {
    return (body.tools as Json[])
      .filter((candidate) => typeof candidate.name === 'string')
      .map((tool) => ({ name: String(tool.name) }));
  }
  return (body.tools as Json[])
    .filter((candidate) => candidate.type === 'function')
    .map((tool) => ({ name: String((tool.function as Json).name) }));
}

function allowsParallelCalls(body: Json, format: 'openai' | 'anthropic'): boolean {
  if (format === 'openai') return body.parallel_tool_calls !== false;
  return (body.tool_choice as Json | undefined)?.disable_parallel_tool_use !== true;
}

/** The tools the answer calls: none, the first, or (asked "in parallel") each of them. */
function chooseToolCalls(body: Json, format: 'openai' | 'anthropic'): ToolDefinition[] {
  const tools = listTools(body, format);
  if (tools.length === 0) return [];
  const choice = body.tool_choice as unknown;
  if (choice === 'none' || (choice as Json | undefined)?.type === 'none') return [];
  if (lastMessageRole(body.messages) !== 'user') return [];
  const parallel =
    lastUserText(body.messages).includes('in parallel') && allowsParallelCalls(body, format);
  return parallel ? tools : tools.slice(0, 1);
}

const cities = ['Paris', 'Tokyo', 'Lima', 'Oslo'];

/** The JSON arguments of the n-th call, cut into fragments the way providers stream them. */
function toolArgumentFragments(callIndex: number): string[] {
  const city = cities[callIndex % cities.length] ?? 'Paris';
  return ['{"city"', `: "${city.slice(0, 3)}`, `${city.slice(3)}", "unit": "c`, '"}'];
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
  const requests: RecordedRequest[] = [];
  const modelInfoRequests: RecordedRequest[] = [];
  const failures: ProgrammedFailure[] = [];
  let hanging = false;
  const hungResponses = new Set<http.ServerResponse>();
  let idCounter = 0;
  const nextId = (prefix: string) => `${prefix}${(++idCounter).toString(36).padStart(6, '0')}`;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const record: RecordedRequest = {
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        headers: request.headers,
        body,
        aborted: false,
      };
      if (options.record !== false) {
        // The gateway asks for model capabilities in the background, at a time of its choosing.
        const isModelInfo = record.method === 'GET' && /\/models\/[^/?]+(\?|$)/.test(record.path);
        (isModelInfo ? modelInfoRequests : requests).push(record);
      }
      response.on('close', () => {
        if (!response.writableFinished) record.aborted = true;
      });
      if (hanging) {
        hungResponses.add(response);
        return;
      }
      route(record, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'application/json' });
        }
        response.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
  });

  async function route(record: RecordedRequest, response: http.ServerResponse): Promise<void> {
    const path = record.path.split('?')[0] ?? '/';
    const body = (
      typeof record.body === 'object' && record.body !== null ? record.body : {}
    ) as Json;
    if (record.method === 'GET' && /\/models$/.test(path))
      return listModels(path, record, response);
    const modelId = record.method === 'GET' ? /\/models\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (modelId !== undefined) {
      const info = options.modelInfo?.[decodeURIComponent(modelId)];
      if (info !== undefined) return sendJson(response, 200, info);
      return sendJson(response, 404, {
        type: 'error',
        error: { type: 'not_found_error', message: `model: ${decodeURIComponent(modelId)}` },
      });
    }
    if (record.method === 'POST' && path.endsWith('/chat/completions'))
      return chatCompletions(body, response, record);
    if (record.method === 'POST' && path.endsWith('/messages/count_tokens')) {
      return sendJson(response, 200, {
        input_tokens: countTokensOf(body.messages) + countTokensOf(body.system),
      });
    }
    if (record.method === 'POST' && path.endsWith('/messages'))
      return messages(body, response, record);
    sendJson(response, 404, {
      error: { message: `mock upstream has no route ${record.method} ${path}` },
    });
  }

  function sendJson(
    response: http.ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ) {
    const text = JSON.stringify(value);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  }

  function listModels(path: string, record: RecordedRequest, response: http.ServerResponse) {
    const isAnthropic =
      record.headers['anthropic-version'] !== undefined ||
      record.headers['x-api-key'] !== undefined;
    if (isAnthropic) {
      return sendJson(response, 200, {
        data: [
          {
            type: 'model',
            id: 'claude-sonnet-4-5',
            display_name: 'Claude Sonnet 4.5',
            created_at: '2025-09-29T00:00:00Z',
          },
          {
            type: 'model',
            id: 'claude-haiku-4-5',
            display_name: 'Claude Haiku 4.5',
            created_at: '2025-10-01T00:00:00Z',
          },
        ],
        has_more: false,
        first_id: 'claude-sonnet-4-5',
        last_id: 'claude-haiku-4-5',
      });
    }
    void path;
    return sendJson(response, 200, {
      object: 'list',
      data: [
        { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
        { id: 'gpt-4.1', object: 'model', created: 1744316542, owned_by: 'system' },
      ],
    });
  }

  function takeFailure(body: Json): ProgrammedFailure | undefined {
    const next = failures[0];
    if (next?.when && !next.when(body)) return undefined;
    return failures.shift();
  }

  async function writeEvent(
    response: http.ServerResponse,
    text: string,
    splitUtf8: boolean,
  ): Promise<boolean> {
    if (response.destroyed) return false;
    if (!splitUtf8) {
      response.write(text);
      return true;
    }
    // Write the bytes in two pieces cut inside a multi-byte character when there is one.
    const bytes = Buffer.from(text, 'utf8');
    let cut = bytes.findIndex((byte) => byte >= 0xc0);
    cut = cut > 0 ? cut + 1 : Math.floor(bytes.length / 2);
    response.write(bytes.subarray(0, cut));
    await sleep(1);
    if (response.destroyed) return false;
    response.write(bytes.subarray(cut));
    return true;
  }

  async function chatCompletions(
    body: Json,
    response: http.ServerResponse,
    record: RecordedRequest,
  ) {
    const failure = takeFailure(body);
    await sleep(options.ttftMs ?? 0);
    if (failure && failure.midStreamAfterEvents === undefined) {
      if (failure.status === 0) return void response.socket?.destroy();
      return sendJson(
        response,
        failure.status,
        failure.body ?? {
          error: { message: 'mock failure', type: 'server_error', param: null, code: null },
        },
        failure.headers,
      );
    }
    const model = String(body.model);
    const id = nextId('chatcmpl-');
    const created = 1767225600;
    const text = answerFor(body, options);
    const tools = chooseToolCalls(body, 'openai');
    const tool = tools[0];
    const reasoning =
      body.reasoning_effort !== undefined && body.reasoning_effort !== 'none'
        ? 'Let me think about it.'
        : undefined;
    const promptTokens = countTokensOf(body.messages);
    const completionTokens = tool ? 12 * tools.length : Math.max(1, Math.ceil(text.length / 4));
    record.reply = {
      text: tool ? '' : text,
      inputTokens: promptTokens,
      outputTokens: completionTokens,
      toolCalls: tools.length,
    };
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reasoning ? 5 : 0 },
    };
    if ((body.stream !== true || options.neverStream) && !options.alwaysStream) {
      const message: Json = { role: 'assistant', content: tool ? null : text, refusal: null };
      if (reasoning) message.reasoning_content = reasoning;
      if (tool) {
        message.tool_calls = tools.map((call, callIndex) => ({
          id: nextId('call_'),
          type: 'function',
          function: { name: call.name, arguments: toolArgumentFragments(callIndex).join('') },
        }));
      }
      return sendJson(response, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          { index: 0, message, logprobs: null, finish_reason: tool ? 'tool_calls' : 'stop' },
        ],
        ...(options.omitUsage ? {} : { usage }),
      });
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    const includeUsage =
      (body.stream_options as Json | undefined)?.include_usage === true && !options.omitUsage;
    const chunk = (delta: Json, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(includeUsage ? { usage: null } : {}) })}\n\n`;
    const splitUtf8 = /[^ -~\s]/.test(text);
    let events = 0;
    const send = async (payload: string) => {
      if (failure?.midStreamAfterEvents !== undefined && events >= failure.midStreamAfterEvents)
        return false;
      events += 1;
      return writeEvent(response, payload, splitUtf8);
    };
    if (!(await send(chunk({ role: 'assistant', content: '' }))))
      return endMidStream(response, failure, 'openai');
    if (reasoning) {
      for (const piece of splitText(reasoning, 3)) {
        await sleep(options.gapMs ?? 0);
        if (!(await send(chunk({ reasoning_content: piece }))))
          return endMidStream(response, failure, 'openai');
      }
    }
    for (const [callIndex, call] of tools.entries()) {
      await sleep(options.gapMs ?? 0);
      const opening = {
        index: callIndex,
        id: nextId('call_'),
        type: 'function',
        function: { name: call.name, arguments: '' },
      };
      if (!(await send(chunk({ tool_calls: [opening] }))))
        return endMidStream(response, failure, 'openai');
      for (const fragment of toolArgumentFragments(callIndex)) {
        await sleep(options.gapMs ?? 0);
        const delta = { tool_calls: [{ index: callIndex, function: { arguments: fragment } }] };
        if (!(await send(chunk(delta)))) return endMidStream(response, failure, 'openai');
      }
    }
    if (!tool) {
      for (const piece of splitText(text, options.deltaCount ?? 4)) {
        await sleep(options.gapMs ?? 0);
        if (!(await send(chunk({ content: piece }))))
          return endMidStream(response, failure, 'openai');
      }
    }
    if (!(await send(chunk({}, tool ? 'tool_calls' : 'stop'))))
      return endMidStream(response, failure, 'openai');
    if (includeUsage) {
      if (
        !(await send(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`,
        ))
      )
        return endMidStream(response, failure, 'openai');
    }
    if (!(await send('data: [DONE]\n\n'))) return endMidStream(response, failure, 'openai');
    response.end();
  }

  function endMidStream(
    response: http.ServerResponse,
    failure: ProgrammedFailure | undefined,
    format: 'openai' | 'anthropic',
  ) {
    if (response.destroyed) return;
    if (failure?.status === 0) {
      // A dropped connection: what was written still arrives, then the socket closes mid-body.
      response.socket?.end();
      return;
    }
    if (format === 'anthropic') {
      const error = (failure?.body as Json | undefined)?.error ?? {
        type: 'overloaded_error',
        message: 'Overloaded',
      };
      response.end(`event: error\ndata: ${JSON.stringify({ type: 'error', error })}\n\n`);
    } else {
      const error = (failure?.body as Json | undefined)?.error ?? {
        message: 'The server had an error',
        type: 'server_error',
        param: null,
        code: null,
      };
      response.end(`data: ${JSON.stringify({ error })}\n\n`);
    }
  }

  async function messages(body: Json, response: http.ServerResponse, record: RecordedRequest) {
    const failure = takeFailure(body);
    await sleep(options.ttftMs ?? 0);
    if (failure && failure.midStreamAfterEvents === undefined) {
      if (failure.status === 0) return void response.socket?.destroy();
      return sendJson(
        response,
        failure.status,
        failure.body ?? {
          type: 'error',
          error: { type: 'api_error', message: 'mock failure' },
          request_id: 'req_mock',
        },
        { 'request-id': 'req_mock', ...failure.headers },
      );
    }
    const model = String(body.model);
    const id = nextId('msg_');
    const text = answerFor(body, options);
    const tools = chooseToolCalls(body, 'anthropic');
    const tool = tools[0];
    const thinking =
      (body.thinking as Json | undefined)?.type === 'enabled' ||
      (body.thinking as Json | undefined)?.type === 'adaptive'
        ? 'Let me think about it.'
        : undefined;
    const signature = 'c2lnbmF0dXJlLW1vY2s=';
    const inputTokens = countTokensOf(body.messages) + countTokensOf(body.system);
    const outputTokens = tool ? 12 * tools.length : Math.max(1, Math.ceil(text.length / 4));
    const toolIds = tools.map(() => nextId('toolu_'));
    const paused = !tool && (options.pauseTurns ?? 0) > 0;
    if (paused) options.pauseTurns = (options.pauseTurns ?? 0) - 1;
    const stopReason = tool ? 'tool_use' : paused ? 'pause_turn' : 'end_turn';
    record.reply = { text: tool ? '' : text, inputTokens, outputTokens, toolCalls: tools.length };
    if ((body.stream !== true || options.neverStream) && !options.alwaysStream) {
      const content: Json[] = [];
      if (thinking) content.push({ type: 'thinking', thinking, signature });
      for (const [callIndex, call] of tools.entries()) {
        content.push({
          type: 'tool_use',
          id: toolIds[callIndex],
          name: call.name,
          input: JSON.parse(toolArgumentFragments(callIndex).join('')),
        });
      }
      if (!tool) content.push({ type: 'text', text });
      return sendJson(
        response,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: stopReason,
          stop_sequence: null,
          usage: {
            input_tokens: inputTokens,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            output_tokens: outputTokens,
          },
        },
        { 'request-id': `req_${id}` },
      );
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'request-id': `req_${id}`,
    });
    const event = (name: string, data: Json) =>
      `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    const splitUtf8 = /[^ -~\s]/.test(text);
    let events = 0;
    const send = async (payload: string) => {
      if (failure?.midStreamAfterEvents !== undefined && events >= failure.midStreamAfterEvents)
        return false;
      events += 1;
      return writeEvent(response, payload, splitUtf8);
    };
    const start = event('message_start', {
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
        },
      },
    });
    if (!(await send(start))) return endMidStream(response, failure, 'anthropic');
    if (!(await send(event('ping', {})))) return endMidStream(response, failure, 'anthropic');
    let index = 0;
    if (thinking) {
      await send(
        event('content_block_start', {
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        }),
      );
      for (const piece of splitText(thinking, 3)) {
        await sleep(options.gapMs ?? 0);
        if (
          !(await send(
            event('content_block_delta', {
              index,
              delta: { type: 'thinking_delta', thinking: piece },
            }),
          ))
        )
          return endMidStream(response, failure, 'anthropic');
      }
      await send(
        event('content_block_delta', { index, delta: { type: 'signature_delta', signature } }),
      );
      await send(event('content_block_stop', { index }));
      index += 1;
    }
    for (const [callIndex, call] of tools.entries()) {
      const opening = { type: 'tool_use', id: toolIds[callIndex], name: call.name, input: {} };
      if (!(await send(event('content_block_start', { index, content_block: opening }))))
        return endMidStream(response, failure, 'anthropic');
      for (const fragment of ['', ...toolArgumentFragments(callIndex)]) {
        await sleep(options.gapMs ?? 0);
        const delta = { type: 'input_json_delta', partial_json: fragment };
        if (!(await send(event('content_block_delta', { index, delta }))))
          return endMidStream(response, failure, 'anthropic');
      }
      if (!(await send(event('content_block_stop', { index }))))
        return endMidStream(response, failure, 'anthropic');
      index += 1;
    }
    if (!tool) {
      if (
        !(await send(
          event('content_block_start', { index, content_block: { type: 'text', text: '' } }),
        ))
      )
        return endMidStream(response, failure, 'anthropic');
      for (const piece of splitText(text, options.deltaCount ?? 4)) {
        await sleep(options.gapMs ?? 0);
        if (
          !(await send(
            event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }),
          ))
        )
          return endMidStream(response, failure, 'anthropic');
      }
      if (!(await send(event('content_block_stop', { index }))))
        return endMidStream(response, failure, 'anthropic');
    }
    if (
      !(await send(
        event('message_delta', {
          delta: { stop_reason: stopReason, stop_sequence: null },
          usage: { output_tokens: outputTokens },
        }),
      ))
    )
      return endMidStream(response, failure, 'anthropic');
    if (!(await send(event('message_stop', {}))))
      return endMidStream(response, failure, 'anthropic');
    response.end();
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, '127.0.0.1', 4096, resolve),
  );
  const port = (server.address() as AddressInfo).port;
  let connections = 0;
  server.on('connection', (socket) => {
    connections += 1;
    socket.on('close', () => {
      connections -= 1;
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    modelInfoRequests,
    options,
    failNext(count, failure) {
      for (let index = 0; index < count; index += 1) failures.push(failure);
    },
    clearFailures() {
      failures.length = 0;
    },
    hang() {
      hanging = true;
    },
    resume() {
      hanging = false;
      for (const response of hungResponses) response.destroy();
      hungResponses.clear();
    },
    openConnections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hungResponses) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

if (process.argv[1] && /mock-upstream\.(ts|js)$/.test(process.argv[1])) {
  void startMockUpstream({
    port: readFlag('port', 0),
    ttftMs: readFlag('ttft-ms', 0),
    gapMs: readFlag('gap-ms', 0),
    deltaCount: readFlag('deltas', 4),
    minAnswerChars: readFlag('answer-chars', 0),
    record: false,
  }).then((mock) => process.stdout.write(`MOCK_UPSTREAM_URL=${mock.url}\n`));
}
