import { buildUpstreamTarget } from './build-upstream-target';

describe('buildUpstreamTarget', () => {
  it('appends OpenAI paths to api_url as given', () => {
    const credential = { apiUrl: 'https://api.openai.com/v1' };
    expect(buildUpstreamTarget(credential, { format: 'openai', path: 'chat' })).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
    expect(buildUpstreamTarget(credential, { format: 'openai', path: 'models' })).toBe(
      'https://api.openai.com/v1/models',
    );
    expect(
      buildUpstreamTarget(
        { apiUrl: 'http://127.0.0.1:11434/v1/' },
        { format: 'openai', path: 'chat' },
      ),
    ).toBe('http://127.0.0.1:11434/v1/chat/completions');
  });

  it('adds /v1 for Anthropic unless api_url already ends in /v1', () => {
    expect(
      buildUpstreamTarget(
        { apiUrl: 'https://api.anthropic.com' },
        { format: 'anthropic', path: 'messages' },
      ),
    ).toBe('https://api.anthropic.com/v1/messages');
    expect(
      buildUpstreamTarget(
        { apiUrl: 'https://api.anthropic.com/v1' },
        { format: 'anthropic', path: 'messages' },
      ),
    ).toBe('https://api.anthropic.com/v1/messages');
    expect(
      buildUpstreamTarget(
        { apiUrl: 'https://relay.example.com/api' },
        { format: 'anthropic', path: 'messages' },
      ),
    ).toBe('https://relay.example.com/api/v1/messages');
    expect(
      buildUpstreamTarget(
        { apiUrl: 'https://relay.example.com/api/' },
        { format: 'anthropic', path: 'count_tokens' },
      ),
    ).toBe('https://relay.example.com/api/v1/messages/count_tokens');
    expect(
      buildUpstreamTarget(
        { apiUrl: 'https://api.anthropic.com/v1//' },
        { format: 'anthropic', path: 'models' },
      ),
    ).toBe('https://api.anthropic.com/v1/models');
  });
});
