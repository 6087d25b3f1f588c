/**
 * CONVERSION.md §10.4: an Anthropic upstream's own capabilities (`GET /v1/models/{id}`) refresh
 * the static table for OpenAI → Anthropic conversion. Driven with the official OpenAI SDK against
 * the mock upstream, which reports a model the table does not know as an adaptive-thinking model
 * with an 8,000-token output ceiling.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

const reasonerInfo = {
  type: 'model',
  id: 'acme-reasoner-2',
  display_name: 'Acme Reasoner 2',
  created_at: '2026-10-01T00:00:00Z',
  max_input_tokens: 400_000,
  max_tokens: 8000,
  capabilities: {
    effort: {
      supported: true,
      low: { supported: true },
      medium: { supported: true },
      high: { supported: true },
      max: { supported: false },
      xhigh: null,
    },
    structured_outputs: { supported: true },
    thinking: {
      supported: true,
      types: { adaptive: { supported: true }, enabled: { supported: false } },
    },
  },
};

const modelInfoCalls = (harness: ProxyHarness, model: string) =>
  harness.mock.modelInfoRequests.filter((request) => request.path.endsWith(`/models/${model}`));

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the capability refresh');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const lastModelCall = (harness: ProxyHarness) =>
  harness.mock.requests.at(-1)!.body as Record<string, unknown>;

const ask = (openai: OpenAI, model: string) =>
  openai.chat.completions
    .create({
      model,
      max_tokens: 20_000,
      reasoning_effort: 'high',
      messages: [{ role: 'user', content: 'Plan the trip' }],
    })
    .withResponse();

describe('with capability refresh (the default)', () => {
  let harness: ProxyHarness;
  let openai: OpenAI;
  let anthropic: Anthropic;

  beforeAll(async () => {
    harness = await startProxyHarness({ mock: { modelInfo: { 'acme-reasoner-2': reasonerInfo } } });
    await harness.seedModel({
      provider: 'anthropic',
      modelName: 'acme-reasoner-2',
      alias: 'acme',
      apiKey: 'sk-ant-capabilities',
    });
    await harness.seedModel({ provider: 'anthropic', modelName: 'claude-sonnet-4-5', alias: 'cs' });
    const key = String((await harness.admin('POST', '/api/keys', { name: 'caps' })).body.key);
    openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });
  });
  afterAll(() => harness?.close());

  it('uses the table on the first call and what the upstream reports from then on', async () => {
    // The table does not know the name: no thinking, no ceiling.
    const first = await ask(openai, 'acme');
    expect(lastModelCall(harness)).not.toHaveProperty('thinking');
    expect(lastModelCall(harness).max_tokens).toBe(20_000);
    expect(first.response.headers.get('x-llmfb-conversion-notes')).toMatch(/reasoning_effort/);

    await waitFor(() => modelInfoCalls(harness, 'acme-reasoner-2').length === 1);
    const [infoCall] = modelInfoCalls(harness, 'acme-reasoner-2');
    expect(infoCall!.headers).toMatchObject({
      'x-api-key': 'sk-ant-capabilities',
      'anthropic-version': '2023-06-01',
    });
    // The refresh lands in the background; the next call after it converts with it.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const second = await ask(openai, 'acme');
    expect(lastModelCall(harness)).toMatchObject({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      max_tokens: 8000,
    });
    expect(second.response.headers.get('x-llmfb-conversion-notes')).toMatch(/8000/);
    expect(second.data.choices[0]!.message.content).toBeTruthy();
    // Asked once an hour, not per request.
    expect(modelInfoCalls(harness, 'acme-reasoner-2')).toHaveLength(1);
  });

  it("lists the upstream's limits and capabilities in Anthropic shape (the SDK's models API)", async () => {
    // A listing starts the fetch for what it lists (`cs` has not been called yet).
    await anthropic.models.list();
    await waitFor(() => modelInfoCalls(harness, 'claude-sonnet-4-5').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const acme = await anthropic.models.retrieve('acme');
    expect(acme).toMatchObject({
      id: 'acme',
      max_input_tokens: 400_000,
      max_tokens: 8000,
      capabilities: reasonerInfo.capabilities,
    });
    const listed = (await anthropic.models.list()).data;
    expect(listed.find((model) => model.id === 'acme')).toMatchObject({ max_tokens: 8000 });
    // Not described by its upstream (404): nulls, as before.
    expect(listed.find((model) => model.id === 'cs')).toMatchObject({
      max_tokens: null,
      capabilities: null,
    });
    // OpenAI shape has no such fields.
    expect(await openai.models.retrieve('acme')).toEqual({
      id: 'acme',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'anthropic',
    });
  });

  it('keeps the table for a model the upstream does not describe (404), without asking again', async () => {
    await ask(openai, 'cs');
    await waitFor(() => modelInfoCalls(harness, 'claude-sonnet-4-5').length === 1);
    // (Asked once already, by the listing above; a 404 is asked again after 10 minutes.)
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { data } = await ask(openai, 'cs');
    // Sonnet 4.5 in the table: budget thinking, not adaptive.
    expect(lastModelCall(harness)).toMatchObject({ thinking: { type: 'enabled' } });
    expect(data.choices[0]!.message.content).toBeTruthy();
    expect(modelInfoCalls(harness, 'claude-sonnet-4-5')).toHaveLength(1);
  });
});

describe('with LLMFB_CAPABILITY_REFRESH_MS=0', () => {
  let harness: ProxyHarness;

  beforeAll(async () => {
    harness = await startProxyHarness({
      env: { LLMFB_CAPABILITY_REFRESH_MS: '0' },
      mock: { modelInfo: { 'acme-reasoner-2': reasonerInfo } },
    });
  });
  afterAll(() => harness?.close());

  it('never asks the upstream and converts with the table', async () => {
    const { key } = await harness.seedModel({
      provider: 'anthropic',
      modelName: 'acme-reasoner-2',
      alias: 'acme',
    });
    const openai = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
    await ask(openai, 'acme');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await ask(openai, 'acme');
    expect(lastModelCall(harness)).not.toHaveProperty('thinking');
    expect(modelInfoCalls(harness, 'acme-reasoner-2')).toHaveLength(0);
  });
});
