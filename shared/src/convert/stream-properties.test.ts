/**
 * Property-based tests (fast-check) of both stream converters over generated upstream streams:
 * - the caller's bytes are identical for every way of splitting the upstream bytes;
 * - the Anthropic output keeps the §4.5 invariants: one `message_start` first, block indices
 *   0, 1, 2… in order, each block started and stopped exactly once before the next starts, no delta
 *   after its stop and of its block's type, and on success one `message_stop`, last;
 * - the OpenAI output keeps the §4.3 grammar: one id/created, role chunk first, tool-call indices
 *   0, 1, 2… with `id`+`name` on each call's first fragment, finish chunk, `[DONE]` last;
 * - nothing is lost: text, reasoning and each tool call's arguments arrive complete.
 */
import fc from 'fast-check';
import { createSseDecoder } from '../sse/decode-sse';
import { formatSseFrames } from '../sse/format-sse';
import { createAnthropicToOpenAIStreamConverter } from './anthropic-to-openai/message-stream';
import { createOpenAIToAnthropicStreamConverter } from './openai-to-anthropic/chat-stream';
import type { StreamConverter } from './types';
import { createFixtureContext } from './__fixtures__/fixture-files';

const encoder = new TextEncoder();
const textPiece = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
const lineEnding = fc.constantFrom('\n', '\r\n');

function convert(
  createConverter: () => StreamConverter,
  wire: string,
  cuts: readonly number[],
): string {
  const bytes = encoder.encode(wire);
  const decoder = createSseDecoder({ includeComments: true });
  const converter = createConverter();
  let output = '';
  let start = 0;
  for (const cut of [...cuts.map((cut) => cut % (bytes.length + 1))].sort((a, b) => a - b)) {
    for (const frame of decoder.push(bytes.subarray(start, cut))) {
      output += formatSseFrames(converter.push(frame));
    }
    start = cut;
  }
  for (const frame of decoder.push(bytes.subarray(start))) {
    output += formatSseFrames(converter.push(frame));
  }
  for (const frame of decoder.finish()) output += formatSseFrames(converter.push(frame));
  return output + formatSseFrames(converter.finish());
}

function parseFrames(wire: string): { event?: string; data: string }[] {
  const decoder = createSseDecoder();
  return [...decoder.push(wire), ...decoder.finish()];
}

// ---------------------------------------------------------------- OpenAI upstream → Anthropic

interface OpenAIStreamSpec {
  texts: { kind: 'reasoning' | 'content'; text: string }[];
  /** Each call's whole arguments (valid JSON, or empty) and where they are cut into fragments. */
  calls: { json: string; cuts: number[] }[];
  /** Which source (0 = texts, k + 1 = call k) supplies the next chunk; the rest follow in order. */
  schedule: number[];
  ending: 'usage-and-done' | 'done-only' | 'finish-then-eof' | 'eof';
  newline: string;
}

const openAIStream: fc.Arbitrary<OpenAIStreamSpec> = fc.record({
  texts: fc.array(
    fc.record({ kind: fc.constantFrom('reasoning' as const, 'content' as const), text: textPiece }),
    { maxLength: 5 },
  ),
  calls: fc.array(
    fc.record({
      json: fc.constantFrom('{"a":1}', '{"q":"x}y\\"","n":[1,{"z":2}]}', '{}', ''),
      cuts: fc.array(fc.nat({ max: 30 }), { maxLength: 4 }),
    }),
    { maxLength: 3 },
  ),
  schedule: fc.array(fc.nat({ max: 3 }), { maxLength: 20 }),
  ending: fc.constantFrom('usage-and-done', 'done-only', 'finish-then-eof', 'eof'),
  newline: lineEnding,
});

function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const fragments: string[] = [];
  let start = 0;
  for (const point of [...points, text.length]) {
    fragments.push(text.slice(start, point));
    start = point;
  }
  return fragments;
}

/**
 * A well-formed OpenAI stream: calls start in index order with `id` and `name`, but their argument
 * fragments (and text) may interleave arbitrarily, as some compatible servers do.
 */
function writeOpenAIStream(stream: OpenAIStreamSpec) {
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let wire = chunk({ role: 'assistant', content: '' });
  const text = { reasoning: '', content: '' };
  const queues: (() => string)[][] = [
    stream.texts.map((piece) => () => {
      text[piece.kind] += piece.text;
      return chunk({ [piece.kind === 'reasoning' ? 'reasoning_content' : 'content']: piece.text });
    }),
  ];
  stream.calls.forEach((call, index) => {
    const start = () =>
      chunk({
        tool_calls: [
          {
            index,
            id: `call_${index}`,
            type: 'function',
            function: { name: `f${index}`, arguments: '' },
          },
        ],
      });
    const fragments = splitAt(call.json, call.cuts).map(
      (fragment) => () => chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }),
    );
    queues.push([start, ...fragments]);
  });
  let started = 0;
  const take = (source: number) => {
    const call = source - 1;
    if (call >= started) source = started++ + 1;
    wire += queues[source]!.shift()!();
  };
  for (const pick of stream.schedule) {
    const source = pick % queues.length;
    if (queues[source]!.length > 0) take(source);
  }
  for (let source = 0; source < queues.length; source++) {
    while (queues[source]!.length > 0) take(source);
  }
  const toolArguments = stream.calls.map((call) => call.json);
  const hasCalls = toolArguments.length > 0;
  if (stream.ending !== 'eof') wire += chunk({}, hasCalls ? 'tool_calls' : 'stop');
  if (stream.ending === 'usage-and-done') {
    wire += `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } })}\n\n`;
  }
  if (stream.ending === 'usage-and-done' || stream.ending === 'done-only')
    wire += 'data: [DONE]\n\n';
  return { wire: wire.replace(/\n/g, stream.newline), text, toolArguments };
}

interface WireEvent {
  type: string;
  index?: number;
  content_block?: { type: string };
  delta?: { type: string; text?: string; thinking?: string; partial_json?: string };
}

function checkAnthropicInvariants(output: string, expectSuccess: boolean) {
  const events = parseFrames(output).map((frame) => JSON.parse(frame.data) as WireEvent);
  const types = events.map((event) => event.type);
  expect(types.filter((type) => type === 'message_start')).toHaveLength(1);
  expect(types[0]).toBe('message_start');
  const blockTypes: string[] = [];
  let open: number | undefined;
  const text = { text: '', thinking: '' };
  const toolInputs: string[] = [];
  for (const event of events) {
    const index = event.index ?? -1;
    if (event.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(index).toBe(blockTypes.length);
      blockTypes.push(event.content_block?.type ?? '');
      if (blockTypes[index] === 'tool_use') toolInputs.push('');
      open = index;
    } else if (event.type === 'content_block_delta') {
      expect(index).toBe(open);
      const delta = event.delta ?? { type: '' };
      const expected = {
        text_delta: 'text',
        thinking_delta: 'thinking',
        input_json_delta: 'tool_use',
      }[delta.type];
      expect(blockTypes[index]).toBe(expected);
      if (delta.type === 'text_delta') text.text += delta.text ?? '';
      if (delta.type === 'thinking_delta') text.thinking += delta.thinking ?? '';
      if (delta.type === 'input_json_delta') {
        toolInputs.push(`${toolInputs.pop() ?? ''}${delta.partial_json ?? ''}`);
      }
    } else if (event.type === 'content_block_stop') {
      expect(index).toBe(open);
      open = undefined;
    }
  }
  if (expectSuccess) {
    expect(open).toBeUndefined();
    expect(types.filter((type) => type === 'message_delta')).toHaveLength(1);
    expect(types.at(-1)).toBe('message_stop');
    expect(types.at(-2)).toBe('message_delta');
  } else {
    expect(types).not.toContain('message_stop');
    expect(types.at(-1)).toBe('error');
  }
  return { text, toolInputs };
}

describe('OpenAI → Anthropic stream converter (property)', () => {
  it('gives the same bytes for any split, keeps the §4.5 invariants and loses nothing', () => {
    fc.assert(
      fc.property(openAIStream, fc.array(fc.nat(), { maxLength: 6 }), (stream, cuts) => {
        const { wire, text, toolArguments } = writeOpenAIStream(stream);
        const create = () =>
          createOpenAIToAnthropicStreamConverter({ clientModel: 'm' }, createFixtureContext());
        const whole = convert(create, wire, []);
        expect(convert(create, wire, cuts)).toBe(whole);
        const seen = checkAnthropicInvariants(whole, stream.ending !== 'eof');
        if (stream.ending !== 'eof') {
          expect(seen.text).toEqual({ text: text.content, thinking: text.reasoning });
          expect(seen.toolInputs).toEqual(toolArguments);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------- Anthropic upstream → OpenAI

type AnthropicBlock =
  { kind: 'text' | 'thinking'; pieces: string[] } | { kind: 'tool'; fragments: string[] };

const anthropicBlock: fc.Arbitrary<AnthropicBlock> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('text' as const, 'thinking' as const),
    pieces: fc.array(textPiece, { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('tool' as const),
    fragments: fc.array(fc.constantFrom('', '{"q":', '"x"', '}'), { maxLength: 4 }),
  }),
);

interface AnthropicStreamSpec {
  blocks: AnthropicBlock[];
  pings: boolean;
  ending: 'stop' | 'delta-then-eof' | 'eof' | 'error';
  newline: string;
}

const anthropicStream: fc.Arbitrary<AnthropicStreamSpec> = fc.record({
  blocks: fc.array(anthropicBlock, { maxLength: 6 }),
  pings: fc.boolean(),
  ending: fc.constantFrom('stop', 'delta-then-eof', 'eof', 'error'),
  newline: lineEnding,
});

function writeAnthropicStream(stream: AnthropicStreamSpec) {
  const event = (type: string, body: object = {}) =>
    `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n` +
    (stream.pings ? 'event: ping\ndata: {"type":"ping"}\n\n' : '');
  let wire = event('message_start', {
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 1 },
    },
  });
  const text = { content: '', reasoning: '' };
  const toolArguments: string[] = [];
  stream.blocks.forEach((block, index) => {
    if (block.kind === 'tool') {
      wire += event('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: `toolu_${index}`, name: 't', input: {} },
      });
      for (const fragment of block.fragments) {
        wire += event('content_block_delta', {
          index,
          delta: { type: 'input_json_delta', partial_json: fragment },
        });
      }
      const joined = block.fragments.join('');
      toolArguments.push(joined === '' ? '{}' : joined);
    } else {
      const isText = block.kind === 'text';
      wire += event('content_block_start', {
        index,
        content_block: isText
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' },
      });
      for (const piece of block.pieces) {
        wire += event('content_block_delta', {
          index,
          delta: isText
            ? { type: 'text_delta', text: piece }
            : { type: 'thinking_delta', thinking: piece },
        });
        text[isText ? 'content' : 'reasoning'] += piece;
      }
    }
    wire += event('content_block_stop', { index });
  });
  if (stream.ending === 'error')
    wire += event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });
  if (stream.ending === 'stop' || stream.ending === 'delta-then-eof') {
    wire += event('message_delta', {
      delta: {
        stop_reason: toolArguments.length > 0 ? 'tool_use' : 'end_turn',
        stop_sequence: null,
      },
      usage: { output_tokens: 9 },
    });
  }
  if (stream.ending === 'stop') wire += event('message_stop');
  return { wire: wire.replace(/\n/g, stream.newline), text, toolArguments };
}

function checkOpenAIGrammar(output: string, expectSuccess: boolean) {
  const frames = parseFrames(output);
  const chunks = frames
    .filter((frame) => frame.data !== '[DONE]')
    .map((frame) => JSON.parse(frame.data));
  const deltas = chunks.filter((chunk) => chunk.choices?.length).map((chunk) => chunk.choices[0]);
  expect(deltas[0].delta).toEqual({ role: 'assistant', content: '' });
  expect(
    new Set(chunks.filter((chunk) => chunk.id).map((chunk) => `${chunk.id}/${chunk.created}`)).size,
  ).toBe(1);
  const text = { content: '', reasoning: '' };
  const toolArguments: string[] = [];
  for (const { delta } of deltas) {
    text.content += delta.content ?? '';
    text.reasoning += delta.reasoning_content ?? '';
    for (const call of delta.tool_calls ?? []) {
      if (call.index === toolArguments.length) {
        expect(call.id).toEqual(expect.any(String));
        expect(call.function.name).toEqual(expect.any(String));
        toolArguments.push('');
      }
      expect(call.index).toBeLessThan(toolArguments.length);
      toolArguments[call.index] += call.function.arguments;
    }
  }
  if (expectSuccess) {
    expect(frames.at(-1)?.data).toBe('[DONE]');
    expect(deltas.at(-1).finish_reason).toEqual(expect.any(String));
  } else {
    expect(frames.map((frame) => frame.data)).not.toContain('[DONE]');
    expect(chunks.at(-1).error).toEqual(expect.objectContaining({ type: expect.any(String) }));
  }
  return { text, toolArguments };
}

describe('Anthropic → OpenAI stream converter (property)', () => {
  it('gives the same bytes for any split, keeps the §4.3 grammar and loses nothing', () => {
    fc.assert(
      fc.property(anthropicStream, fc.array(fc.nat(), { maxLength: 6 }), (stream, cuts) => {
        const { wire, text, toolArguments } = writeAnthropicStream(stream);
        const create = () =>
          createAnthropicToOpenAIStreamConverter(
            { clientModel: 'm', includeUsage: true },
            createFixtureContext(),
          );
        const whole = convert(create, wire, []);
        expect(convert(create, wire, cuts)).toBe(whole);
        const isSuccess = stream.ending === 'stop' || stream.ending === 'delta-then-eof';
        const seen = checkOpenAIGrammar(whole, isSuccess);
        expect(seen.text).toEqual(text);
        expect(seen.toolArguments).toEqual(toolArguments);
      }),
      { numRuns: 300 },
    );
  });
});
