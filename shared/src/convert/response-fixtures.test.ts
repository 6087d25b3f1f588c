/**
 * Golden fixtures for non-streaming responses (CONVERSION.md §3, cases 37–40 and 66–68): each
 * scenario folder holds the upstream body (`anthropic.json` or `openai.json`), optional
 * `hints.json`, and the committed `expected.openai.json` / `expected.anthropic.json` — the
 * converted body and notes, or the GatewayError a malformed body raises. Converted bodies are also
 * validated against the official schemas.
 */
import { isGatewayError } from '../errors/gateway-error';
import { validateAnthropic, validateOpenAI } from '../../test/specs/validate-against-spec';
import { convertMessageToChatCompletion } from './anthropic-to-openai/message-response';
import { convertChatCompletionToMessage } from './openai-to-anthropic/chat-response';
import {
  createFixtureContext,
  expectGolden,
  fixtureDirectory,
  formatJson,
  listScenarios,
  readFixtureHints,
  readFixtureJson,
} from './__fixtures__/fixture-files';

function convertScenario(directory: string): { file: string; result: unknown } {
  const hints = readFixtureHints(directory);
  const anthropicBody = readFixtureJson(directory, 'anthropic.json');
  const openAIBody = readFixtureJson(directory, 'openai.json');
  if ((anthropicBody === undefined) === (openAIBody === undefined)) {
    throw new Error(`${directory} needs exactly one of anthropic.json and openai.json`);
  }
  const file = anthropicBody !== undefined ? 'expected.openai.json' : 'expected.anthropic.json';
  try {
    const result =
      anthropicBody !== undefined
        ? convertMessageToChatCompletion(anthropicBody, hints, createFixtureContext())
        : convertChatCompletionToMessage(openAIBody, hints, createFixtureContext());
    return { file, result };
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    const { code, status, message } = error;
    return { file, result: { error: { code, status, message } } };
  }
}

describe('response fixtures', () => {
  it.each(listScenarios('responses'))('%s', (scenario) => {
    const directory = fixtureDirectory('responses', scenario);
    const { file, result } = convertScenario(directory);
    expectGolden(directory, file, formatJson(result));
    if (typeof result === 'object' && result !== null && 'response' in result) {
      const validation =
        file === 'expected.openai.json'
          ? validateOpenAI('CreateChatCompletionResponse', result.response)
          : validateAnthropic('Message', result.response);
      expect(validation.errors).toEqual([]);
    }
  });
});
