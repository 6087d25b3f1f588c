import { Credential } from '../app/credentials/credential';
import { ApiKey } from '../app/keys/api-key';
import { RequestLog } from '../app/logs/request-log';
import { ModelConfig } from '../app/models/model-config';

/** Wire-shaped sample records (API.md field names) for component tests. */
export function makeCredential(overrides: Partial<Credential> = {}): Credential {
  return {
    id: 'cred-1',
    name: 'OpenAI main',
    provider: 'openai',
    api_url: 'https://api.openai.com/v1',
    api_key_masked: 'sk-pro…abcd',
    is_active: true,
    is_validated: false,
    validation_error: null,
    validated_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function makeModelConfig(overrides: Partial<ModelConfig> = {}): ModelConfig {
  return {
    id: 'model-1',
    credential_id: 'cred-1',
    model_name: 'gpt-4o-mini',
    alias: 'mini',
    target_format: 'openai',
    is_enabled: true,
    rate_limit: 100,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function makeApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 'key-1',
    name: 'CI',
    prefix: 'llmb_AbCd',
    model_config_ids: [],
    rate_limit: null,
    expires_at: null,
    is_active: true,
    last_used_at: null,
    created_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

export function makeRequestLog(overrides: Partial<RequestLog> = {}): RequestLog {
  return {
    id: 'log-1',
    request_id: 'req-1',
    model_config_id: 'model-1',
    key_id: 'key-1',
    user_id: 'u1',
    method: 'POST',
    path: '/v1/chat/completions',
    model: 'mini',
    source_format: 'openai',
    target_format: 'anthropic',
    stream: true,
    status_code: 200,
    response_time_ms: 1234,
    ttft_ms: 210,
    input_tokens: 12,
    output_tokens: 34,
    tokens_used: 46,
    error_message: null,
    created_at: '2026-03-04T05:06:07Z',
    ...overrides,
  };
}

export function listOf<T>(items: readonly T[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor };
}
