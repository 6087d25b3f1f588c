/**
 * @module admin-client
 * Drives a running gateway's admin API the way the console does (register, log in, create
 * credentials, model configs and keys, read request logs) for the proxy tests; works against an
 * in-process gateway and a child-process one alike.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

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
  /** Default: the upstream base URL (with `/v1` for OpenAI credentials). */
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

export interface AdminClient {
  /** Calls the admin API, as `token` when given. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<AdminResponse>;
  /** Registers and logs in a new user (the first one becomes the superuser). */
  signUp(): Promise<{ id: string; token: string }>;
  /** Credential (pointing at `upstreamUrl` unless told otherwise) + model config; its new key. */
  seedModel(options: SeedModelOptions, token: string): Promise<SeededModel>;
  /** Polls `GET /api/logs/{requestId}` until the workers have written the row. */
  waitForLog(requestId: string, token: string, timeoutMs?: number): Promise<RequestLogRow>;
}

let seedCounter = 0;

export function createAdminClient(gatewayUrl: string, upstreamUrl: string): AdminClient {
  async function call(
    method: string,
    pathname: string,
    body?: unknown,
    token?: string,
  ): Promise<AdminResponse> {
    const response = await fetch(gatewayUrl + pathname, {
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

  async function expectCreated(
    pathname: string,
    body: unknown,
    token: string,
  ): Promise<Record<string, unknown>> {
    const answer = await call('POST', pathname, body, token);
    if (answer.status !== 201)
      throw new Error(`POST ${pathname}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return {
    call,

    async signUp() {
      const username = `user_${randomBytes(4).toString('hex')}`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const registered = await call('POST', '/api/auth/register', {
        username,
        email: `${username}@example.com`,
        password,
      });
      if (registered.status !== 201) throw new Error(`register: ${JSON.stringify(registered)}`);
      const login = await call('POST', '/api/auth/login', { username, password });
      if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login)}`);
      return {
        id: (registered.body.user as { id: string }).id,
        token: String(login.body.access_token),
      };
    },

    async seedModel(seed, token) {
      seedCounter += 1;
      const suffix = `${seedCounter}-${randomBytes(3).toString('hex')}`;
      const credential = await expectCreated(
        '/api/credentials',
        {
          name: `cred-${suffix}`,
          provider: seed.provider,
          api_key: seed.apiKey ?? `sk-test-${randomBytes(12).toString('hex')}`,
          api_url: seed.apiUrl ?? (seed.provider === 'openai' ? `${upstreamUrl}/v1` : upstreamUrl),
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
    },

    async waitForLog(requestId, token, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const answer = await call(
          'GET',
          `/api/logs/${encodeURIComponent(requestId)}`,
          undefined,
          token,
        );
        if (answer.status === 200) return answer.body as unknown as RequestLogRow;
        if (Date.now() > deadline)
          throw new Error(
            `no request log for ${requestId} within ${timeoutMs} ms (${answer.status})`,
          );
        await sleep(25);
      }
    },
  };
}
