/**
 * Tool use over several turns through the converters, in both directions, streamed and not:
 * tool call → tool result → answer, and parallel tool calls (turned off on request).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  harness = await startProxyHarness();
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'sonnet',
  });
  await harness.seedModel({ provider: 'openai', modelName: 'gpt-4.1', alias: 'gpt' });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'tools' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

function lastUpstreamCall(): RecordedRequest & { body: Record<string, unknown> } {
  const call = harness.mock.requests.at(-1);
  if (!call) throw new Error('the upstream received nothing');
  return call as RecordedRequest & { body: Record<string, unknown> };
}

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string' } },
  required: ['city'],
};
const openaiTools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Weather', parameters: schema },
  },
  {
    type: 'function',
    function: { name: 'get_time', description: 'Local time', parameters: schema },
  },
];
const anthropicTools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Weather',
    input_schema: schema as Anthropic.Tool.InputSchema,
  },
  {
    name: 'get_time',
    description: 'Local time',
    input_schema: schema as Anthropic.Tool.InputSchema,
  },
];

describe('OpenAI client → Anthropic upstream', () => {
  it('tool call → tool result → answer (non-stream)', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather?' },
    ];
    const first = await openai.chat.completions.create({
      model: 'sonnet',
      messages,
      tools: openaiTools,
    });
    // (the gateway may add prompt-cache breakpoints: compare what the caller defined)
    expect(lastUpstreamCall().body.tools).toMatchObject([
      { name: 'get_weather', description: 'Weather', input_schema: schema },
      { name: 'get_time', description: 'Local time', input_schema: schema },
    ]);
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const call = choice?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris', unit: 'c' });

    messages.push(choice!.message, { role: 'tool', tool_call_id: call.id, content: '18 °C' });
    const second = await openai.chat.completions.create({
      model: 'sonnet',
      messages,
      tools: openaiTools,
    });
    const upstreamMessages = lastUpstreamCall().body.messages as Array<Record<string, unknown>>;
    expect(upstreamMessages).toHaveLength(3);
    expect(upstreamMessages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'tool_use', id: call.id, name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
      ],
    });
    expect(upstreamMessages[2]).toMatchObject({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id }],
    });
    expect(JSON.stringify(upstreamMessages[2])).toContain('18 °C');
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toMatch(/^Hello from claude-sonnet-4-5/);
  });

  it('parallel calls stream through the stream helper and come back as one tool_result turn', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Weather and time, in parallel please' },
    ];
    const stream = openai.chat.completions.stream({
      model: 'sonnet',
      messages,
      tools: openaiTools,
    });
    const done: string[] = [];
    stream.on('tool_calls.function.arguments.done', (event) => done.push(event.name));
    const first = await stream.finalChatCompletion();
    const calls = first.choices[0]?.message.tool_calls ?? [];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(done).toEqual(['get_weather', 'get_time']);
    const functions = calls.map((call) => {
      if (call.type !== 'function') throw new Error('expected function calls');
      return { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) };
    });
    expect(functions.map(({ name, args }) => ({ name, args }))).toEqual([
      { name: 'get_weather', args: { city: 'Paris', unit: 'c' } },
      { name: 'get_time', args: { city: 'Tokyo', unit: 'c' } },
    ]);
    expect(new Set(functions.map((call) => call.id)).size).toBe(2);

    messages.push(
      first.choices[0]!.message as OpenAI.ChatCompletionAssistantMessageParam,
      { role: 'tool', tool_call_id: functions[0]!.id, content: 'sunny' },
      { role: 'tool', tool_call_id: functions[1]!.id, content: 'noon' },
    );
    const second = await openai.chat.completions
      .stream({ model: 'sonnet', messages, tools: openaiTools })
      .finalChatCompletion();
    const upstreamMessages = lastUpstreamCall().body.messages as Array<{
      role: string;
      content: Array<Record<string, unknown>>;
    }>;
    expect(upstreamMessages).toHaveLength(3);
    expect(upstreamMessages[1]?.content.map((block) => block.id)).toEqual(
      functions.map((call) => call.id),
    );
    expect(upstreamMessages[2]?.content.map((block) => [block.type, block.tool_use_id])).toEqual([
      ['tool_result', functions[0]!.id],
      ['tool_result', functions[1]!.id],
    ]);
    expect(second.choices[0]?.finish_reason).toBe('stop');
  });

  it('parallel_tool_calls: false reaches the upstream as disable_parallel_tool_use', async () => {
    const answer = await openai.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Weather and time, in parallel please' }],
      tools: openaiTools,
      parallel_tool_calls: false,
    });
    expect(lastUpstreamCall().body.tool_choice).toMatchObject({
      disable_parallel_tool_use: true,
    });
    expect(answer.choices[0]?.message.tool_calls).toHaveLength(1);
  });
});

describe('Anthropic client → OpenAI upstream', () => {
  it('tool_use → tool_result → answer (non-stream)', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather?' }];
    const first = await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 256,
      messages,
      tools: anthropicTools,
    });
    expect(lastUpstreamCall().body.tools).toEqual(openaiTools);
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { city: 'Paris', unit: 'c' } });

    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 °C' }],
      },
    );
    const second = await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 256,
      messages,
      tools: anthropicTools,
    });
    const upstreamMessages = lastUpstreamCall().body.messages as Array<Record<string, unknown>>;
    expect(upstreamMessages).toHaveLength(3);
    expect(upstreamMessages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: toolUse.id, type: 'function', function: { name: 'get_weather' } }],
    });
    const sentArguments = (
      upstreamMessages[1] as { tool_calls: Array<{ function: { arguments: string } }> }
    ).tool_calls[0]!.function.arguments;
    expect(JSON.parse(sentArguments)).toEqual({ city: 'Paris', unit: 'c' });
    expect(upstreamMessages[2]).toEqual({
      role: 'tool',
      tool_call_id: toolUse.id,
      content: '18 °C',
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([
      { type: 'text', text: 'Hello from gpt-4.1: What is the weather?' },
    ]);
  });

  it('parallel calls through the stream helper, results sent back as tool messages in order', async () => {
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: 'Weather and time, in parallel please' },
    ];
    const stream = anthropic.messages.stream({
      model: 'gpt',
      max_tokens: 256,
      messages,
      tools: anthropicTools,
    });
    const partials: string[] = [];
    stream.on('inputJson', (partial) => partials.push(partial));
    const first = await stream.finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const uses = first.content.filter((block) => block.type === 'tool_use');
    expect(uses.map(({ name, input }) => ({ name, input }))).toEqual([
      { name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
      { name: 'get_time', input: { city: 'Tokyo', unit: 'c' } },
    ]);
    expect(partials.join('')).toContain('"Tokyo"');

    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: uses.map((use, index) => ({
          type: 'tool_result' as const,
          tool_use_id: use.id,
          content: index === 0 ? 'sunny' : 'noon',
        })),
      },
    );
    const second = await anthropic.messages
      .stream({ model: 'gpt', max_tokens: 256, messages, tools: anthropicTools })
      .finalMessage();
    const upstreamMessages = lastUpstreamCall().body.messages as Array<Record<string, unknown>>;
    expect(upstreamMessages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: uses[0]!.id, content: 'sunny' },
      { role: 'tool', tool_call_id: uses[1]!.id, content: 'noon' },
    ]);
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]).toMatchObject({ type: 'text' });
  });

  it('disable_parallel_tool_use reaches the upstream as parallel_tool_calls: false', async () => {
    const answer = await anthropic.messages.create({
      model: 'gpt',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Weather and time, in parallel please' }],
      tools: anthropicTools,
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
    });
    expect(lastUpstreamCall().body.parallel_tool_calls).toBe(false);
    expect(answer.content.filter((block) => block.type === 'tool_use')).toHaveLength(1);
  });
});
