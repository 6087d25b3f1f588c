import { buildUpstreamHeaders } from './build-upstream-headers';
import { detectCredentialMode } from './detect-credential-mode';

const options = { cliVersionDefault: '2.0.50' };

describe('detectCredentialMode', () => {
  it('detects a relay only for anthropic + cr_ key + non-official URL', () => {
    const relay = {
      provider: 'anthropic',
      apiUrl: 'https://relay.example.com/api',
      apiKey: 'cr_abc',
    } as const;
    expect(detectCredentialMode(relay)).toBe('claude_code_relay');
    expect(detectCredentialMode({ ...relay, apiKey: 'sk-ant-abc' })).toBe('standard');
    expect(detectCredentialMode({ ...relay, apiUrl: 'https://api.anthropic.com' })).toBe(
      'standard',
    );
    expect(detectCredentialMode({ ...relay, apiUrl: 'https://API.anthropic.com/v1' })).toBe(
      'standard',
    );
    expect(detectCredentialMode({ ...relay, provider: 'openai' })).toBe('standard');
    expect(detectCredentialMode({ ...relay, apiKey: 'cr_0…abcd' })).toBe('claude_code_relay');
  });
});

describe('buildUpstreamHeaders', () => {
  it('sends OpenAI a Bearer key', () => {
    const headers = buildUpstreamHeaders(
      { provider: 'openai', apiUrl: 'https://api.openai.com/v1', cliVersion: null },
      'sk-1',
      {
        ...options,
        callerAnthropicVersion: '2023-01-01',
        stream: true,
      },
    );
    expect(headers).toEqual({
      authorization: 'Bearer sk-1',
      'content-type': 'application/json',
      accept: 'text/event-stream',
    });
  });

  it('sends Anthropic x-api-key, the caller version or 2023-06-01, and the caller beta', () => {
    const credential = {
      provider: 'anthropic',
      apiUrl: 'https://api.anthropic.com',
      cliVersion: null,
    } as const;
    expect(buildUpstreamHeaders(credential, 'sk-ant-1', options)).toEqual({
      'x-api-key': 'sk-ant-1',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    const forwarded = buildUpstreamHeaders(credential, 'sk-ant-1', {
      ...options,
      callerAnthropicVersion: '2024-01-01',
      callerAnthropicBeta: 'interleaved-thinking-2025-05-14',
    });
    expect(forwarded['anthropic-version']).toBe('2024-01-01');
    expect(forwarded['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(forwarded.authorization).toBeUndefined();
  });

  it('sends a Claude Code relay the CLI identity with Bearer auth', () => {
    const credential = {
      provider: 'anthropic',
      apiUrl: 'https://relay.example.com/api',
      cliVersion: null,
    } as const;
    const headers = buildUpstreamHeaders(credential, 'cr_secret', {
      ...options,
      stream: true,
      callerAnthropicBeta: 'claude-code-20250219',
    });
    expect(headers).toEqual({
      authorization: 'Bearer cr_secret',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'claude-code-20250219',
      'user-agent': 'claude-cli/2.0.50 (external, cli)',
      'x-app': 'cli',
      'x-stainless-retry-count': '0',
      'x-stainless-timeout': '600',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(headers['x-api-key']).toBeUndefined();
    const pinned = buildUpstreamHeaders(
      { ...credential, cliVersion: '1.0.99' },
      'cr_secret',
      options,
    );
    expect(pinned['user-agent']).toBe('claude-cli/1.0.99 (external, cli)');
  });

  it('treats a cr_ key on the official URL as a standard Anthropic key', () => {
    const headers = buildUpstreamHeaders(
      { provider: 'anthropic', apiUrl: 'https://api.anthropic.com', cliVersion: null },
      'cr_x',
      options,
    );
    expect(headers['x-api-key']).toBe('cr_x');
    expect(headers['user-agent']).toBeUndefined();
  });
});
