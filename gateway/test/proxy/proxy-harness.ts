/**
 * @module proxy-harness
 * One gateway (the real composition root, `composeGateway`) on a temporary LLMFB_DATA_DIR,
 * listening on a free loopback port, in front of the in-repo mock upstream, with a superuser
 * signed up through the real admin API. `seedModel` creates a credential pointing at the mock and
 * a model config, and returns the `llmb_` key the gateway handed out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@llmfb/shared/node';
import { composeGateway, type Gateway } from '../../src/compose-gateway';
import { createLogger } from '../../src/logger';
import {
  startMockUpstream,
  type MockUpstream,
  type MockUpstreamOptions,
} from '../support/mock-upstream';
import {
  createAdminClient,
  type AdminResponse,
  type RequestLogRow,
  type SeededModel,
  type SeedModelOptions,
} from './admin-client';

export type { AdminResponse, RequestLogRow, SeededModel, SeedModelOptions };

export interface ProxyHarness {
  /** The gateway's base URL (no trailing slash). */
  readonly url: string;
  readonly mock: MockUpstream;
  readonly gateway: Gateway;
  readonly config: Config;
  /** The first registered user's (the superuser's) access token. */
  readonly token: string;
  readonly userId: string;
  /** Calls the admin API as `token` (default: the superuser). */
  admin(method: string, path: string, body?: unknown, token?: string): Promise<AdminResponse>;
  /** Credential + model config through the admin API (as the superuser unless `token`). */
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
  const server = http.createServer(gateway.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createAdminClient(url, mock.url);
  const owner = await client.signUp();

  return {
    url,
    mock,
    gateway,
    config,
    token: owner.token,
    userId: owner.id,
    admin: (method, pathname, body, token = owner.token) =>
      client.call(method, pathname, body, token),
    seedModel: (seed, token = owner.token) => client.seedModel(seed, token),
    signUp: () => client.signUp(),
    waitForLog: (requestId, timeoutMs) => client.waitForLog(requestId, owner.token, timeoutMs),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      await mock.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
