/**
 * CONVERSION.md §10.2 across gateway processes: with Redis configured, the signed thinking of a
 * turn answered by one gateway is restored by another when a plain OpenAI client (one that drops
 * the `thinking_blocks` extension) sends the next turn there — as LLMFB_WORKERS or several
 * replicas spread a conversation's turns. Two gateways on one data dir and the real Redis of the
 * integration set-up, the official OpenAI client, the mock upstream.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { composeGateway, type Gateway } from '../../src/compose-gateway';
import { createLogger } from '../../src/logger';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let second: { gateway: Gateway; server: http.Server; url: string };
let key: string;

function requireRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run through the integration project');
  return url;
}

beforeAll(async () => {
  harness = await startProxyHarness({ env: { REDIS_URL: requireRedisUrl() } });
  await harness.seedModel({
    provider: 'anthropic',
    modelName: 'claude-sonnet-4-5',
    alias: 'sonnet',
  });
  key = String((await harness.admin('POST', '/api/keys', { name: 'turns' })).body.key);
  // A second gateway on the same data dir and configuration, as a second process would be.
  const gateway = await composeGateway(harness.config, createLogger('silent'), {
    consoleDirectory: null,
  });
  const server = http.createServer(gateway.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  second = { gateway, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});
afterAll(async () => {
  second?.server.closeAllConnections();
  await new Promise<void>((resolve) => (second ? second.server.close(() => resolve()) : resolve()));
  await second?.gateway.close();
  await harness?.close();
});

const tools: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
    },
  },
];

it('restores the signed thinking of a turn answered by the other gateway', async () => {
  const first = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
  const other = new OpenAI({ baseURL: `${second.url}/v1`, apiKey: key, maxRetries: 0 });
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Think, then check the weather.' },
  ];
  const answer = await first.chat.completions.create({
    model: 'sonnet',
    messages,
    tools,
    reasoning_effort: 'low',
  });
  const call = answer.choices[0]!.message.tool_calls![0]!;
  const signed = (answer.choices[0]!.message as { thinking_blocks?: unknown[] }).thinking_blocks;
  expect(signed).toHaveLength(1);

  // A plain client: the assistant turn goes back without the extensions, to the other gateway.
  messages.push(
    { role: 'assistant', content: null, tool_calls: [call] },
    { role: 'tool', tool_call_id: call.id, content: 'rain' },
  );
  const { response } = await other.chat.completions
    .create({ model: 'sonnet', messages, tools, reasoning_effort: 'low' })
    .withResponse();
  const sent = harness.mock.requests.at(-1)!.body as {
    thinking?: unknown;
    messages: Array<{ role: string; content: Array<{ type: string }> }>;
  };
  expect(sent.thinking).toMatchObject({ type: 'enabled' });
  expect(sent.messages[1]!.content[0]).toEqual(signed![0]);
  expect(response.headers.get('x-llmfb-conversion-notes') ?? '').not.toMatch(/thinking/i);
});
