/**
 * @module proxy-harness
 * One gateway (the real composition root, `composeGateway`) on a temporary LLMFB_DATA_DIR,
 * listening on a free loopback port, in front of the in-repo mock upstream. The admin side is
 * driven through the real admin API: `seedModel` registers nothing new, it creates a credential
 * pointing at the mock and a model config, and returns the `llmb_` key the gateway handed out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, type Config } from '@llmfb/shared/node';
import { composeGateway, type Gateway } from '../../src/compose-gateway';
import { createLogger } from '../../src/logger';
import {
  startMockUpstream,
  type MockUpstream,
  type MockUpstreamOptions,
} from '../support/mock-upstream';

export type Provider = 'openai' | 'anthropic';

export interface SeedModelOptions {
  /** The credential's provider (the upstream's API format). */
  readonly provider: Provider;
  /** Default: a unique alias. */
  readonly alias?: string;
  /** Default: `up-<provider>-model`. */
  readonly modelName?: string;
  readonly targetFormat?: Provider;
  readonly rateLimit?: number;
  /** Default: a `sk-…` key. */
  readonly apiKey?: string;
  /** Default: the mock (with `/v1` for OpenAI credentials). */
  readonly apiUrl?: string;
  readonly injectSystemPrompt?: boolean;
  readonly cliVersion?: string;
}

export interface SeededModel {
  /** The proxy key created with the model config (`llmb_…`). */
  readonly key: string;
  readonly alias: string;
  readonly modelName: string;
  readonly modelConfigId: string;
  readonly credentialId: string;
}

export interface AdminResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface RequestLogRow {
  readonly request_id: string;
  readonly model_config_id: string | null;
  readonly key_id: string | null;
  readonly model: string | null;
  readonly source_format: string;
  readonly target_format: string | null;
  readonly stream: boolean;
  readonly status_code: number;
  readonly response_time_ms: number;
  readonly ttft_ms: number | null;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly tokens_used: number;
  readonly error_message: string | null;
  readonly tokens_estimated: boolean;
  readonly upstream_attempts: number;
  readonly conversion_notes: ReadonlyArray<{
    readonly kind: string;
    readonly path: string;
    readonly message: string;
  }>;
}

export interface ProxyHarness {
  /** The gateway's base URL (no trailing slash). */
  readonly url: string;
  readonly mock: MockUpstream;
  readonly gateway: Gateway;
  readonly config: Config;
  /** The first registered user's (superuser's) access token. */
  readonly token: string;
  readonly userId: string;
  /** Calls the admin API as `token` (default: the superuser). */
  admin(method: string, path: string, body?: unknown, token?: string): Promise<AdminResponse>;
  /** Credential + model config through the admin API; returns the new proxy key. */
  seedModel(options: SeedModelOptions, token?: string): Promise<SeededModel>;
  /** Registers and logs in another (non-superuser) user. */
  signUp(): Promise<{ id: string; token: string }>;
  /** Polls `GET /api/logs/{requestId}` until the embedded workers wrote the row. */
  waitForLog(requestId: string, timeoutMs?: number): Promise<RequestLogRow>;
  close(): Promise<void>;
}

export interface ProxyHarnessOptions {
  /** Configuration overrides (env names), e.g. `{ LLMFB_BREAKER_RESET_MS: '300' }`. */
  readonly env?: Record<string, string>;
  readonly mock?: MockUpstreamOptions;
}

let seedCounter = 0;

export async function startProxyHarness(options: ProxyHarnessOptions = {}): Promise<ProxyHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'llmfb-proxy-'));
  const mock = await startMockUpstream(options.mock);
  const config = loadConfig({
    LLMFB_DATA_DIR: dataDir,
    LLMFB_ALLOW_PRIVATE_UPSTREAMS: 'true',
    LLMFB_LOG_LEVEL: process.env.LLMFB_TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const gateway = await composeGateway(config, createLogger(config.LLMFB_LOG_LEVEL), {
    consoleDirectory: null,
  });
  const server = http.createServer(gateway.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function admin(
    method: string,
    pathname: string,
    body?: unknown,
    token?: string,
  ): Promise<AdminResponse> {
    const response = await fetch(url + pathname, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  async function signUp(): Promise<{ id: string; token: string }> {
    const username = `user_${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const registered = await admin('POST', '/api/auth/register', {
      username,
      email: `${username}@example.com`,
      password,
    });
    if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered)}`);
    const login = await admin('POST', '/api/auth/login', { username, password });
    if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login)}`);
    return {
      id: (registered.body.user as { id: string }).id,
      token: String(login.body.access_token),
    };
  }

  const owner = await signUp();

  async function expectCreated(
    method: string,
    pathname: string,
    body: unknown,
    token: string,
  ): Promise<Record<string, unknown>> {
    const answer = await admin(method, pathname, body, token);
    if (answer.status !== 201)
      throw new Error(`${method} ${pathname}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async function seedModel(seed: SeedModelOptions, token = owner.token): Promise<SeededModel> {
    seedCounter += 1;
    const suffix = `${seedCounter}-${randomBytes(3).toString('hex')}`;
    const credential = await expectCreated(
      'POST',
      '/api/credentials',
      {
        name: `cred-${suffix}`,
        provider: seed.provider,
        api_key: seed.apiKey ?? `sk-test-${randomBytes(12).toString('hex')}`,
        api_url: seed.apiUrl ?? (seed.provider === 'openai' ? `${mock.url}/v1` : mock.url),
        ...(seed.injectSystemPrompt === undefined
          ? {}
          : { inject_system_prompt: seed.injectSystemPrompt }),
        ...(seed.cliVersion === undefined ? {} : { cli_version: seed.cliVersion }),
      },
      token,
    );
    const modelName = seed.modelName ?? `up-${seed.provider}-model`;
    const alias = seed.alias ?? `alias-${suffix}`;
    const model = await expectCreated(
      'POST',
      '/api/models',
      {
        credential_id: credential.id,
        model_name: modelName,
        target_format: seed.targetFormat ?? seed.provider,
        alias,
        ...(seed.rateLimit === undefined ? {} : { rate_limit: seed.rateLimit }),
      },
      token,
    );
    return {
      key: String(model.proxy_api_key),
      alias,
      modelName,
      modelConfigId: String(model.id),
      credentialId: String(credential.id),
    };
  }

  async function waitForLog(requestId: string, timeoutMs = 5000): Promise<RequestLogRow> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await admin(
        'GET',
        `/api/logs/${encodeURIComponent(requestId)}`,
        undefined,
        owner.token,
      );
      if (answer.status === 200) return answer.body as unknown as RequestLogRow;
      if (Date.now() > deadline)
        throw new Error(
          `no request log for ${requestId} within ${timeoutMs} ms (${answer.status})`,
        );
      await sleep(25);
    }
  }

  return {
    url,
    mock,
    gateway,
    config,
    token: owner.token,
    userId: owner.id,
    admin: (method, pathname, body, token = owner.token) => admin(method, pathname, body, token),
    seedModel,
    signUp,
    waitForLog,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await mock.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
