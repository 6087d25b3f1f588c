import type { AnthropicMessagesRequest } from '../anthropic/messages-request';
import { CLAUDE_CODE_IDENTITY, decorateClaudeCodeRelayRequest } from './claude-code-relay';

const base: AnthropicMessagesRequest = {
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'Fix the bug in main.ts' }],
};
const identityBlock = {
  type: 'text',
  text: CLAUDE_CODE_IDENTITY,
  cache_control: { type: 'ephemeral' },
};

describe('decorateClaudeCodeRelayRequest', () => {
  it('puts the identity block first and keeps the caller system blocks as separate blocks', () => {
    const request = {
      ...base,
      system: [
        { type: 'text' as const, text: 'A' },
        { type: 'text' as const, text: 'B' },
      ],
    };
    const decorated = decorateClaudeCodeRelayRequest(request, { injectSystemPrompt: true });
    expect(decorated.system).toEqual([
      identityBlock,
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
    expect(request.system).toHaveLength(2);
  });

  it('turns a string system into blocks after the identity', () => {
    const decorated = decorateClaudeCodeRelayRequest(
      { ...base, system: 'Be brief.' },
      { injectSystemPrompt: true },
    );
    expect(decorated.system).toEqual([identityBlock, { type: 'text', text: 'Be brief.' }]);
  });

  it('does not inject when Claude Code already sent it after a billing block, nor when turned off', () => {
    const system = [
      { type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.0' },
      { type: 'text' as const, text: 'You are Claude Code, the CLI.' },
    ];
    expect(
      decorateClaudeCodeRelayRequest({ ...base, system }, { injectSystemPrompt: true }).system,
    ).toBe(system);
    expect(
      decorateClaudeCodeRelayRequest({ ...base, system: 'S' }, { injectSystemPrompt: false })
        .system,
    ).toBe('S');
  });

  it('derives a stable Claude Code-shaped user_id from the first user message', () => {
    const first = decorateClaudeCodeRelayRequest(base, { injectSystemPrompt: false });
    const later = decorateClaudeCodeRelayRequest(
      {
        ...base,
        messages: [
          ...base.messages,
          { role: 'assistant', content: 'ok' },
          { role: 'user', content: 'more' },
        ],
      },
      { injectSystemPrompt: false },
    );
    const other = decorateClaudeCodeRelayRequest(
      { ...base, messages: [{ role: 'user', content: 'another conversation' }] },
      { injectSystemPrompt: false },
    );
    expect(first.metadata?.user_id).toMatch(
      /^user_[0-9a-f]{64}_account__session_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(later.metadata?.user_id).toBe(first.metadata?.user_id);
    expect(other.metadata?.user_id).not.toBe(first.metadata?.user_id);
  });

  it('keeps the caller user_id', () => {
    const decorated = decorateClaudeCodeRelayRequest(
      { ...base, metadata: { user_id: 'mine' } },
      { injectSystemPrompt: true },
    );
    expect(decorated.metadata).toEqual({ user_id: 'mine' });
  });
});
