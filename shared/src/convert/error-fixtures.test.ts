/**
 * Golden fixtures for errors (CONVERSION.md §5, cases 76–78): each scenario's `input.json` is an
 * upstream error answer (`kind: "upstream"`, converted by `convertUpstreamError`) or a gateway
 * error (`kind: "gateway"`, rendered in the caller's dialect, as an HTTP answer or a stream frame);
 * `expected.json` is the committed result. Every body is validated against the official schemas.
 */
import { GatewayError, type GatewayErrorOptions } from '../errors/gateway-error';
import { validateAnthropic, validateOpenAI } from '../../test/specs/validate-against-spec';
import { convertUpstreamError, type UpstreamErrorInput } from './errors/convert-upstream-error';
import { renderGatewayError, renderStreamError } from './errors/render-gateway-error';
import type { ApiFormat } from './types';
import {
  expectGolden,
  fixtureDirectory,
  formatJson,
  listScenarios,
  readFixtureJson,
} from './__fixtures__/fixture-files';

type ErrorFixture =
  | ({ kind: 'upstream' } & UpstreamErrorInput)
  | {
      kind: 'gateway';
      /** A GatewayError's options, or `{plain}` for any other thrown value. */
      error: GatewayErrorOptions | { plain: string };
      format: ApiFormat;
      requestId?: string;
      stream?: boolean;
    };

function runFixture(fixture: ErrorFixture): { format: ApiFormat; result: unknown; body: unknown } {
  if (fixture.kind === 'upstream') {
    const result = convertUpstreamError(fixture);
    return { format: fixture.target, result, body: result.body };
  }
  const thrown =
    'plain' in fixture.error ? new TypeError(fixture.error.plain) : new GatewayError(fixture.error);
  if (fixture.stream === true) {
    const frame = renderStreamError(thrown, fixture.format);
    const payload: unknown = JSON.parse(frame.data);
    return { format: fixture.format, result: frame, body: payload };
  }
  const result = renderGatewayError(thrown, fixture.format, { requestId: fixture.requestId });
  return { format: fixture.format, result, body: result.body };
}

describe('error fixtures', () => {
  it.each(listScenarios('errors'))('%s', (scenario) => {
    const directory = fixtureDirectory('errors', scenario);
    const fixture = readFixtureJson<ErrorFixture>(directory, 'input.json');
    if (fixture === undefined) throw new Error(`${directory} has no input.json`);
    const { format, result, body } = runFixture(fixture);
    expectGolden(directory, 'expected.json', formatJson(result));
    const validation =
      format === 'openai'
        ? validateOpenAI('ErrorResponse', body)
        : validateAnthropic('ErrorResponse', body);
    expect(validation.errors).toEqual([]);
    if (format === 'openai') {
      // All four keys, always (§5.1).
      expect(Object.keys((body as { error: object }).error).sort()).toEqual([
        'code',
        'message',
        'param',
        'type',
      ]);
    }
  });
});
