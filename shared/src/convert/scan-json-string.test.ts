import fc from 'fast-check';
import { createAnthropicToOpenAIStreamConverter } from './anthropic-to-openai/message-stream';
import { readAnthropicDeltaFast } from './anthropic-to-openai/read-anthropic-event';
import { createOpenAIToAnthropicStreamConverter } from './openai-to-anthropic/chat-stream';
import { readOpenAITextFast } from './openai-to-anthropic/read-openai-chunk';
import { scanJsonString } from './scan-json-string';
import type { SseEvent, StreamConverter } from './types';
import { createFixtureContext } from './__fixtures__/fixture-files';

describe('scanJsonString', () => {
  it('finds the end and the decoded length of literals JSON.stringify would write', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const literal = JSON.stringify(value);
        const scanned = scanJsonString(`${literal}}`, 0);
        if (scanned === undefined) {
          // Only literals with \u escapes (control characters, lone surrogates) are refused.
          expect(literal).toMatch(/\\u/);
          return;
        }
        expect(scanned).toEqual({ end: literal.length, length: value.length });
      }),
    );
  });

  it('refuses escapes JSON.stringify would not write, raw control characters and open literals', () => {
    expect(scanJsonString('"caf\\u00e9"', 0)).toBeUndefined();
    expect(scanJsonString('"a\\/b"', 0)).toBeUndefined();
    expect(scanJsonString('"a\tb"', 0)).toBeUndefined();
    expect(scanJsonString('"unterminated', 0)).toBeUndefined();
    expect(scanJsonString('x"a"', 0)).toBeUndefined();
  });
});

/** Runs frames through a fresh converter and returns everything it wrote. */
function run(create: () => StreamConverter, frames: readonly SseEvent[]): SseEvent[] {
  const converter = create();
  return [...frames.flatMap((frame) => converter.push(frame)), ...converter.finish()];
}

describe('the converters write the same bytes on the fast and the full-parse path', () => {
  const text = fc.string({ unit: 'binary', maxLength: 20 });

  it('Anthropic → OpenAI', () => {
    fc.assert(
      fc.property(text, text, (visible, argumentsText) => {
        const start = (body: string) => ({ event: 'x', data: body });
        const frames = (spacing: string): SseEvent[] => [
          start(
            '{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}',
          ),
          start(
            '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
          ),
          start(
            `{"type":${spacing}"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(visible)}}}`,
          ),
          start('{"type":"content_block_stop","index":0}'),
          start(
            '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}}',
          ),
          start(
            `{"type":${spacing}"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":${JSON.stringify(argumentsText)}}}`,
          ),
          start('{"type":"content_block_stop","index":1}'),
          start(
            '{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":2}}',
          ),
          start('{"type":"message_stop"}'),
        ];
        const create = () =>
          createAnthropicToOpenAIStreamConverter({ clientModel: 'm' }, createFixtureContext());
        expect(run(create, frames(''))).toEqual(run(create, frames(' ')));
        // Not vacuous: without \u escapes the unspaced deltas do take the fast path.
        const fast = readAnthropicDeltaFast(frames('')[2]!.data);
        expect(fast === undefined).toBe(scanJsonString(JSON.stringify(visible), 0) === undefined);
      }),
    );
  });

  it('OpenAI → Anthropic', () => {
    fc.assert(
      fc.property(text, text, (reasoning, visible) => {
        const chunk = (delta: string, spacing: string) => ({
          data: `{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{${delta}},${spacing}"logprobs":null,"finish_reason":null}],"usage":null}`,
        });
        const frames = (spacing: string): SseEvent[] => [
          chunk('"role":"assistant","content":""', ''),
          chunk(`"reasoning_content":${JSON.stringify(reasoning)}`, spacing),
          chunk(`"content":${JSON.stringify(visible)}`, spacing),
          { data: '{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}' },
          { data: '[DONE]' },
        ];
        const create = () =>
          createOpenAIToAnthropicStreamConverter({ clientModel: 'm' }, createFixtureContext());
        expect(run(create, frames(''))).toEqual(run(create, frames(' ')));
        const fast = readOpenAITextFast(frames('')[2]!.data);
        expect(fast === undefined).toBe(scanJsonString(JSON.stringify(visible), 0) === undefined);
      }),
    );
  });
});
