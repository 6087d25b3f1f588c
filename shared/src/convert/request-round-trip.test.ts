/**
 * Property: an OpenAI request converted to Anthropic (§1) and back to OpenAI (§2) keeps what the
 * model sees — roles (after §1.3 merging), texts, tool names, tool-call ids (sanitised, §1.5) and
 * parsed arguments, with tool results in the order of their calls (§1.3 step 4).
 */
import fc from 'fast-check';
import type { OpenAIChatMessage, OpenAIToolCall } from '../openai/chat-message';
import type { OpenAIChatRequest, OpenAITool } from '../openai/chat-request';
import { convertMessagesRequestToChatRequest } from './anthropic-to-openai/convert-messages-request';
import { convertChatRequestToMessagesRequest } from './openai-to-anthropic/convert-chat-request';
import { sanitizeToolCallId } from './tool-names';

const TOOL_NAMES = ['get_weather', 'search', 'run_code'] as const;
const context = { now: () => 0, generateId: (prefix: string) => `${prefix}1` };

const text = fc.string({ minLength: 1, maxLength: 30 }).filter((value) => value.trim().length > 0);
const argumentsObject = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,8}$/),
  fc.jsonValue({ maxDepth: 2 }),
  {
    maxKeys: 4,
  },
);

interface GeneratedCall {
  readonly name: (typeof TOOL_NAMES)[number];
  readonly arguments: Record<string, unknown>;
  readonly result: string;
}

type Exchange =
  | { readonly kind: 'text'; readonly answer: string; readonly followUp: string }
  | {
      readonly kind: 'tools';
      readonly preamble: string | undefined;
      readonly calls: readonly GeneratedCall[];
      /** Permutation keys: results are sent sorted by these, i.e. in a random order. */
      readonly resultOrder: readonly number[];
      readonly followUp: string | undefined;
    };

const exchange: fc.Arbitrary<Exchange> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), answer: text, followUp: text }),
  fc
    .array(
      fc.record({ name: fc.constantFrom(...TOOL_NAMES), arguments: argumentsObject, result: text }),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .chain((calls) =>
      fc.record({
        kind: fc.constant('tools' as const),
        preamble: fc.option(text, { nil: undefined }),
        calls: fc.constant(calls),
        resultOrder: fc.array(fc.nat(), { minLength: calls.length, maxLength: calls.length }),
        followUp: fc.option(text, { nil: undefined }),
      }),
    ),
);

const conversation = fc.record({
  system: fc.option(text, { nil: undefined }),
  first: text,
  exchanges: fc.array(exchange, { maxLength: 4 }),
  ids: fc.uniqueArray(fc.stringMatching(/^[a-zA-Z0-9_.:-]{1,16}$/), {
    minLength: 12,
    maxLength: 12,
    selector: sanitizeToolCallId,
  }),
});

type Conversation = typeof conversation extends fc.Arbitrary<infer T> ? T : never;

/** The OpenAI request, and the messages expected back after the round trip. */
function buildCase(generated: Conversation): { request: OpenAIChatRequest; expected: unknown[] } {
  const messages: OpenAIChatMessage[] = [];
  const expected: unknown[] = [];
  if (generated.system !== undefined) {
    messages.push({ role: 'system', content: generated.system });
    expected.push({ role: 'system', content: generated.system });
  }
  messages.push({ role: 'user', content: generated.first });
  expected.push({ role: 'user', content: generated.first });
  let nextId = 0;
  for (const step of generated.exchanges) {
    if (step.kind === 'text') {
      messages.push(
        { role: 'assistant', content: step.answer },
        { role: 'user', content: step.followUp },
      );
      expected.push(
        { role: 'assistant', content: step.answer },
        { role: 'user', content: step.followUp },
      );
      continue;
    }
    const calls = step.calls.map((call) => ({ ...call, id: generated.ids[nextId++] ?? 'unused' }));
    const toolCalls: OpenAIToolCall[] = calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: JSON.stringify(call.arguments) },
    }));
    messages.push({ role: 'assistant', content: step.preamble ?? null, tool_calls: toolCalls });
    expected.push({
      role: 'assistant',
      content: step.preamble ?? null,
      tool_calls: calls.map((call) => ({
        id: sanitizeToolCallId(call.id),
        name: call.name,
        // What the caller's JSON text parses to (e.g. -0 is written as 0).
        arguments: JSON.parse(JSON.stringify(call.arguments)) as unknown,
      })),
    });
    const shuffled = calls
      .map((call, index) => ({ call, key: step.resultOrder[index] ?? 0, index }))
      .sort((left, right) => left.key - right.key || left.index - right.index);
    for (const { call } of shuffled)
      messages.push({ role: 'tool', tool_call_id: call.id, content: call.result });
    for (const call of calls)
      expected.push({
        role: 'tool',
        tool_call_id: sanitizeToolCallId(call.id),
        content: call.result,
      });
    if (step.followUp !== undefined) {
      messages.push({ role: 'user', content: step.followUp });
      expected.push({ role: 'user', content: step.followUp });
    }
  }
  const tools: OpenAITool[] = TOOL_NAMES.map((name) => ({
    type: 'function',
    function: { name, parameters: { type: 'object', properties: {} } },
  }));
  return { request: { model: 'gpt-4o', messages, tools }, expected };
}

/** What the property compares: roles, texts, ids, names and parsed arguments. */
function simplify(message: OpenAIChatMessage): unknown {
  if (message.role === 'assistant' && message.tool_calls) {
    return {
      role: 'assistant',
      content: message.content ?? null,
      tool_calls: message.tool_calls.map((call) =>
        call.type === 'function'
          ? {
              id: call.id,
              name: call.function.name,
              arguments: JSON.parse(call.function.arguments) as unknown,
            }
          : call,
      ),
    };
  }
  if (message.role === 'tool')
    return { role: 'tool', tool_call_id: message.tool_call_id, content: message.content };
  return { role: message.role, content: message.content };
}

describe('request round trip OpenAI → Anthropic → OpenAI', () => {
  it('keeps roles, texts, tool names, ids and arguments', () => {
    fc.assert(
      fc.property(conversation, (generated) => {
        const { request, expected } = buildCase(generated);
        const anthropic = convertChatRequestToMessagesRequest(request, {
          ...context,
          upstreamModel: 'claude-sonnet-4-5',
        });
        const back = convertMessagesRequestToChatRequest(anthropic.request, {
          ...context,
          upstreamModel: 'gpt-4o',
        });
        expect(back.request.messages.map(simplify)).toEqual(expected);
        expect(
          back.request.tools?.map((tool) =>
            tool.type === 'function' ? tool.function.name : tool.custom.name,
          ),
        ).toEqual([...TOOL_NAMES]);
      }),
      { numRuns: 300 },
    );
  });
});
