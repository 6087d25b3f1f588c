import { listAssistantToolCallIds } from './openai-to-anthropic/list-assistant-tool-call-ids';
import { sniffMediaType } from './media/sniff-media-type';
import { createToolNameMapper, sanitizeToolCallId, shortenToolName } from './tool-names';

describe('tool names and ids', () => {
  it('keeps names up to 64 characters and shortens longer ones deterministically to 64', () => {
    expect(shortenToolName('a'.repeat(64))).toBe('a'.repeat(64));
    const long = `mcp__${'x'.repeat(80)}`;
    const short = shortenToolName(long);
    expect(short).toHaveLength(64);
    expect(short.startsWith(long.slice(0, 55))).toBe(true);
    expect(shortenToolName(long)).toBe(short);
    expect(shortenToolName(`${long}y`)).not.toBe(short);
  });

  it('remembers only the names it changed', () => {
    const mapper = createToolNameMapper();
    mapper.toUpstream('short');
    expect(mapper.reverseMap()).toBeUndefined();
    const long = 'n'.repeat(70);
    const upstream = mapper.toUpstream(long);
    expect(mapper.reverseMap()).toEqual({ [upstream]: long });
  });

  it('sanitises ids the same way on both halves of a pair', () => {
    expect(sanitizeToolCallId('functions.Bash:0')).toBe('functions_Bash_0');
    expect(sanitizeToolCallId('toolu_01-AB')).toBe('toolu_01-AB');
    expect(sanitizeToolCallId('')).toMatch(/^toolu_[0-9a-f]{24}$/);
  });
});

describe('listAssistantToolCallIds', () => {
  it('lists the calls of assistant turns that lack signed thinking', () => {
    const call = (id: string) => ({
      id,
      type: 'function' as const,
      function: { name: 'f', arguments: '{}' },
    });
    const ids = listAssistantToolCallIds({
      model: 'm',
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
        { role: 'tool', tool_call_id: 'a', content: '1' },
        { role: 'tool', tool_call_id: 'b', content: '2' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [call('c')],
          thinking_blocks: [{ type: 'thinking', thinking: 't', signature: 'sig' }],
        },
        { role: 'tool', tool_call_id: 'c', content: '3' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [call('d')],
          thinking_blocks: [{ type: 'thinking', thinking: 't' }],
        },
        { role: 'tool', tool_call_id: 'd', content: '4' },
      ],
    });
    expect(ids).toEqual(['a', 'b', 'd']);
  });
});

describe('sniffMediaType', () => {
  it.each([
    ['iVBORw0KGgoAAAANSUhEUg', 'image/png'],
    ['/9j/4AAQSkZJRgABAQ', 'image/jpeg'],
    ['R0lGODlhAQABAIAAAP', 'image/gif'],
    ['UklGRiQAAABXRUJQVlA4', 'image/webp'],
    ['JVBERi0xLjQK', 'application/pdf'],
    ['SGVsbG8gd29ybGQ=', undefined],
    ['not base64!!', undefined],
  ])('%s → %s', (data, expected) => {
    expect(sniffMediaType(data)).toBe(expected);
  });
});
