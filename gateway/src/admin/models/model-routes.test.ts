import request from 'supertest';
import { hashProxyKey } from '@llmfb/shared/node';
import { createTestAdminApp, type TestAdminApp } from '../__fixtures__/create-test-admin-app';

describe('/api/models and /api/keys', () => {
  let harness: TestAdminApp;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let credentialId: string;
  const as = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

  beforeEach(async () => {
    harness = createTestAdminApp();
    await harness.signUp('root');
    alice = await harness.signUp('alice');
    bob = await harness.signUp('bob');
    credentialId = (
      await request(harness.app)
        .post('/api/credentials')
        .set(as(alice))
        .send({ name: 'c', provider: 'anthropic', api_key: 'sk-ant-0123456789abcdef' })
    ).body.id;
  });
  afterEach(() => harness.close());

  it('creates a model config with defaults and a one-time proxy key limited to it', async () => {
    const created = await request(harness.app)
      .post('/api/models')
      .set(as(alice))
      .send({ credential_id: credentialId, model_name: 'claude-x', target_format: 'openai' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      credential_id: credentialId,
      model_name: 'claude-x',
      alias: 'claude-x',
      target_format: 'openai',
      is_enabled: true,
      rate_limit: 100,
    });
    expect(created.body.proxy_api_key).toMatch(/^llmb_[A-Za-z0-9_-]{32,}$/);
    const grant = await harness.store.resolveProxyKey(hashProxyKey(created.body.proxy_api_key));
    expect(grant?.key.modelConfigIds).toEqual([created.body.id]);
    expect(grant?.models.map((model) => model.config.alias)).toEqual(['claude-x']);
    const list = await request(harness.app).get('/api/models').set(as(alice));
    expect(list.body.items).toHaveLength(1);
    expect(list.text).not.toContain(created.body.proxy_api_key);
    const duplicate = await request(harness.app)
      .post('/api/models')
      .set(as(alice))
      .send({ credential_id: credentialId, model_name: 'claude-x', target_format: 'openai' });
    expect(duplicate.status).toBe(409);
    const foreign = await request(harness.app)
      .post('/api/models')
      .set(as(bob))
      .send({ credential_id: credentialId, model_name: 'm', target_format: 'openai' });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.details[0].path).toBe('credential_id');
  });

  it('updates, describes and deletes a model config, publishing config changes', async () => {
    const created = await request(harness.app).post('/api/models').set(as(alice)).send({
      credential_id: credentialId,
      model_name: 'claude-x',
      target_format: 'anthropic',
      alias: 'fast',
      rate_limit: 60,
    });
    const updated = await request(harness.app)
      .put(`/api/models/${created.body.id}`)
      .set(as(alice))
      .send({ is_enabled: false, rate_limit: 5 });
    expect(updated.body).toMatchObject({ alias: 'fast', is_enabled: false, rate_limit: 5 });
    const info = await request(harness.app)
      .get(`/api/models/${created.body.id}/info`)
      .set(as(alice));
    expect(info.status).toBe(200);
    expect(info.body.credential).toMatchObject({
      id: credentialId,
      provider: 'anthropic',
      mode: 'standard',
    });
    expect(info.body.keys.map((key: { id: string }) => key.id)).toEqual([
      created.body.proxy_api_key_id,
    ]);
    expect(info.body.recent_usage).toBeNull();
    expect(
      (await request(harness.app).delete(`/api/models/${created.body.id}`).set(as(alice))).status,
    ).toBe(204);
    expect(
      await harness.store.resolveProxyKey(hashProxyKey(created.body.proxy_api_key)),
    ).toBeUndefined();
    const changes = harness.events
      .filter((event) => event.topic === 'gateway.config.changed.v1')
      .map((event) => event.envelope.data);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'model_config', action: 'created' }),
        expect.objectContaining({ entity: 'model_config', action: 'updated' }),
        expect.objectContaining({ entity: 'model_config', action: 'deleted' }),
        expect.objectContaining({ entity: 'api_key', action: 'created' }),
      ]),
    );
  });

  it('passes recent usage through from the analytics side', async () => {
    const withUsage = createTestAdminApp({
      deps: { usageSummary: async (config) => ({ requests: 3, model_config_id: config.id }) },
    });
    const owner = await withUsage.signUp('owner');
    const credential = await request(withUsage.app)
      .post('/api/credentials')
      .set(as(owner))
      .send({ name: 'c', provider: 'openai', api_key: 'sk-0123456789abcdef' });
    const model = await request(withUsage.app)
      .post('/api/models')
      .set(as(owner))
      .send({ credential_id: credential.body.id, model_name: 'm', target_format: 'openai' });
    const info = await request(withUsage.app)
      .get(`/api/models/${model.body.id}/info`)
      .set(as(owner));
    expect(info.body.recent_usage).toEqual({ requests: 3, model_config_id: model.body.id });
    await withUsage.close();
  });

  it("creates keys shown once, limited to the caller's own configs", async () => {
    const model = await request(harness.app)
      .post('/api/models')
      .set(as(alice))
      .send({ credential_id: credentialId, model_name: 'claude-x', target_format: 'openai' });
    const created = await request(harness.app)
      .post('/api/keys')
      .set(as(alice))
      .send({
        name: 'ci',
        model_config_ids: [model.body.id],
        rate_limit: 10,
        strict: true,
        expires_at: '2099-01-01T00:00:00Z',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'ci',
      model_config_ids: [model.body.id],
      rate_limit: 10,
      strict: true,
      is_active: true,
      last_used_at: null,
      expires_at: '2099-01-01T00:00:00.000Z',
    });
    expect(created.body.key).toMatch(/^llmb_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const list = await request(harness.app).get('/api/keys').set(as(alice));
    expect(list.text).not.toContain(created.body.key);
    const bobs = await request(harness.app)
      .post('/api/keys')
      .set(as(bob))
      .send({ name: 'steal', model_config_ids: [model.body.id] });
    expect(bobs.status).toBe(404);
    expect(bobs.body.error.details).toEqual([
      { path: 'model_config_ids.0', message: 'No such model config.' },
    ]);
    const past = await request(harness.app)
      .post('/api/keys')
      .set(as(alice))
      .send({ name: 'old', expires_at: '2001-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    const everything = await request(harness.app)
      .post('/api/keys')
      .set(as(alice))
      .send({ name: 'all' });
    expect(everything.body.model_config_ids).toEqual([]);
    const revoked = await request(harness.app)
      .put(`/api/keys/${created.body.id}`)
      .set(as(alice))
      .send({ is_active: false, model_config_ids: [] });
    expect(revoked.body).toMatchObject({ is_active: false, model_config_ids: [] });
    expect(
      (await request(harness.app).delete(`/api/keys/${created.body.id}`).set(as(alice))).status,
    ).toBe(204);
    expect(await harness.store.resolveProxyKey(hashProxyKey(created.body.key))).toBeUndefined();
    expect(harness.events.map((event) => event.envelope.data)).toContainEqual(
      expect.objectContaining({ entity: 'api_key', entityId: created.body.id, action: 'deleted' }),
    );
  });
});
