/**
 * Golden fixtures for model lists (CONVERSION.md §6.1, cases 79–80): an upstream list converted to
 * the other dialect (with Anthropic paging), or the gateway's own models built in either shape.
 * `input.json` → committed `expected.json`, validated against the official list schemas.
 */
import { isGatewayError } from '../errors/gateway-error';
import { validateAnthropic, validateOpenAI } from '../../test/specs/validate-against-spec';
import {
  buildAnthropicModelList,
  buildOpenAIModelList,
  convertAnthropicModelListToOpenAI,
  convertOpenAIModelListToAnthropic,
  type GatewayModelEntry,
} from './models/convert-model-lists';
import type { ModelListQuery } from './models/page-anthropic-models';
import {
  expectGolden,
  fixtureDirectory,
  formatJson,
  listScenarios,
  readFixtureJson,
} from './__fixtures__/fixture-files';

interface ModelFixture {
  kind: 'anthropic-to-openai' | 'openai-to-anthropic' | 'gateway-openai' | 'gateway-anthropic';
  body?: unknown;
  entries?: GatewayModelEntry[];
  query?: ModelListQuery;
}

function runFixture(fixture: ModelFixture): unknown {
  switch (fixture.kind) {
    case 'anthropic-to-openai':
      return convertAnthropicModelListToOpenAI(fixture.body);
    case 'openai-to-anthropic':
      return convertOpenAIModelListToAnthropic(fixture.body, fixture.query);
    case 'gateway-openai':
      return buildOpenAIModelList(fixture.entries ?? []);
    case 'gateway-anthropic':
      return buildAnthropicModelList(fixture.entries ?? [], fixture.query);
  }
}

describe('model list fixtures', () => {
  it.each(listScenarios('models'))('%s', (scenario) => {
    const directory = fixtureDirectory('models', scenario);
    const fixture = readFixtureJson<ModelFixture>(directory, 'input.json');
    if (fixture === undefined) throw new Error(`${directory} has no input.json`);
    let result: unknown;
    try {
      result = runFixture(fixture);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      const { code, status, message, param } = error;
      expectGolden(
        directory,
        'expected.json',
        formatJson({ error: { code, status, message, param } }),
      );
      return;
    }
    expectGolden(directory, 'expected.json', formatJson(result));
    const isOpenAIShape =
      fixture.kind === 'anthropic-to-openai' || fixture.kind === 'gateway-openai';
    const validation = isOpenAIShape
      ? validateOpenAI('ListModelsResponse', result)
      : validateAnthropic('ListModelsResponse', result);
    expect(validation.errors).toEqual([]);
  });
});
