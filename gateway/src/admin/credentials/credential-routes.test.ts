import request from 'supertest';
import { createTestAdminApp, type TestAdminApp } from '../__fixtures__/create-test-admin-app';
import { startFakeProvider, type FakeProvider } from '../__fixtures__/start-fake-provider';

const openaiKey = 'sk-test-0123456789abcdefghijklmnop';
const relayKey = 'cr_relaykey_0123456789abcdefghij';

describe('/api/credentials', () => {
  let harness: TestAdminApp;
  let root: { id: string; token: string };
  let alice: { id: string; token: string };
  const providers: FakeProvider[] = [];

  beforeEach(async () => {
    harness = createTestAdminApp({ settings: { allowPrivateUpstreams: true } });
    root = await harness.signUp('root');
    alice = await harness.signUp('alice');
  });
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.close()));
    await harness.close();
  });

  const as = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

  it('creates a credential with the key encrypted and only ever answered masked', async () => {
    const created = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'main', provider: 'openai', api_key: openaiKey });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'main',
      provider: 'openai',
      api_url: 'https://api.openai.com/v1',
      api_key_masked: 'sk-test…mnop',
      mode: 'standard',
      is_active: true,
      is_validated: false,
      validation_error: null,
      validated_at: null,
      inject_system_prompt: true,
      cli_version: null,
      validation_model: null,
    });
    expect(created.text).not.toContain(openaiKey);
    const stored = await harness.store.credentials.findById('all', created.body.id);
    expect(stored?.apiKeyEncrypted).not.toContain(openaiKey);
    expect(harness.secretBox.decrypt(stored!.apiKeyEncrypted)).toBe(openaiKey);
    const list = await request(harness.app).get('/api/credentials').set(as(alice));
    expect(list.body.items).toHaveLength(1);
    expect(list.text).not.toContain(openaiKey);
    expect(harness.events.map((event) => event.envelope.data)).toContainEqual(
      expect.objectContaining({ entity: 'credential', action: 'created', userId: alice.id }),
    );
  });

  it('detects a Claude Code relay and shows its settings', async () => {
    const created = await request(harness.app).post('/api/credentials').set(as(alice)).send({
      name: 'relay',
      provider: 'anthropic',
      api_key: relayKey,
      api_url: 'https://relay.example.com/api',
      inject_system_prompt: false,
      cli_version: '2.1.3',
      validation_model: 'claude-sonnet-4-5',
    });
    expect(created.body).toMatchObject({
      mode: 'claude_code_relay',
      inject_system_prompt: false,
      cli_version: '2.1.3',
      validation_model: 'claude-sonnet-4-5',
    });
  });

  it('refuses an unknown provider and a duplicate name', async () => {
    const bad = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'x', provider: 'nope', api_key: 'k' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('provider');
    await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'dup', provider: 'openai', api_key: openaiKey });
    const dup = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'dup', provider: 'openai', api_key: openaiKey });
    expect(dup.status).toBe(409);
  });

  it('keeps non-admins off private upstreams unless allowed; admins may', async () => {
    const strict = createTestAdminApp({ deps: { resolveHost: async () => ['10.0.0.8'] } });
    const admin = await strict.signUp('admin');
    const user = await strict.signUp('user');
    const body = {
      name: 'local',
      provider: 'openai',
      api_key: openaiKey,
      api_url: 'http://127.0.0.1:11434/v1',
    };
    const refused = await request(strict.app).post('/api/credentials').set(as(user)).send(body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('api_url');
    const viaDns = await request(strict.app)
      .post('/api/credentials')
      .set(as(user))
      .send({ ...body, api_url: 'https://internal.example.com/v1' });
    expect(viaDns.status).toBe(400);
    expect(
      (await request(strict.app).post('/api/credentials').set(as(admin)).send(body)).status,
    ).toBe(201);
    expect(
      (
        await request(strict.app)
          .post('/api/credentials')
          .set(as(user))
          .send({ ...body, api_url: 'ftp://x.example.com' })
      ).status,
    ).toBe(400);
    await strict.close();
  });

  it('resets is_validated when the key or URL changes, not for a rename', async () => {
    const provider = await startFakeProvider({
      'GET /v1/models': { status: 200, body: { object: 'list', data: [{ id: 'gpt-x' }] } },
    });
    providers.push(provider);
    const created = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'c', provider: 'openai', api_key: openaiKey, api_url: `${provider.url}/v1` });
    const validated = await request(harness.app)
      .post(`/api/credentials/${created.body.id}/validate`)
      .set(as(alice));
    expect(validated.body).toMatchObject({ is_validated: true, validation_error: null });
    expect(validated.body.validated_at).toEqual(expect.any(String));
    const renamed = await request(harness.app)
      .put(`/api/credentials/${created.body.id}`)
      .set(as(alice))
      .send({ name: 'renamed', is_active: false });
    expect(renamed.body).toMatchObject({ name: 'renamed', is_active: false, is_validated: true });
    const rekeyed = await request(harness.app)
      .put(`/api/credentials/${created.body.id}`)
      .set(as(alice))
      .send({ api_key: 'sk-new-key-0123456789abcdef' });
    expect(rekeyed.body).toMatchObject({
      is_validated: false,
      validated_at: null,
      api_key_masked: 'sk-new…cdef',
    });
  });

  it('validates OpenAI and Anthropic credentials against the models list with the right headers', async () => {
    const provider = await startFakeProvider({
      'GET /v1/models': (recorded) =>
        recorded.headers.authorization === `Bearer ${openaiKey}` ||
        recorded.headers['x-api-key'] === 'sk-ant-good-key-0123456789'
          ? { status: 200, body: { data: [] } }
          : {
              status: 401,
              body: {
                error: {
                  message: `Incorrect API key provided: ${String(recorded.headers['x-api-key'])}`,
                },
              },
            },
    });
    providers.push(provider);
    const openai = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'o', provider: 'openai', api_key: openaiKey, api_url: `${provider.url}/v1` });
    expect(
      (
        await request(harness.app)
          .post(`/api/credentials/${openai.body.id}/validate`)
          .set(as(alice))
      ).body.is_validated,
    ).toBe(true);
    const badKey = 'sk-ant-bad-key-0123456789';
    const anthropic = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'a', provider: 'anthropic', api_key: badKey, api_url: provider.url });
    const failed = await request(harness.app)
      .post(`/api/credentials/${anthropic.body.id}/validate`)
      .set(as(alice));
    expect(failed.status).toBe(200);
    expect(failed.body.is_validated).toBe(false);
    expect(failed.body.validation_error).toMatch(
      /^The upstream answered 401: Incorrect API key provided/,
    );
    expect(failed.text).not.toContain(badKey);
    const anthropicRequest = provider.requests.at(-1)!;
    expect(anthropicRequest.headers['anthropic-version']).toBe('2023-06-01');
    expect(anthropicRequest.headers.authorization).toBeUndefined();
  });

  it('validates a relay with a 1-token message carrying the Claude Code block when its models list fails', async () => {
    const provider = await startFakeProvider({
      'GET /api/v1/models': { status: 404, body: { error: 'not found' } },
      'POST /api/v1/messages': { status: 200, body: { id: 'msg_1', type: 'message', content: [] } },
    });
    providers.push(provider);
    const relay = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({
        name: 'r',
        provider: 'anthropic',
        api_key: relayKey,
        api_url: `${provider.url}/api`,
      });
    expect(relay.body.mode).toBe('claude_code_relay');
    const validated = await request(harness.app)
      .post(`/api/credentials/${relay.body.id}/validate`)
      .set(as(alice));
    expect(validated.body).toMatchObject({ is_validated: true, validation_error: null });
    const message = provider.requests.find((recorded) => recorded.method === 'POST')!;
    expect(message.headers).toMatchObject({
      authorization: `Bearer ${relayKey}`,
      'anthropic-version': '2023-06-01',
      'user-agent': 'claude-cli/2.0.50 (external, cli)',
      'x-app': 'cli',
      'x-stainless-retry-count': '0',
    });
    expect(message.headers['x-api-key']).toBeUndefined();
    expect(message.body).toEqual({
      metadata: { user_id: expect.stringMatching(/^user_[0-9a-f]{64}_account__session_/) },
      model: 'claude-haiku-4-5',
      max_tokens: 1,
      messages: [{ role: 'user', content: 'ping' }],
      system: [
        {
          type: 'text',
          text: "You are Claude Code, Anthropic's official CLI for Claude.",
          cache_control: { type: 'ephemeral' },
        },
      ],
    });
  });

  it('lists upstream models (every Anthropic page) and maps failures to 502/504, never 500', async () => {
    const provider = await startFakeProvider({
      'GET /v1/models': (recorded) =>
        recorded.url.includes('after_id=m2')
          ? { status: 200, body: { data: [{ id: 'm3' }], has_more: false, last_id: 'm3' } }
          : {
              status: 200,
              body: { data: [{ id: 'm1' }, { id: 'm2' }], has_more: true, last_id: 'm2' },
            },
      'GET /slow/v1/models': { status: 200, body: { data: [] }, delayMs: 3000 },
      'GET /broken/v1/models': { status: 200, body: { nothing: true } },
      'GET /denied/v1/models': {
        status: 403,
        body: { type: 'error', error: { type: 'permission_error', message: 'nope' } },
      },
    });
    providers.push(provider);
    const create = async (name: string, apiUrl: string) =>
      (
        await request(harness.app).post('/api/credentials').set(as(alice)).send({
          name,
          provider: 'anthropic',
          api_key: 'sk-ant-0123456789abcdef',
          api_url: apiUrl,
        })
      ).body.id as string;
    const listed = await request(harness.app)
      .get(`/api/credentials/${await create('ok', provider.url)}/upstream-models`)
      .set(as(alice));
    expect(listed.body).toEqual({
      items: [{ id: 'm1' }, { id: 'm2' }, { id: 'm3' }],
      next_cursor: null,
    });
    const denied = await request(harness.app)
      .get(`/api/credentials/${await create('denied', `${provider.url}/denied`)}/upstream-models`)
      .set(as(alice));
    expect(denied.status).toBe(502);
    expect(denied.body.error).toMatchObject({
      code: 'upstream_rejected',
      message: 'The upstream answered 403: nope',
    });
    const broken = await request(harness.app)
      .get(`/api/credentials/${await create('broken', `${provider.url}/broken`)}/upstream-models`)
      .set(as(alice));
    expect(broken.status).toBe(502);
    const slow = await request(harness.app)
      .get(`/api/credentials/${await create('slow', `${provider.url}/slow`)}/upstream-models`)
      .set(as(alice));
    expect(slow.status).toBe(504);
    const down = await request(harness.app)
      .get(`/api/credentials/${await create('down', 'http://127.0.0.1:1')}/upstream-models`)
      .set(as(alice));
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('upstream_unreachable');
  });

  it('deletes a credential with its model configs and their keys', async () => {
    const credential = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'c', provider: 'openai', api_key: openaiKey });
    const model = await request(harness.app)
      .post('/api/models')
      .set(as(alice))
      .send({ credential_id: credential.body.id, model_name: 'gpt-x', target_format: 'openai' });
    expect(
      (await request(harness.app).delete(`/api/credentials/${credential.body.id}`).set(as(alice)))
        .status,
    ).toBe(204);
    expect(
      (await request(harness.app).get(`/api/models/${model.body.id}`).set(as(alice))).status,
    ).toBe(404);
    expect(
      (await request(harness.app).get(`/api/keys/${model.body.proxy_api_key_id}`).set(as(alice)))
        .status,
    ).toBe(404);
    expect(
      (await request(harness.app).get(`/api/credentials/${credential.body.id}`).set(as(root)))
        .status,
    ).toBe(404);
  });

  it('lets only a superuser list everyone with all=true', async () => {
    await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'c', provider: 'openai', api_key: openaiKey });
    expect(
      (await request(harness.app).get('/api/credentials?all=true').set(as(alice))).status,
    ).toBe(403);
    const everyone = await request(harness.app).get('/api/credentials?all=true').set(as(root));
    expect(everyone.body.items).toHaveLength(1);
    expect(
      (await request(harness.app).get('/api/credentials').set(as(root))).body.items,
    ).toHaveLength(0);
  });
});
