/**
 * @module create-test-admin-app
 * A small Express app around the admin router for tests: express + the router at `/api` + the
 * admin error handler, over an in-memory SQLite store, a recording event publisher and fast
 * scrypt parameters.
 */
import { generateKeyPairSync } from 'node:crypto';
import express, { type Express } from 'express';
import request from 'supertest';
import {
  silentLogger,
  type ConfigStore,
  type EventEnvelope,
  type EventPublisher,
  type Topic,
} from '@llmfb/shared';
import {
  createSecretBox,
  createSqliteConfigStore,
  hashPassword,
  parseMasterKeys,
  verifyPassword,
  type SecretBox,
} from '@llmfb/shared/node';
import { createAccessTokens, type AccessTokens } from '../../auth/access-tokens';
import type { JwtKeyPair } from '../../auth/jwt-keys';
import { createRequestIdMiddleware } from '../../http/middleware/request-id';
import { createAdminErrorHandler, createNotFoundHandler } from '../../http/middleware/error-handler';
import type { AdminDeps, AdminSettings } from '../admin-deps';
import { createAdminRouter } from '../create-admin-router';

let cachedKeys: JwtKeyPair | undefined;
export function getTestJwtKeys(): JwtKeyPair {
  cachedKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
  return cachedKeys;
}

export const testMasterKey = Buffer.alloc(32, 7).toString('base64');

export interface RecordedEvent {
  readonly topic: Topic;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

export interface TestAdminApp {
  readonly app: Express;
  readonly store: ConfigStore;
  readonly secretBox: SecretBox;
  readonly accessTokens: AccessTokens;
  readonly events: RecordedEvent[];
  /** Registers and logs in; the first call makes the superuser. */
  signUp(username: string, password?: string): Promise<{ id: string; token: string; refreshToken: string }>;
  close(): Promise<void>;
}

export interface TestAdminAppOptions {
  readonly settings?: Partial<AdminSettings>;
  readonly deps?: Partial<AdminDeps>;
  readonly store?: ConfigStore;
}

export const testPasswordHashing = {
  hash: (password: string) => hashPassword(password, { logN: 10, r: 8, p: 1 }),
  verify: verifyPassword,
};

export function createTestAdminApp(options: TestAdminAppOptions = {}): TestAdminApp {
  const store = options.store ?? createSqliteConfigStore({ filePath: ':memory:' });
  const secretBox = createSecretBox(parseMasterKeys(`test:${testMasterKey}`));
  const accessTokens = createAccessTokens({ keys: getTestJwtKeys(), ttlSeconds: 900 });
  const events: RecordedEvent[] = [];
  const publisher: EventPublisher = {
    publish(topic, key, envelope) {
      events.push({ topic, key, envelope });
    },
  };
  const settings: AdminSettings = {
    allowRegistration: true,
    allowPrivateUpstreams: false,
    refreshTokenTtlSeconds: 3600,
    cookieSecure: false,
    maxBodyBytes: 64 * 1024,
    claudeCliVersion: '2.0.50',
    upstreamTimeoutMs: 2000,
    ...options.settings,
  };
  const app = express();
  app.set('query parser', 'simple');
  app.set('trust proxy', 'loopback');
  app.use(createRequestIdMiddleware());
  app.use(
    '/api',
    createAdminRouter({
      store,
      secretBox,
      accessTokens,
      events: publisher,
      logger: silentLogger,
      settings,
      passwords: testPasswordHashing,
      ...options.deps,
    }),
  );
  app.use(createNotFoundHandler());
  app.use(createAdminErrorHandler(silentLogger));

  return {
    app,
    store,
    secretBox,
    accessTokens,
    events,
    async signUp(username, password = `${username}-password`) {
      const registered = await request(app)
        .post('/api/auth/register')
        .send({ username, email: `${username}@example.com`, password });
      if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status} ${registered.text}`);
      const login = await request(app).post('/api/auth/login').send({ username, password });
      if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${login.text}`);
      return { id: registered.body.user.id, token: login.body.access_token, refreshToken: login.body.refresh_token };
    },
    close: () => store.close(),
  };
}
