/**
 * The official SDKs as oracles (CONVERSION.md §0 sources), over every stream fixture:
 * 1. the caller's SDK consumes the converted stream (`expected.*.sse`): it finishes with the same
 *    message our aggregator folds, or — for error scenarios — raises its API error (§4.6);
 * 2. on the upstream's own stream, our aggregators (§4.7) agree with the SDK accumulators
 *    (`MessageStream`, `ChatCompletionStream`) wherever both accept the stream.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createSseDecoder } from '../sse/decode-sse';
import { aggregateAnthropicStream } from './aggregate/aggregate-anthropic-stream';
import { aggregateOpenAIStream } from './aggregate/aggregate-openai-stream';
import type { SseEvent, StreamSummary } from './types';
import {
  fixtureDirectory,
  listScenarios,
  readFixtureJson,
  readFixtureText,
} from './__fixtures__/fixture-files';

function respondWith(wire: string): typeof fetch {
  return async () =>
    new Response(wire, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

function decodeAll(wire: string): SseEvent[] {
  const decoder = createSseDecoder();
  return [...decoder.push(wire), ...decoder.finish()];
}

async function readWithAnthropicSdk(wire: string) {
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:9',
    maxRetries: 0,
    logLevel: 'off',
    fetch: respondWith(wire),
  });
  const stream = client.messages.stream({
    model: 'client-model',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'hi' }],
  });
  return stream.finalMessage();
}

async function readWithOpenAISdk(wire: string) {
  const client = new OpenAI({
    apiKey: 'test',
    baseURL: 'http://127.0.0.1:9',
    maxRetries: 0,
    logLevel: 'off',
    fetch: respondWith(wire),
  });
  const stream = client.chat.completions.stream({
    model: 'client-model',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return stream.finalChatCompletion();
}

/** The parts of an Anthropic message a caller acts on. */
function describeAnthropicMessage(message: {
  content: readonly object[];
  stop_reason: string | null;
  usage: object;
}) {
  return {
    content: message.content.map((block) => {
      const { citations: _citations, ...rest } = block as { citations?: unknown };
      return rest;
    }),
    stop_reason: message.stop_reason,
    usage: pickNumbers(message.usage, [
      'input_tokens',
      'output_tokens',
      'cache_creation_input_tokens',
      'cache_read_input_tokens',
    ]),
  };
}

/** The parts of an OpenAI completion a caller acts on. */
function describeOpenAICompletion(completion: {
  choices: readonly { message: object; finish_reason: string | null }[];
  usage?: object | null;
}) {
  const choice = completion.choices[0];
  const message = (choice?.message ?? {}) as {
    content?: string | null;
    refusal?: string | null;
    tool_calls?: readonly { id: string; function: { name: string; arguments: string } }[];
  };
  return {
    content: message.content ?? null,
    refusal: message.refusal ?? null,
    tool_calls: (message.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    })),
    finish_reason: choice?.finish_reason ?? null,
    usage: completion.usage
      ? pickNumbers(completion.usage, ['prompt_tokens', 'completion_tokens', 'total_tokens'])
      : null,
  };
}

function pickNumbers(source: object, keys: readonly string[]): Record<string, unknown> {
  const record = source as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? 0]));
}

/** Upstream streams outside an SDK's contract, where our aggregator deliberately differs. */
const knownSdkDifferences: Readonly<Record<string, string>> = {
  'b-arguments-as-object':
    'openai-node concatenates object `arguments` into "[object Object]"; we stringify them (§4.5 step 5)',
};

/**
 * Compares two messages; a tool input cut by `max_tokens` is the one allowed difference: the SDK
 * guesses it with a partial-JSON parser, we keep the raw text as `_raw_arguments` (§3.2).
 */
function expectSameMessage(
  ours: ReturnType<typeof describeAnthropicMessage>,
  theirs: ReturnType<typeof describeAnthropicMessage>,
): void {
  const normalized = ours.content.map((block, index) =>
    'input' in block && '_raw_arguments' in (block.input as object)
      ? { ...block, input: (theirs.content[index] as { input?: unknown } | undefined)?.input }
      : block,
  );
  expect({ ...ours, content: normalized }).toEqual(theirs);
}

const scenarios = listScenarios('streams').map((scenario) => {
  const directory = fixtureDirectory('streams', scenario);
  const anthropicInput = readFixtureText(directory, 'anthropic.sse');
  return {
    scenario,
    fromAnthropic: anthropicInput !== undefined,
    upstream: anthropicInput ?? readFixtureText(directory, 'openai.sse') ?? '',
    converted:
      readFixtureText(directory, 'expected.openai.sse') ??
      readFixtureText(directory, 'expected.anthropic.sse') ??
      '',
    summary: readFixtureJson<StreamSummary>(directory, 'expected.summary.json'),
  };
});

describe("the caller's SDK reads the converted stream", () => {
  it.each(scenarios)('$scenario', async ({ fromAnthropic, converted, summary }) => {
    if (fromAnthropic) {
      const result = readWithOpenAISdk(converted);
      if (summary?.error !== undefined) {
        await expect(result).rejects.toBeInstanceOf(OpenAI.APIError);
        return;
      }
      const folded = aggregateOpenAIStream(decodeAll(converted));
      if (!folded.ok) throw new Error('aggregator rejected a successful stream');
      expect(describeOpenAICompletion(await result)).toEqual(
        describeOpenAICompletion(folded.response),
      );
    } else {
      const result = readWithAnthropicSdk(converted);
      if (summary?.error !== undefined) {
        await expect(result).rejects.toBeInstanceOf(Anthropic.APIError);
        return;
      }
      const folded = aggregateAnthropicStream(decodeAll(converted));
      if (!folded.ok) throw new Error('aggregator rejected a successful stream');
      expectSameMessage(
        describeAnthropicMessage(folded.response),
        describeAnthropicMessage(await result),
      );
    }
  });
});

describe('our aggregators agree with the SDK accumulators on upstream streams', () => {
  let compared = 0;
  afterAll(() => {
    // Guard against a vacuous pass: most fixtures are well-formed streams both sides accept.
    expect(compared).toBeGreaterThan(35);
  });

  it.each(scenarios)('$scenario', async ({ scenario, fromAnthropic, upstream }) => {
    const frames = decodeAll(upstream);
    if (fromAnthropic) {
      const folded = aggregateAnthropicStream(frames);
      const official = await readWithAnthropicSdk(upstream).catch(() => undefined);
      if (!folded.ok || official === undefined) return;
      expectSameMessage(
        describeAnthropicMessage(folded.response),
        describeAnthropicMessage(official),
      );
    } else {
      if (scenario in knownSdkDifferences) return;
      const folded = aggregateOpenAIStream(frames);
      const official = await readWithOpenAISdk(upstream).catch(() => undefined);
      if (!folded.ok || official === undefined) return;
      expect(describeOpenAICompletion(folded.response)).toEqual(describeOpenAICompletion(official));
    }
    compared++;
  });
});
