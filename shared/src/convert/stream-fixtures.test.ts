/**
 * Golden fixtures for streams (CONVERSION.md §4, cases 41–50 and 69–75): each scenario folder
 * holds the raw upstream wire text (`anthropic.sse` with `event:` lines, or `openai.sse`), optional
 * `hints.json`, and the committed caller-side output (`expected.openai.sse` /
 * `expected.anthropic.sse`) plus the converter's summary (`expected.summary.json`). Every scenario
 * runs through decoder → converter → encoder with the input whole, cut at every byte boundary, and
 * fed one byte at a time: the output must be identical. Each output frame is validated against the
 * official schemas.
 */
import { formatSseFrames } from '../sse/format-sse';
import { createSseDecoder } from '../sse/decode-sse';
import { validateAnthropic, validateOpenAI } from '../../test/specs/validate-against-spec';
import { createAnthropicToOpenAIStreamConverter } from './anthropic-to-openai/message-stream';
import { createOpenAIToAnthropicStreamConverter } from './openai-to-anthropic/chat-stream';
import { createPassthroughStreamTracker } from './passthrough/create-passthrough-stream-tracker';
import type { ResponseHints, SseEvent, StreamConverter, StreamSummary } from './types';
import {
  createFixtureContext,
  expectGolden,
  fixtureDirectory,
  formatJson,
  listScenarios,
  readFixtureHints,
  readFixtureText,
} from './__fixtures__/fixture-files';

type Direction = 'anthropic-to-openai' | 'openai-to-anthropic';

const encoder = new TextEncoder();

function createConverter(direction: Direction, hints: ResponseHints): StreamConverter {
  return direction === 'anthropic-to-openai'
    ? createAnthropicToOpenAIStreamConverter(hints, createFixtureContext())
    : createOpenAIToAnthropicStreamConverter(hints, createFixtureContext());
}

/** Decodes `bytes` read in the given pieces, converts, and encodes: the caller's wire text. */
function runStream(
  direction: Direction,
  hints: ResponseHints,
  bytes: Uint8Array,
  cuts: readonly number[],
): { wire: string; summary: StreamSummary } {
  const decoder = createSseDecoder({ includeComments: true });
  const converter = createConverter(direction, hints);
  let wire = '';
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    for (const frame of decoder.push(bytes.subarray(start, cut))) {
      wire += formatSseFrames(converter.push(frame));
    }
    start = cut;
  }
  for (const frame of decoder.finish()) wire += formatSseFrames(converter.push(frame));
  wire += formatSseFrames(converter.finish());
  return { wire, summary: converter.summary() };
}

function validateOutput(direction: Direction, wire: string): string[] {
  const problems: string[] = [];
  const decoder = createSseDecoder();
  for (const frame of [...decoder.push(wire), ...decoder.finish()]) {
    if (frame.data === '[DONE]') continue;
    const payload: unknown = JSON.parse(frame.data);
    const result =
      direction === 'anthropic-to-openai'
        ? validateOpenAI(
            typeof payload === 'object' && payload !== null && 'error' in payload
              ? 'ErrorResponse'
              : 'CreateChatCompletionStreamResponse',
            payload,
          )
        : validateAnthropic('MessageStreamEvent', payload);
    problems.push(...result.errors.map((error) => `${frame.data.slice(0, 60)}: ${error}`));
  }
  return problems;
}

/**
 * The same upstream stream relayed to a same-dialect caller: every frame comes back as the very
 * same object, and the tracker's summary reports what the converter's does.
 */
function checkPassthroughTracker(
  direction: Direction,
  input: string,
  converted: StreamSummary,
): void {
  const tracker = createPassthroughStreamTracker(
    direction === 'anthropic-to-openai' ? 'anthropic' : 'openai',
  );
  const decoder = createSseDecoder({ includeComments: true });
  const frames: SseEvent[] = [...decoder.push(input), ...decoder.finish()];
  for (const frame of frames) {
    const relayed = tracker.push(frame);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toBe(frame);
  }
  tracker.finish();
  const tracked = tracker.summary();
  expect(tracked.usage).toEqual(converted.usage);
  if (converted.error === undefined) {
    expect(tracked.error).toBeUndefined();
    expect(tracked.hasContent).toBe(converted.hasContent);
    // A passthrough caller gets everything the upstream sent, a converted one possibly less
    // (server-tool input is not surfaced) plus at most the `{}` of a zero-argument tool call.
    expect(tracked.outputCharacters).toBeGreaterThanOrEqual(converted.outputCharacters - 2);
  }
}

describe('stream fixtures', () => {
  it.each(listScenarios('streams'))('%s', (scenario) => {
    const directory = fixtureDirectory('streams', scenario);
    const anthropicInput = readFixtureText(directory, 'anthropic.sse');
    const input = anthropicInput ?? readFixtureText(directory, 'openai.sse');
    if (input === undefined) throw new Error(`${directory} has no anthropic.sse or openai.sse`);
    const direction: Direction =
      anthropicInput !== undefined ? 'anthropic-to-openai' : 'openai-to-anthropic';
    const hints = readFixtureHints(directory);
    const bytes = encoder.encode(input);

    const whole = runStream(direction, hints, bytes, []);
    const outputFile =
      direction === 'anthropic-to-openai' ? 'expected.openai.sse' : 'expected.anthropic.sse';
    expectGolden(directory, outputFile, whole.wire);
    expectGolden(directory, 'expected.summary.json', formatJson(whole.summary));
    expect(validateOutput(direction, whole.wire)).toEqual([]);

    for (let cut = 1; cut < bytes.length; cut++) {
      const split = runStream(direction, hints, bytes, [cut]);
      if (split.wire !== whole.wire) {
        expect({ cut, wire: split.wire }).toEqual({ cut, wire: whole.wire });
      }
    }
    const everyByte = Array.from({ length: bytes.length }, (_, index) => index);
    expect(runStream(direction, hints, bytes, everyByte)).toEqual(whole);

    checkPassthroughTracker(direction, input, whole.summary);
  });
});
