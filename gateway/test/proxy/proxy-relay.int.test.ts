/**
 * Claude Code relay mode (API.md): an Anthropic credential with a `cr_` key and a non-official
 * URL gets Bearer auth, the Claude CLI headers and the Claude Code system block first.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { RecordedRequest } from '../support/mock-upstream';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;
let anthropic: Anthropic;
let openai: OpenAI;

const relayKey = 'cr_0123456789abcdef0123456789abcdef';
const claudeCodeBlock = {
  type: 'text',
  text: "You are Claude Code, Anthropic's official CLI for Claude.",
  cache_control: { type: 'ephemeral' },
};

beforeAll(async () => {
  harness = await startProxyHarness();
  const relayUrl = `${harness.mock.url}/api`;
  await harness.seedModel({
    provider: 'anthropic',
    apiKey: relayKey,
    apiUrl: relayUrl,
    modelName: 'claude-sonnet-4-5',
    alias: 'relay',
  });
  await harness.seedModel({
    provider: 'anthropic',
    apiKey: relayKey,
    apiUrl: relayUrl,
    modelName: 'claude-sonnet-4-5',
    alias: 'relay-quiet',
    injectSystemPrompt: false,
    cliVersion: '9.8.7',
  });
  const key = String((await harness.admin('POST', '/api/keys', { name: 'relay' })).body.key);
  anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
});
afterAll(() => harness?.close());

function lastUpstreamCall(): RecordedRequest & { body: Record<string, unknown> } {
  const call = harness.mock.requests.at(-1);
  if (!call) throw new Error('the upstream received nothing');
  return call as RecordedRequest & { body: Record<string, unknown> };
}

describe('Claude Code relay mode', () => {
  it('sends Bearer cr_…, the Claude CLI headers, to {api_url}/v1/messages', async () => {
    const message = await anthropic.messages.create(
      {
        model: 'relay',
        max_tokens: 32,
        messages: [{ role: 'user', content: 'via the relay' }],
      },
      { headers: { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'oauth-2025-04-20' } },
    );
    const call = lastUpstreamCall();
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/api/v1/messages');
    expect(call.headers.authorization).toBe(`Bearer ${relayKey}`);
    expect(call.headers['x-api-key']).toBeUndefined();
    expect(call.headers['user-agent']).toBe('claude-cli/2.0.50 (external, cli)');
    expect(call.headers['x-app']).toBe('cli');
    expect(call.headers['anthropic-version']).toBe('2023-06-01');
    expect(call.headers['anthropic-beta']).toBe('oauth-2025-04-20');
    expect(call.headers['x-stainless-retry-count']).toBeDefined();
    expect(call.headers['x-stainless-timeout']).toBeDefined();
    expect(call.headers.accept).toBeDefined();
    expect(call.body.model).toBe('claude-sonnet-4-5');
    expect(call.body.system).toEqual([claudeCodeBlock]);
    expect(message.content[0]).toMatchObject({
      text: 'Hello from claude-sonnet-4-5: via the relay',
    });
  });

  it("puts the injected block first, then the caller's own system blocks, kept separate", async () => {
    await anthropic.messages.create({
      model: 'relay',
      max_tokens: 32,
      system: [
        { type: 'text', text: 'First caller block.' },
        { type: 'text', text: 'Second caller block.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastUpstreamCall().body.system).toEqual([
      claudeCodeBlock,
      { type: 'text', text: 'First caller block.' },
      { type: 'text', text: 'Second caller block.', cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('turns a string system into blocks after the injected one', async () => {
    await anthropic.messages.create({
      model: 'relay',
      max_tokens: 32,
      system: 'Answer in French.',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastUpstreamCall().body.system).toEqual([
      claudeCodeBlock,
      { type: 'text', text: 'Answer in French.' },
    ]);
  });

  it('does not inject when the caller (Claude Code) already sends it, after a billing block', async () => {
    const system = [
      { type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.0.50' },
      { type: 'text' as const, text: "You are Claude Code, Anthropic's official CLI for Claude." },
      { type: 'text' as const, text: 'Project instructions.' },
    ];
    await anthropic.messages.create({
      model: 'relay',
      max_tokens: 32,
      system,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(lastUpstreamCall().body.system).toEqual(system);
  });

  it('does not inject with inject_system_prompt false, and uses the configured CLI version', async () => {
    await anthropic.messages.create({
      model: 'relay-quiet',
      max_tokens: 32,
      system: 'Mine only.',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const call = lastUpstreamCall();
    expect(JSON.stringify(call.body.system ?? '')).not.toContain('You are Claude Code');
    expect(JSON.stringify(call.body.system)).toContain('Mine only.');
    expect(call.headers['user-agent']).toBe('claude-cli/9.8.7 (external, cli)');
    expect(call.headers.authorization).toBe(`Bearer ${relayKey}`);
  });

  it('serves an OpenAI client too: converted, injected, anthropic-version 2023-06-01', async () => {
    const stream = openai.chat.completions.stream({
      model: 'relay',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'from openai' },
      ],
    });
    const completion = await stream.finalChatCompletion();
    const call = lastUpstreamCall();
    expect(call.path).toBe('/api/v1/messages');
    expect(call.headers['anthropic-version']).toBe('2023-06-01');
    expect(call.headers['user-agent']).toBe('claude-cli/2.0.50 (external, cli)');
    const system = call.body.system as Array<Record<string, unknown>>;
    expect(system[0]).toEqual(claudeCodeBlock);
    expect(system.slice(1)).toEqual([expect.objectContaining({ type: 'text', text: 'Be brief.' })]);
    expect(completion.choices[0]?.message.content).toBe(
      'Hello from claude-sonnet-4-5: from openai',
    );
  });
});
