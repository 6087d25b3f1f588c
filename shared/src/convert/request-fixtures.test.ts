/**
 * Golden fixtures for request conversion (CONVERSION.md §1, §2, conformance cases 1–36 and
 * 51–65): each folder under `__fixtures__/requests/` holds the caller's body (`input.json`; `a-…`
 * scenarios are OpenAI bodies converted for an Anthropic upstream, `b-…` the reverse), an optional
 * `context.json` (`model`: the upstream model, `options`, `thinkingBlocksByToolCallId`) and either
 * `expected.json` (request, notes, hints) or a hand-written `expected-error.json` (status, code,
 * param, message substring). The body goes through the inbound parser first, exactly as in the
 * proxy. Every converted request is validated against the official schema of its dialect.
 * `UPDATE_GOLDEN=1` rewrites `expected.json` files (review the diff by hand).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateAnthropic, validateOpenAI } from '../../test/specs/validate-against-spec';
import { isGatewayError } from '../errors/gateway-error';
import {
  createFixtureContext,
  expectGolden,
  formatJson,
  readFixtureJson,
} from './__fixtures__/fixture-files';
import { convertMessagesRequestToChatRequest } from './anthropic-to-openai/convert-messages-request';
import type { AnthropicReplayThinkingBlock } from './openai-to-anthropic/convert-assistant-message';
import { convertChatRequestToMessagesRequest } from './openai-to-anthropic/convert-chat-request';
import { parseChatRequest } from './parse/parse-chat-request';
import { parseMessagesRequest } from './parse/parse-messages-request';
import type { ConversionOptions, ConvertedRequest } from './types';

const ROOT = join(__dirname, '__fixtures__', 'requests');

interface FixtureContext {
  readonly model?: string;
  readonly options?: ConversionOptions;
  readonly thinkingBlocksByToolCallId?: Record<string, AnthropicReplayThinkingBlock[]>;
}

interface ExpectedError {
  readonly status: number;
  readonly code: string;
  readonly param: string;
  /** A substring of the error message. */
  readonly message: string;
}

/** Freezes a parsed body so a converter that mutates its input fails the test. */
function freezeDeeply<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(freezeDeeply);
    Object.freeze(value);
  }
  return value;
}

function convertScenario(scenario: string, directory: string): ConvertedRequest<unknown> {
  const input = readFixtureJson(directory, 'input.json');
  const fixture = readFixtureJson<FixtureContext>(directory, 'context.json') ?? {};
  const context = {
    ...createFixtureContext(),
    upstreamModel: fixture.model,
    options: fixture.options,
  };
  if (scenario.startsWith('a-')) {
    const lookup = fixture.thinkingBlocksByToolCallId;
    return convertChatRequestToMessagesRequest(freezeDeeply(parseChatRequest(input)), {
      ...context,
      thinkingBlocksByToolCallId: lookup ? new Map(Object.entries(lookup)) : undefined,
    });
  }
  return convertMessagesRequestToChatRequest(freezeDeeply(parseMessagesRequest(input)), context);
}

const scenarios = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('request fixtures', () => {
  it('cover both directions with enough scenarios', () => {
    expect(scenarios.filter((name) => name.startsWith('a-')).length).toBeGreaterThanOrEqual(40);
    expect(scenarios.filter((name) => name.startsWith('b-')).length).toBeGreaterThanOrEqual(25);
  });

  it.each(scenarios)('%s', (scenario) => {
    const directory = join(ROOT, scenario);
    const expectedError = readFixtureJson<ExpectedError>(directory, 'expected-error.json');
    if (expectedError !== undefined) {
      let caught: unknown;
      try {
        convertScenario(scenario, directory);
      } catch (error) {
        caught = error;
      }
      if (!isGatewayError(caught))
        throw new Error(`expected a GatewayError, got ${String(caught)}`);
      expect({ status: caught.status, code: caught.code, param: caught.param }).toEqual({
        status: expectedError.status,
        code: expectedError.code,
        param: expectedError.param,
      });
      expect(caught.message).toContain(expectedError.message);
      return;
    }
    const result = convertScenario(scenario, directory);
    expectGolden(directory, 'expected.json', formatJson(result));
    const validation = scenario.startsWith('a-')
      ? validateAnthropic('CreateMessageParams', result.request)
      : validateOpenAI('CreateChatCompletionRequest', result.request);
    expect(validation.errors).toEqual([]);
  });
});
