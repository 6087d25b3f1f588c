import { makeCredential } from '../../testing/fixtures';
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  detectPreset,
  findPreset,
  pickUrlForPreset,
} from './credential-presets';

describe('credential presets', () => {
  it('recognises each preset from a saved credential', () => {
    expect(detectPreset(makeCredential())).toBe('openai');
    expect(detectPreset(makeCredential({ api_url: 'http://127.0.0.1:11434/v1' }))).toBe(
      'openai-compatible',
    );
    expect(
      detectPreset(makeCredential({ provider: 'anthropic', api_url: `${ANTHROPIC_URL}/` })),
    ).toBe('anthropic');
    expect(
      detectPreset(
        makeCredential({
          provider: 'anthropic',
          api_url: 'https://relay.example.com/api',
          mode: 'claude_code_relay',
        }),
      ),
    ).toBe('claude-code-relay');
    expect(
      detectPreset(
        makeCredential({
          provider: 'anthropic',
          api_url: 'https://relay.example.com/api',
          api_key_masked: 'cr_12…abcd',
        }),
      ),
    ).toBe('claude-code-relay');
  });

  it('swaps an untouched official URL but keeps one the user typed', () => {
    expect(pickUrlForPreset(OPENAI_URL, findPreset('anthropic'))).toBe(ANTHROPIC_URL);
    expect(pickUrlForPreset(OPENAI_URL, findPreset('openai-compatible'))).toBe('');
    expect(pickUrlForPreset('', findPreset('openai'))).toBe(OPENAI_URL);
    expect(pickUrlForPreset('http://my-vllm:8000/v1', findPreset('anthropic'))).toBe(
      'http://my-vllm:8000/v1',
    );
  });
});
