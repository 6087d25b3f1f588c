/**
 * @module admin-deps
 * Everything the admin API needs, injected by the composition root (`gateway/src/main.ts`).
 */
import type { Dispatcher } from 'undici';
import type { Config } from '@llmfb/shared/node';
import type { ConfigStore, EventPublisher, Logger, ModelConfig } from '@llmfb/shared';
import type { SecretBox } from '@llmfb/shared/node';
import type { AccessTokens } from '../auth/access-tokens';
import type { PasswordHashing } from '../auth/auth-sessions';
import type { LoginThrottle } from '../auth/login-throttle';
import type { PrincipalLoader } from '../auth/principal-loader';

export interface AdminSettings {
  /** LLMFB_ALLOW_REGISTRATION: false closes registration once a first user exists. */
  readonly allowRegistration: boolean;
  /** LLMFB_ALLOW_PRIVATE_UPSTREAMS: lets non-admins point credentials at private addresses. */
  readonly allowPrivateUpstreams: boolean;
  readonly refreshTokenTtlSeconds: number;
  /** LLMFB_COOKIE_SECURE: mark the refresh cookie `Secure` (behind HTTPS). */
  readonly cookieSecure: boolean;
  /** LLMFB_ADMIN_MAX_BODY_BYTES: larger bodies get a 413. */
  readonly maxBodyBytes: number;
  /** LLMFB_CLAUDE_CLI_VERSION: relay User-Agent version when a credential sets none. */
  readonly claudeCliVersion: string;
  /** Connect/first-byte timeout of validation and model-list calls. */
  readonly upstreamTimeoutMs: number;
}

export function createAdminSettings(config: Config): AdminSettings {
  return {
    allowRegistration: config.LLMFB_ALLOW_REGISTRATION,
    allowPrivateUpstreams: config.LLMFB_ALLOW_PRIVATE_UPSTREAMS,
    refreshTokenTtlSeconds: config.LLMFB_REFRESH_TOKEN_TTL_SECONDS,
    cookieSecure: config.LLMFB_COOKIE_SECURE,
    maxBodyBytes: config.LLMFB_ADMIN_MAX_BODY_BYTES,
    claudeCliVersion: config.LLMFB_CLAUDE_CLI_VERSION,
    upstreamTimeoutMs: Math.min(config.LLMFB_UPSTREAM_FIRST_BYTE_TIMEOUT_MS, 30_000),
  };
}

export interface AdminDeps {
  readonly store: ConfigStore;
  readonly secretBox: SecretBox;
  readonly accessTokens: AccessTokens;
  /** `gateway.config.changed.v1` goes out through it (fire-and-forget). */
  readonly events: EventPublisher;
  readonly logger: Logger;
  readonly settings: AdminSettings;
  /** Default: scrypt with the OWASP parameters. */
  readonly passwords?: PasswordHashing;
  /** Default: in process memory, 5 failures per account / 20 per IP per 15 minutes. */
  readonly loginThrottle?: LoginThrottle;
  /** Default: a 1 s cache over the store. */
  readonly principals?: PrincipalLoader;
  /** Recent usage of one model config for GET /api/models/{id}/info (analytics side). */
  readonly usageSummary?: (modelConfig: ModelConfig) => Promise<unknown>;
  /** undici dispatcher for validation and model-list calls (tests, proxies). */
  readonly upstreamDispatcher?: Dispatcher;
  /** Hostname resolver of the upstream URL policy (tests). */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
}
