import { buildChatHeaders, buildChatRequestBody, maskKey, selectEndpoint } from './chat-request';

const turns = [
  { role: 'user' as const, content: 'Hi' },
  { role: 'assistant' as const, content: 'Hello' },
  { role: 'user' as const, content: '   ' },
];

describe('chat requests', () => {
  it('builds an OpenAI body with the system message first and usage in streams', () => {
    expect(selectEndpoint('openai')).toBe('/chat/completions');
    expect(
      buildChatRequestBody({
        format: 'openai',
        model: 'm',
        system: 'Be brief',
        turns,
        maxTokens: 64,
        stream: true,
      }),
    ).toEqual({
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('builds an Anthropic body with a top-level system and its version header', () => {
    expect(selectEndpoint('anthropic')).toBe('/messages');
    expect(
      buildChatRequestBody({
        format: 'anthropic',
        model: 'm',
        system: '',
        turns,
        maxTokens: 64,
        stream: false,
      }),
    ).toEqual({
      model: 'm',
      max_tokens: 64,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ],
      stream: false,
    });
    expect(buildChatHeaders('anthropic', 'llmb_k')).toMatchObject({
      'anthropic-version': '2023-06-01',
      authorization: 'Bearer llmb_k',
    });
    expect(buildChatHeaders('openai', 'llmb_k')).not.toHaveProperty('anthropic-version');
  });

  it('masks the key in the raw request view', () => {
    expect(maskKey('llmb_abcdefghijklmnopqrstuvwxyz123456')).toBe('llmb_abcd…3456');
    expect(maskKey('short')).toBe('••••');
  });
});
