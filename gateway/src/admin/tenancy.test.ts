import request from 'supertest';
import { adminEndpoints, validBodies, type ResourceKind } from './__fixtures__/admin-endpoints';
import { createTestAdminApp, type TestAdminApp } from './__fixtures__/create-test-admin-app';

describe("tenancy: another user's resource is invisible", () => {
  let harness: TestAdminApp;
  let alice: { id: string; token: string };
  let mallory: { id: string; token: string };
  const ids = {} as Record<ResourceKind, string>;

  beforeAll(async () => {
    harness = createTestAdminApp();
    await harness.signUp('root');
    alice = await harness.signUp('alice');
    mallory = await harness.signUp('mallory');
    const as = { authorization: `Bearer ${alice.token}` };
    ids.credential = (
      await request(harness.app)
        .post('/api/credentials')
        .set(as)
        .send({ name: 'c', provider: 'openai', api_key: 'sk-0123456789abcdef' })
    ).body.id;
    const model = await request(harness.app)
      .post('/api/models')
      .set(as)
      .send({ credential_id: ids.credential, model_name: 'm', target_format: 'openai' });
    ids.model = model.body.id;
    ids.key = model.body.proxy_api_key_id;
    ids.user = alice.id;
  });
  afterAll(() => harness.close());

  const scoped = adminEndpoints.filter((endpoint) => endpoint.resource && !endpoint.superuserOnly);
  it.each(
    scoped.map((endpoint) => [endpoint.method.toUpperCase(), endpoint.path, endpoint] as const),
  )("%s %s answers 404 for another user's resource", async (_method, _path, endpoint) => {
    const path = endpoint.path.replace(':id', ids[endpoint.resource!]);
    const body = validBodies[`${endpoint.method} ${endpoint.path}`];
    const answer = await request(harness.app)
      [endpoint.method](path)
      .set('authorization', `Bearer ${mallory.token}`)
      .send(body);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('resource_not_found');
    const owner = await request(harness.app)
      .get(path.replace(/\/(validate|upstream-models|info)$/, ''))
      .set('authorization', `Bearer ${alice.token}`);
    expect(owner.status).toBe(200);
  });

  it.each(
    adminEndpoints
      .filter((endpoint) => endpoint.superuserOnly)
      .map((endpoint) => [endpoint.method.toUpperCase(), endpoint.path, endpoint] as const),
  )('%s %s is for superusers only (403)', async (_method, _path, endpoint) => {
    const path = endpoint.path.replace(':id', ids.user);
    const answer = await request(harness.app)
      [endpoint.method](path)
      .set('authorization', `Bearer ${mallory.token}`)
      .send({ is_active: false });
    expect(answer.status).toBe(403);
  });

  it.each(
    adminEndpoints
      .filter((endpoint) => !endpoint.public)
      .map((endpoint) => [endpoint.method.toUpperCase(), endpoint.path, endpoint] as const),
  )('%s %s answers 401 without a token', async (_method, _path, endpoint) => {
    const answer = await request(harness.app)[endpoint.method](endpoint.path.replace(':id', 'x'));
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
  });

  it("lists never show another user's records", async () => {
    for (const path of ['/api/credentials', '/api/models', '/api/keys']) {
      const answer = await request(harness.app)
        .get(path)
        .set('authorization', `Bearer ${mallory.token}`);
      expect(answer.body).toEqual({ items: [], next_cursor: null });
    }
  });
});
