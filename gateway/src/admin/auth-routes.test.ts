import jwt from 'jsonwebtoken';
import request from 'supertest';
import {
  createTestAdminApp,
  getTestJwtKeys,
  type TestAdminApp,
} from './__fixtures__/create-test-admin-app';
import { accessTokenAudience, accessTokenIssuer } from '../auth/access-tokens';
import { createLoginThrottle } from '../auth/login-throttle';

describe('/api/auth', () => {
  let harness: TestAdminApp;
  beforeEach(() => {
    harness = createTestAdminApp({
      deps: { loginThrottle: createLoginThrottle({ failuresPerAccount: 3, failuresPerIp: 6 }) },
    });
  });
  afterEach(() => harness.close());

  it('registers the first user as superuser, later ones not; refuses duplicates and weak passwords', async () => {
    const first = await request(harness.app)
      .post('/api/auth/register')
      .send({ username: 'root', email: 'Root@Example.com', password: 'long-enough-1' });
    expect(first.status).toBe(201);
    expect(first.body.user).toMatchObject({
      username: 'root',
      email: 'root@example.com',
      is_superuser: true,
      is_active: true,
    });
    expect(first.text).not.toContain('long-enough-1');
    expect(first.text).not.toContain('scrypt');
    const second = await request(harness.app)
      .post('/api/auth/register')
      .send({ username: 'bob', email: 'bob@example.com', password: 'long-enough-2' });
    expect(second.body.user.is_superuser).toBe(false);
    const duplicate = await request(harness.app)
      .post('/api/auth/register')
      .send({ username: 'bob', email: 'other@example.com', password: 'long-enough-2' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('resource_conflict');
    const weak = await request(harness.app)
      .post('/api/auth/register')
      .send({ username: 'carol', email: 'carol@example.com', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    const unknownField = await request(harness.app).post('/api/auth/register').send({
      username: 'dave',
      email: 'dave@example.com',
      password: 'long-enough',
      is_superuser: true,
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.details).toEqual([
      { path: 'is_superuser', message: 'Unknown field.' },
    ]);
  });

  it('closes registration after the first user when LLMFB_ALLOW_REGISTRATION=false', async () => {
    const closed = createTestAdminApp({ settings: { allowRegistration: false } });
    const first = await request(closed.app)
      .post('/api/auth/register')
      .send({ username: 'root', email: 'root@example.com', password: 'long-enough-1' });
    expect(first.status).toBe(201);
    const later = await request(closed.app)
      .post('/api/auth/register')
      .send({ username: 'bob', email: 'bob@example.com', password: 'long-enough-1' });
    expect(later.status).toBe(403);
    expect(later.body.error.code).toBe('auth_registration_closed');
    await closed.close();
  });

  it('logs in by username or email with one message for every wrong login', async () => {
    await harness.signUp('alice', 'alice-password');
    const byEmail = await request(harness.app)
      .post('/api/auth/login')
      .send({ username: 'ALICE@example.com', password: 'alice-password' });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 900,
      user: { username: 'alice' },
    });
    expect(byEmail.headers['set-cookie']?.[0]).toMatch(
      /^llmfb_refresh=.+; Path=\/api\/auth; Expires=.+; HttpOnly; SameSite=Strict$/,
    );
    const wrongPassword = await request(harness.app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'nope-nope' });
    const noSuchUser = await request(harness.app)
      .post('/api/auth/login')
      .send({ username: 'mallory', password: 'nope-nope' });
    expect(wrongPassword.status).toBe(401);
    expect(noSuchUser.status).toBe(401);
    expect(noSuchUser.body).toEqual(wrongPassword.body);
    const me = await request(harness.app)
      .get('/api/auth/me')
      .set('authorization', `Bearer ${byEmail.body.access_token}`);
    expect(me.body.user.username).toBe('alice');
  });

  it('throttles repeated failures per account (429 with retry-after), and per IP', async () => {
    await harness.signUp('alice', 'alice-password');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(
        (
          await request(harness.app)
            .post('/api/auth/login')
            .send({ username: 'alice', password: 'wrong-one' })
        ).status,
      ).toBe(401);
    }
    const blocked = await request(harness.app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'alice-password' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('auth_throttled');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(harness.app)
        .post('/api/auth/login')
        .send({ username: `ghost${attempt}`, password: 'wrong-one' });
    }
    const ipBlocked = await request(harness.app)
      .post('/api/auth/login')
      .send({ username: 'someone-else', password: 'x' });
    expect(ipBlocked.status).toBe(429);
  });

  it('rotates refresh tokens; reuse of a dead one revokes the whole family', async () => {
    const alice = await harness.signUp('alice');
    const rotated = await request(harness.app)
      .post('/api/auth/refresh')
      .send({ refresh_token: alice.refreshToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(alice.refreshToken);
    const reused = await request(harness.app)
      .post('/api/auth/refresh')
      .send({ refresh_token: alice.refreshToken });
    expect(reused.status).toBe(401);
    const successor = await request(harness.app)
      .post('/api/auth/refresh')
      .send({ refresh_token: rotated.body.refresh_token });
    expect(successor.status).toBe(401);
    const missing = await request(harness.app).post('/api/auth/refresh').send({});
    expect(missing.status).toBe(401);
  });

  it('refreshes from the httpOnly cookie and logs out', async () => {
    await harness.signUp('alice', 'alice-password');
    const agent = request.agent(harness.app);
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'alice-password' });
    const viaCookie = await agent.post('/api/auth/refresh').send();
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.refresh_token).not.toBe(login.body.refresh_token);
    const logout = await agent.post('/api/auth/logout').send();
    expect(logout.status).toBe(204);
    const afterLogout = await request(harness.app)
      .post('/api/auth/refresh')
      .send({ refresh_token: viaCookie.body.refresh_token });
    expect(afterLogout.status).toBe(401);
  });

  describe('access tokens', () => {
    const sign = (payload: object, key: jwt.Secret, options: jwt.SignOptions) =>
      jwt.sign(payload, key, options);

    it('refuses alg none, HS256 with the public key, expired and tampered tokens', async () => {
      const alice = await harness.signUp('alice');
      const claims = { sub: alice.id, iss: accessTokenIssuer, aud: accessTokenAudience };
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url')}.`;
      const publicPem = getTestJwtKeys()
        .publicKey.export({ type: 'spki', format: 'pem' })
        .toString();
      const hs256 = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url')}`;
      const { createHmac } = await import('node:crypto');
      const hs256Token = `${hs256}.${createHmac('sha256', publicPem).update(hs256).digest('base64url')}`;
      const expired = sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
        getTestJwtKeys().privateKey,
        { algorithm: 'RS256' },
      );
      const [header, payload, signature] = alice.token.split('.');
      const forged = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
          sub: 'someone-else',
        }),
      ).toString('base64url');
      const tampered = `${header}.${forged}.${signature}`;
      for (const token of [unsigned, hs256Token, expired, tampered, 'garbage']) {
        const answer = await request(harness.app)
          .get('/api/auth/me')
          .set('authorization', `Bearer ${token}`);
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('auth_invalid');
      }
      const expiredAnswer = await request(harness.app)
        .get('/api/auth/me')
        .set('authorization', `Bearer ${expired}`);
      expect(expiredAnswer.body.error.message).toMatch(/expired/);
      expect((await request(harness.app).get('/api/auth/me')).body.error.code).toBe('auth_missing');
      expect(
        (
          await request(harness.app)
            .get('/api/auth/me')
            .set('authorization', `Bearer ${alice.token}`)
        ).status,
      ).toBe(200);
    });
  });
});
