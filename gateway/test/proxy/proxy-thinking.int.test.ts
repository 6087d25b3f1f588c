/**
 * Thinking through the converters (signed Anthropic thinking reaching OpenAI clients as
 * `reasoning_content` + `thinking_blocks`, and replayed on the next turn), and Chinese text whose
 * UTF-8 characters the upstream splits across network chunks, on every format pair.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let openai: OpenAI;
let anthropic: Anthropic;

const thought = 'Let me think about it.';
const signature = 'c2lnbmF0dXJlLW1vY2s=';
const chinese = '你好，世界！这是一个流式的中文回答，包含表情😀和标点。';

interface ThinkingBlock {
  type: string;
  thinking?: string;
  signature?: string;
  index?: number;
}

/** An OpenAI assistant message with the gateway's reasoning extensions. */
type ReasoningMessage = OpenAI.ChatCompletionMessage & {
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
};

beforeAll(async () => {
  harness = await startProxyHarness();
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'sonnet',
  });
  await harness.seedModel({ provider: 'openai', modelName: 'gpt-5', alias: 'gpt5' });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'thinking' })).body.key);
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

function lastUpstreamCall(): RecordedRequest & { body: Record<string, unknown> } {
  const call = harness.mock.requests.at(-1);
  if (!call) throw new Error('the upstream received nothing');
  return call as RecordedRequest & { body: Record<string, unknown> };
}

const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  },
];

describe('Anthropic thinking → OpenAI client', () => {
  async function firstTurn(): Promise<{
    messages: OpenAI.ChatCompletionMessageParam[];
    message: ReasoningMessage;
  }> {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'Think, then check the weather.' },
    ];
    const answer = await openai.chat.completions.create({
      model: 'sonnet',
      messages,
      tools,
      reasoning_effort: 'low',
    });
    expect(lastUpstreamCall().body.thinking).toMatchObject({ type: 'enabled' });
    return { messages, message: answer.choices[0]!.message as ReasoningMessage };
  }

  it('arrives as reasoning_content and signed thinking_blocks, and goes back unchanged', async () => {
    const { messages, message } = await firstTurn();
    expect(message.reasoning_content).toBe(thought);
    expect(message.thinking_blocks).toEqual([{ type: 'thinking', thinking: thought, signature }]);
    const call = message.tool_calls?.[0];
    expect(call).toBeDefined();

    messages.push(message as OpenAI.ChatCompletionAssistantMessageParam, {
      role: 'tool',
      tool_call_id: call!.id,
      content: 'rain',
    });
    await openai.chat.completions.create({
      model: 'sonnet',
      messages,
      tools,
      reasoning_effort: 'low',
    });
    const sent = lastUpstreamCall().body;
    expect(sent.thinking).toMatchObject({ type: 'enabled' });
    const assistant = (sent.messages as Array<{ role: string; content: ThinkingBlock[] }>)[1];
    expect(assistant?.content[0]).toEqual({ type: 'thinking', thinking: thought, signature });
    expect(assistant?.content[1]).toMatchObject({ type: 'tool_use', id: call!.id });
  });

  it('is restored by the gateway when a plain client drops the extensions', async () => {
    const { messages, message } = await firstTurn();
    const call = message.tool_calls![0]!;
    messages.push(
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: call.id, content: 'rain' },
    );
    await openai.chat.completions.create({
      model: 'sonnet',
      messages,
      tools,
      reasoning_effort: 'low',
    });
    const assistant = (
      lastUpstreamCall().body.messages as Array<{ role: string; content: ThinkingBlock[] }>
    )[1];
    expect(assistant?.content[0]).toEqual({ type: 'thinking', thinking: thought, signature });
  });

  it('streams as reasoning_content deltas and thinking_blocks that merge by index', async () => {
    const stream = await openai.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: 'Think out loud.' }],
      reasoning_effort: 'low',
      stream: true,
    });
    let reasoning = '';
    let text = '';
    const blocks: ThinkingBlock[] = [];
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | (OpenAI.ChatCompletionChunk.Choice.Delta & {
            reasoning_content?: string;
            thinking_blocks?: ThinkingBlock[];
          })
        | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
      for (const { index = 0, ...piece } of delta?.thinking_blocks ?? []) {
        const block = (blocks[index] ??= { type: piece.type, thinking: '', signature: '' });
        block.thinking += piece.thinking ?? '';
        block.signature += piece.signature ?? '';
      }
    }
    expect(reasoning).toBe(thought);
    expect(blocks).toEqual([{ type: 'thinking', thinking: thought, signature }]);
    expect(text).toBe('Hello from claude-sonnet-4-5: Think out loud.');
  });
});

describe('thinking requested by an Anthropic client of an OpenAI reasoning model', () => {
  it('becomes reasoning_effort upstream and a thinking block before the text', async () => {
    const message = await anthropic.messages
      .stream({
        model: 'gpt5',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: 'Reason first.' }],
      })
      .finalMessage();
    expect(lastUpstreamCall().body.reasoning_effort).toBe('low');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]).toMatchObject({ type: 'thinking', thinking: thought });
    expect(message.content[1]).toMatchObject({ text: 'Hello from gpt-5: Reason first.' });
  });
});

describe('Chinese split inside UTF-8 characters arrives intact', () => {
  const prompt = '请用中文回答';

  it.each(['sonnet', 'gpt5'])('OpenAI client, model %s (stream)', async (model) => {
    const stream = await openai.chat.completions.create({
      model,
      messages: [{ role: 'user', content: prompt }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(chinese);
    expect(text).not.toContain('\uFFFD');
  });

  it.each(['gpt5', 'sonnet'])('Anthropic client, model %s (stream helper)', async (model) => {
    const stream = anthropic.messages.stream({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: prompt }],
    });
    const pieces: string[] = [];
    stream.on('text', (piece) => pieces.push(piece));
    const message = await stream.finalMessage();
    expect(pieces.join('')).toBe(chinese);
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: chinese })]);
  });

  it('non-stream answers too', async () => {
    const completion = await openai.chat.completions.create({
      model: 'sonnet',
      messages: [{ role: 'user', content: prompt }],
    });
    expect(completion.choices[0]?.message.content).toBe(chinese);
  });
});
