/**
 * The built gateway as real processes (`gateway/dist/main.js`, as `npm start` runs it; build
 * with `npx tsc -b tsconfig.json` first): two processes on one data dir share one rate limit and
 * one login throttle through the real Redis from the integration set-up, `LLMFB_WORKERS=2` serves
 * from a cluster, and a gateway stopped right after answering has written every answered
 * request's log row.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream';
import { startGateway, type StartedGateway } from '../support/start-gateway';
import { createAdminClient, type SeededModel } from './admin-client';

let mock: MockUpstream;
const started: StartedGateway[] = [];
const dataDirs: string[] = [];

function requireRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run through the integration project');
  return url;
}

async function startProcess(dataDir: string, env: Record<string, string>): Promise<StartedGateway> {
  const gateway = await startGateway({
    LLMFB_DATA_DIR: dataDir,
    LLMFB_ALLOW_PRIVATE_UPSTREAMS: 'true',
    MONGODB_URI: '',
    KAFKA_BROKERS: '',
    ...env,
  });
  started.push(gateway);
  return gateway;
}

/** `GET /readyz` on a new connection (so a cluster's primary hands it to its next worker). */
function readyStatus(gateway: StartedGateway): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(`${gateway.url}/readyz`, { agent: false }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', () => resolve(0));
  });
}

/**
 * Until `/readyz` answers 200 `times` in a row: Redis connected, so a burst meets the shared
 * limiter rather than a process's in-memory insurance (a loaded machine can take seconds).
 */
async function waitUntilReady(gateway: StartedGateway, times = 1): Promise<void> {
  let streak = 0;
  for (const deadline = Date.now() + 15_000; streak < times;) {
    if (Date.now() > deadline) throw new Error(`${gateway.url} never became ready`);
    streak = (await readyStatus(gateway)) === 200 ? streak + 1 : 0;
    if (streak === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freshDataDir(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'llmfb-processes-'));
  dataDirs.push(directory);
  return directory;
}

/** A superuser and one model config with `rateLimit`, created through `gateway`'s admin API. */
async function seedRateLimitedModel(
  gateway: StartedGateway,
  rateLimit: number,
): Promise<SeededModel & { token: string }> {
  const admin = createAdminClient(gateway.url, mock.url);
  const owner = await admin.signUp();
  const model = await admin.seedModel(
    { provider: 'anthropic', modelName: 'claude-sonnet-4-5', rateLimit },
    owner.token,
  );
  return { ...model, token: owner.token };
}

/** Sends `count` requests at once, spread round-robin over `gateways`; their statuses. */
async function burst(
  gateways: StartedGateway[],
  model: SeededModel,
  count: number,
): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const gateway = gateways[index % gateways.length]!;
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${model.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: model.alias,
          messages: [{ role: 'user', content: `#${index}` }],
        }),
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

/** `failures` wrong-password logins for `username`, spread round-robin over `gateways`; their statuses. */
async function failLogins(
  gateways: StartedGateway[],
  username: string,
  failures: number,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < failures; index += 1) {
    statuses.push(await login(gateways[index % gateways.length]!, username, 'not-the-password'));
  }
  return statuses;
}

/**
 * A client address of its own per test run (the gateway trusts `x-forwarded-for` from loopback):
 * Redis keeps its per-IP counts between runs.
 */
const clientAddress = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;

async function login(gateway: StartedGateway, username: string, password: string): Promise<number> {
  const response = await fetch(`${gateway.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
    body: JSON.stringify({ username, password }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A new user registered through `gateway` (no login yet, so no count is cleared). */
async function register(gateway: StartedGateway): Promise<{ username: string; password: string }> {
  const username = `user_${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const registered = await createAdminClient(gateway.url, mock.url).call(
    'POST',
    '/api/auth/register',
    {
      username,
      email: `${username}@example.com`,
      password,
    },
  );
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  return { username, password };
}

/** Two processes on one fresh data dir with the integration Redis, both ready. */
async function startRedisPair(): Promise<[StartedGateway, StartedGateway]> {
  const dataDir = freshDataDir();
  const env = { REDIS_URL: requireRedisUrl() };
  const first = await startProcess(dataDir, env);
  const second = await startProcess(dataDir, env);
  await Promise.all([waitUntilReady(first), waitUntilReady(second)]);
  return [first, second];
}

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await Promise.all(started.map((gateway) => gateway.stop()));
  await mock?.close();
  for (const directory of dataDirs) rmSync(directory, { recursive: true, force: true });
});

describe('two gateway processes on one data dir, with Redis', () => {
  it('share one model rate limit through Redis: N+1 requests over both → exactly one 429', async () => {
    const [first, second] = await startRedisPair();
    const model = await seedRateLimitedModel(first, 4);
    const statuses = await burst([first, second], model, 5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
  });

  it('share one login throttle: failures spread over both lock the account on both', async () => {
    const [first, second] = await startRedisPair();
    const { username, password } = await register(first);
    // Five failures per account (the default), three on one process and two on the other.
    expect(await failLogins([first, second], username, 5)).toEqual([401, 401, 401, 401, 401]);
    // Even the right password is refused now, on either process.
    expect(await login(first, username, password)).toBe(429);
    expect(await login(second, username, password)).toBe(429);
  });
});

describe('two gateway processes on one data dir, without Redis', () => {
  let first: StartedGateway;
  let second: StartedGateway;

  beforeAll(async () => {
    const dataDir = freshDataDir();
    first = await startProcess(dataDir, { REDIS_URL: '' });
    second = await startProcess(dataDir, { REDIS_URL: '' });
  });

  it('count alone (the control: the same burst gets no 429)', async () => {
    const model = await seedRateLimitedModel(first, 4);
    const statuses = await burst([first, second], model, 5);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
  });

  it('throttle logins alone (the control: five failures over both lock neither)', async () => {
    const { username, password } = await register(first);
    expect(await failLogins([first, second], username, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(await login(second, username, password)).toBe(200);
  });

  it('refuse a key deleted through the other process within 2 s', async () => {
    const model = await seedRateLimitedModel(first, 100);
    const admin = createAdminClient(first.url, mock.url);
    const created = await admin.call('POST', '/api/keys', { name: 'shared' }, model.token);
    const ask = async () =>
      (
        await fetch(`${second.url}/v1/models`, {
          headers: { authorization: `Bearer ${String(created.body.key)}` },
        })
      ).status;
    expect(await ask()).toBe(200); // now cached by the second process
    const deleted = await admin.call(
      'DELETE',
      `/api/keys/${String(created.body.id)}`,
      undefined,
      model.token,
    );
    expect(deleted.status).toBe(204);
    const started = Date.now();
    let status = await ask();
    while (status !== 401 && Date.now() - started < 2500) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = await ask();
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('a gateway stopped right after answering (embedded defaults)', () => {
  it('loses no log row: after a restart on the same data dir every answered request has its row', async () => {
    const dataDir = freshDataDir();
    const gateway = await startProcess(dataDir, { REDIS_URL: '' });
    const model = await seedRateLimitedModel(gateway, 1000);
    // JSON answers and streams at once; their log events are still on their way to the analytics
    // thread (gathered for a few milliseconds per message) when SIGTERM arrives.
    const requestIds = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const response = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${model.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: model.alias,
            stream: index % 3 === 0,
            messages: [{ role: 'user', content: `#${index}` }],
          }),
        });
        await response.arrayBuffer();
        expect(response.status).toBe(200);
        return response.headers.get('x-request-id')!;
      }),
    );
    await gateway.stop();

    const restarted = await startProcess(dataDir, { REDIS_URL: '' });
    const admin = createAdminClient(restarted.url, mock.url);
    const logs = await admin.call('GET', '/api/logs?limit=100', undefined, model.token);
    expect(logs.status).toBe(200);
    const logged = (logs.body.items as Array<{ request_id: string }>).map((row) => row.request_id);
    expect(logged.sort()).toEqual([...requestIds].sort());
  });
});

describe('LLMFB_WORKERS=2', () => {
  it('runs two gateway processes on one port that serve admin and proxy requests', async () => {
    const cluster = await startProcess(freshDataDir(), {
      LLMFB_WORKERS: '2',
      REDIS_URL: requireRedisUrl(),
    });
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(cluster.process.pid)], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    expect(workers).toHaveLength(2);
    // New connections go to the workers in turn: four answers in a row cover both.
    await waitUntilReady(cluster, 4);

    const model = await seedRateLimitedModel(cluster, 6);
    // Concurrent requests open several connections, which the primary hands out in turn.
    const openai = new OpenAI({ baseURL: `${cluster.url}/v1`, apiKey: model.key, maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: cluster.url, apiKey: model.key, maxRetries: 0 });
    const answers = await Promise.all(
      [1, 2, 3].map((turn) =>
        openai.chat.completions.create({
          model: model.alias,
          messages: [{ role: 'user', content: `turn ${turn}` }],
        }),
      ),
    );
    expect(answers.map((answer) => answer.choices[0]?.message.content)).toEqual(
      [1, 2, 3].map((turn) => `Hello from claude-sonnet-4-5: turn ${turn}`),
    );
    const streamed = await anthropic.messages
      .stream({
        model: model.alias,
        max_tokens: 16,
        messages: [{ role: 'user', content: 'streamed' }],
      })
      .finalMessage();
    expect(streamed.content[0]).toMatchObject({ text: 'Hello from claude-sonnet-4-5: streamed' });

    // 4 used; the shared limit of 6 leaves 2: a burst of 3 gets exactly one 429.
    const statuses = await burst([cluster], model, 3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });
});
