/**
 * Rate limits (per model config and per key: a burst of N+1 within a second gets exactly one 429
 * in the caller's format, with `retry-after` and remaining-quota headers) and revocation reaching
 * the proxy within 2 s (deleted or disabled key, deactivated user, disabled model config).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startProxyHarness, type ProxyHarness } from './proxy-harness';

let harness: ProxyHarness;

beforeAll(async () => {
  harness = await startProxyHarness();
});
afterAll(() => harness?.close());

const openaiFor = (key: string) =>
  new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: key, maxRetries: 0 });
const anthropicFor = (key: string) =>
  new Anthropic({ baseURL: harness.url, apiKey: key, maxRetries: 0 });

function countRejected(results: PromiseSettledResult<unknown>[]) {
  const rejected = results.filter(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  return {
    fulfilled: results.length - rejected.length,
    errors: rejected.map((result) => result.reason),
  };
}

describe('rate limits', () => {
  it('model config rate_limit N: N+1 concurrent OpenAI requests → exactly one 429 with retry-after', async () => {
    const model = await harness.seedModel({ provider: 'anthropic', rateLimit: 5 });
    const client = openaiFor(model.key);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        client.chat.completions.create({
          model: model.alias,
          messages: [{ role: 'user', content: 'burst' }],
        }),
      ),
    );
    const { fulfilled, errors } = countRejected(results);
    expect(fulfilled).toBe(5);
    expect(errors).toHaveLength(1);
    const error = errors[0] as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.type).toBe('rate_limit_error');
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(error.headers?.get('x-ratelimit-limit-requests')).toBe('5');
  });

  it('model config rate_limit N: an Anthropic burst of N+1 → one rate_limit_error', async () => {
    const model = await harness.seedModel({ provider: 'openai', rateLimit: 3 });
    const client = anthropicFor(model.key);
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        client.messages.create({
          model: model.alias,
          max_tokens: 8,
          messages: [{ role: 'user', content: 'burst' }],
        }),
      ),
    );
    const { fulfilled, errors } = countRejected(results);
    expect(fulfilled).toBe(3);
    expect(errors).toHaveLength(1);
    const error = errors[0] as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(error.headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
  });

  it('per-key rate_limit N: N+1 concurrent requests → exactly one 429 naming the key', async () => {
    const model = await harness.seedModel({ provider: 'openai', rateLimit: 100 });
    const created = await harness.admin('POST', '/api/keys', {
      name: 'limited',
      model_config_ids: [model.modelConfigId],
      rate_limit: 4,
    });
    const client = openaiFor(String(created.body.key));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        client.chat.completions.create({
          model: model.alias,
          messages: [{ role: 'user', content: 'burst' }],
        }),
      ),
    );
    const { fulfilled, errors } = countRejected(results);
    expect(fulfilled).toBe(4);
    expect(errors).toHaveLength(1);
    const error = errors[0] as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.message).toMatch(/API key/);
    expect(error.headers?.get('retry-after')).toBeTruthy();
  });

  it('counts down the remaining-quota headers on successful answers', async () => {
    const model = await harness.seedModel({ provider: 'openai', rateLimit: 10 });
    const remaining: string[] = [];
    for (let turn = 0; turn < 3; turn += 1) {
      const response = await fetch(`${harness.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': model.key, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: model.alias,
          max_tokens: 8,
          messages: [{ role: 'user', content: 'count' }],
        }),
      });
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('anthropic-ratelimit-requests-remaining') ?? '');
      expect(
        Date.parse(response.headers.get('anthropic-ratelimit-requests-reset') ?? ''),
      ).toBeGreaterThan(Date.now());
    }
    expect(remaining).toEqual(['9', '8', '7']);
  });
});

describe('revocation reaches the proxy within 2 s', () => {
  /** Polls with `ask` until it answers `status`; returns how long that took (ms). */
  async function timeUntilStatus(ask: () => Promise<number>, status: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const answered = await ask();
      if (answered === status) return Date.now() - started;
      if (Date.now() - started > 2500) throw new Error(`still ${answered} after 2.5 s`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const callStatus = (key: string, model: string) => async () =>
    (
      await fetch(`${harness.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'still allowed?' }] }),
      })
    ).status;

  it('DELETE /api/keys/{id}: the deleted key gets 401', async () => {
    const model = await harness.seedModel({ provider: 'openai' });
    const created = await harness.admin('POST', '/api/keys', {
      name: 'doomed',
      model_config_ids: [model.modelConfigId],
    });
    const ask = callStatus(String(created.body.key), model.alias);
    expect(await ask()).toBe(200); // cached as valid now
    expect((await harness.admin('DELETE', `/api/keys/${String(created.body.id)}`)).status).toBe(
      204,
    );
    expect(await timeUntilStatus(ask, 401)).toBeLessThan(2000);
    const error = await openaiFor(String(created.body.key))
      .chat.completions.create({ model: model.alias, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('PUT /api/keys/{id} is_active false: 401, and true again: 200', async () => {
    const model = await harness.seedModel({ provider: 'anthropic' });
    const created = await harness.admin('POST', '/api/keys', {
      name: 'paused',
      model_config_ids: [model.modelConfigId],
    });
    const ask = callStatus(String(created.body.key), model.alias);
    expect(await ask()).toBe(200);
    await harness.admin('PUT', `/api/keys/${String(created.body.id)}`, { is_active: false });
    expect(await timeUntilStatus(ask, 401)).toBeLessThan(2000);
    await harness.admin('PUT', `/api/keys/${String(created.body.id)}`, { is_active: true });
    expect(await timeUntilStatus(ask, 200)).toBeLessThan(2000);
  });

  it("a deactivated user's keys get 401", async () => {
    const user = await harness.signUp();
    const model = await harness.seedModel({ provider: 'openai' }, user.token);
    const ask = callStatus(model.key, model.alias);
    expect(await ask()).toBe(200);
    const deactivated = await harness.admin('PUT', `/api/users/${user.id}`, { is_active: false });
    expect(deactivated.status).toBe(200);
    expect(await timeUntilStatus(ask, 401)).toBeLessThan(2000);
    const error = await anthropicFor(model.key)
      .messages.create({
        model: model.alias,
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('a disabled model config answers 404 model_not_found', async () => {
    const model = await harness.seedModel({ provider: 'openai' });
    const ask = callStatus(model.key, model.alias);
    expect(await ask()).toBe(200);
    await harness.admin('PUT', `/api/models/${model.modelConfigId}`, { is_enabled: false });
    expect(await timeUntilStatus(ask, 404)).toBeLessThan(2000);
    const error = await openaiFor(model.key)
      .chat.completions.create({ model: model.alias, messages: [{ role: 'user', content: 'x' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});
