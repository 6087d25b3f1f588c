/**
 * Secrets at rest: after driving the admin API, neither the SQLite file (with its WAL) nor the
 * MongoDB collections contain an upstream API key, a proxy key, a refresh token or a password in
 * plain text.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { ConfigStore } from '@llmfb/shared';
import { connectMongo, createMongoConfigStore, createSqliteConfigStore } from '@llmfb/shared/node';
import { createTestAdminApp } from '../src/admin/__fixtures__/create-test-admin-app';

interface Secrets {
  readonly values: string[];
}

async function driveAdminApi(store: ConfigStore): Promise<Secrets> {
  const harness = createTestAdminApp({ store });
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const owner = await harness.signUp(`owner${randomBytes(3).toString('hex')}`, password);
  const auth = { authorization: `Bearer ${owner.token}` };
  const upstreamKey = `sk-ant-api03-${randomBytes(24).toString('hex')}`;
  const relayKey = `cr_${randomBytes(24).toString('hex')}`;
  const credential = await request(harness.app)
    .post('/api/credentials')
    .set(auth)
    .send({ name: 'main', provider: 'anthropic', api_key: upstreamKey });
  await request(harness.app).post('/api/credentials').set(auth).send({
    name: 'relay',
    provider: 'anthropic',
    api_key: relayKey,
    api_url: 'https://relay.example.com/api',
  });
  const rotatedKey = `sk-ant-api03-${randomBytes(24).toString('hex')}`;
  await request(harness.app)
    .put(`/api/credentials/${credential.body.id}`)
    .set(auth)
    .send({ api_key: rotatedKey });
  const model = await request(harness.app)
    .post('/api/models')
    .set(auth)
    .send({ credential_id: credential.body.id, model_name: 'claude-x', target_format: 'openai' });
  const key = await request(harness.app).post('/api/keys').set(auth).send({ name: 'ci' });
  expect([credential.status, model.status, key.status]).toEqual([201, 201, 201]);
  return {
    values: [
      password,
      upstreamKey,
      relayKey,
      rotatedKey,
      model.body.proxy_api_key,
      key.body.key,
      owner.refreshToken,
    ],
  };
}

function expectNoneIn(haystack: Buffer, secrets: Secrets): void {
  for (const secret of secrets.values) {
    expect(haystack.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    // A long enough piece would betray it too (masking keeps 7 + 4 characters).
    expect(haystack.includes(Buffer.from(secret.slice(8, 24), 'utf8'))).toBe(false);
  }
}

describe('no secret in plain text at rest', () => {
  it('SQLite: the database file and its WAL', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'llmfb-secrets-'));
    try {
      const store = createSqliteConfigStore({ filePath: path.join(directory, 'llmfb.db') });
      const secrets = await driveAdminApi(store);
      const live = Buffer.concat(
        readdirSync(directory).map((file) => readFileSync(path.join(directory, file))),
      );
      expect(live.length).toBeGreaterThan(4096);
      expectNoneIn(live, secrets);
      await store.close();
      const closed = Buffer.concat(
        readdirSync(directory).map((file) => readFileSync(path.join(directory, file))),
      );
      expect(closed.includes(Buffer.from('api_key_encrypted'))).toBe(true);
      expectNoneIn(closed, secrets);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('MongoDB: every collection of the config database', async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) throw new Error('MONGODB_URI is not set: run through the integration project');
    const base = await connectMongo(uri);
    const database = base.useDb(`llmfb_secrets_${randomBytes(6).toString('hex')}`, {
      useCache: false,
    });
    try {
      const store = await createMongoConfigStore({ connection: database, ownsConnection: false });
      const secrets = await driveAdminApi(store);
      const collections = await database.db!.collections();
      const names = collections.map((collection) => collection.collectionName).sort();
      expect(names).toEqual(
        expect.arrayContaining([
          'api_keys',
          'credentials',
          'model_configs',
          'refresh_tokens',
          'users',
        ]),
      );
      const dump = await Promise.all(
        collections.map((collection) => collection.find({}).toArray()),
      );
      const text = Buffer.from(JSON.stringify(dump));
      expect(text.includes(Buffer.from('apiKeyEncrypted'))).toBe(true);
      expectNoneIn(text, secrets);
    } finally {
      await database.dropDatabase();
      await base.close();
    }
  });
});
