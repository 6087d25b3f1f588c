import request from 'supertest';
import { hashProxyKey } from '@llmfb/shared/node';
import { createTestAdminApp, type TestAdminApp } from './__fixtures__/create-test-admin-app';

describe('/api/users', () => {
  let harness: TestAdminApp;
  let root: { id: string; token: string; refreshToken: string };
  let alice: { id: string; token: string; refreshToken: string };
  const as = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

  beforeEach(async () => {
    harness = createTestAdminApp();
    root = await harness.signUp('root');
    alice = await harness.signUp('alice', 'alice-password');
  });
  afterEach(() => harness.close());

  it('lets only a superuser list users, without password hashes', async () => {
    expect((await request(harness.app).get('/api/users').set(as(alice))).status).toBe(403);
    const list = await request(harness.app).get('/api/users?limit=1').set(as(root));
    expect(list.body.items).toHaveLength(1);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const next = await request(harness.app)
      .get(`/api/users?limit=1&cursor=${list.body.next_cursor}`)
      .set(as(root));
    expect(next.body.items[0].username).toBe('alice');
    expect(list.text + next.text).not.toMatch(/scrypt|password/);
  });

  it('deactivating a user kills their access token, refresh tokens and proxy keys', async () => {
    const credential = await request(harness.app)
      .post('/api/credentials')
      .set(as(alice))
      .send({ name: 'c', provider: 'openai', api_key: 'sk-0123456789abcdef' });
    const model = await request(harness.app)
      .post('/api/models')
      .set(as(alice))
      .send({ credential_id: credential.body.id, model_name: 'm', target_format: 'openai' });
    const deactivated = await request(harness.app)
      .put(`/api/users/${alice.id}`)
      .set(as(root))
      .send({ is_active: false });
    expect(deactivated.body).toMatchObject({ id: alice.id, is_active: false });
    expect((await request(harness.app).get('/api/auth/me').set(as(alice))).status).toBe(401);
    expect(
      (
        await request(harness.app)
          .post('/api/auth/refresh')
          .send({ refresh_token: alice.refreshToken })
      ).status,
    ).toBe(401);
    expect(
      (
        await request(harness.app)
          .post('/api/auth/login')
          .send({ username: 'alice', password: 'alice-password' })
      ).status,
    ).toBe(401);
    const grant = await harness.store.resolveProxyKey(hashProxyKey(model.body.proxy_api_key));
    expect(grant?.user.isActive).toBe(false);
    expect(harness.events.map((event) => event.envelope.data)).toContainEqual(
      expect.objectContaining({ entity: 'user', entityId: alice.id, action: 'updated' }),
    );
  });

  it('promotes, refuses self-demotion, deletes users', async () => {
    expect(
      (
        await request(harness.app)
          .put(`/api/users/${alice.id}`)
          .set(as(root))
          .send({ is_superuser: true })
      ).body.is_superuser,
    ).toBe(true);
    expect(
      (
        await request(harness.app)
          .put(`/api/users/${root.id}`)
          .set(as(root))
          .send({ is_active: false })
      ).status,
    ).toBe(409);
    expect((await request(harness.app).delete(`/api/users/${root.id}`).set(as(root))).status).toBe(
      409,
    );
    expect((await request(harness.app).delete(`/api/users/${alice.id}`).set(as(root))).status).toBe(
      204,
    );
    expect((await request(harness.app).delete(`/api/users/${alice.id}`).set(as(root))).status).toBe(
      404,
    );
    expect((await request(harness.app).get('/api/auth/me').set(as(alice))).status).toBe(401);
  });

  it('changes the own password after checking the current one, signing other sessions out', async () => {
    const wrong = await request(harness.app)
      .put('/api/users/me/password')
      .set(as(alice))
      .send({ current_password: 'nope', new_password: 'new-password-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('current_password');
    const changed = await request(harness.app)
      .put('/api/users/me/password')
      .set(as(alice))
      .send({ current_password: 'alice-password', new_password: 'new-password-1' });
    expect(changed.status).toBe(204);
    expect(
      (
        await request(harness.app)
          .post('/api/auth/refresh')
          .send({ refresh_token: alice.refreshToken })
      ).status,
    ).toBe(401);
    expect(
      (
        await request(harness.app)
          .post('/api/auth/login')
          .send({ username: 'alice', password: 'new-password-1' })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(harness.app)
          .post('/api/auth/login')
          .send({ username: 'alice', password: 'alice-password' })
      ).status,
    ).toBe(401);
  });
});
