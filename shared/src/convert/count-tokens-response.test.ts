import { buildCountTokensAnswer, convertInputTokensResponse } from './count-tokens-response';

describe('count_tokens answers (CONVERSION.md §6.2, case 81)', () => {
  it('answers {input_tokens} and flags a local estimate with x-gateway-estimate', () => {
    expect(buildCountTokensAnswer(1234, { isEstimate: true })).toEqual({
      body: { input_tokens: 1234 },
      headers: { 'x-gateway-estimate': 'true' },
    });
    expect(buildCountTokensAnswer(7, { isEstimate: false }).headers).toEqual({});
  });

  it("converts OpenAI's response.input_tokens body", () => {
    expect(
      convertInputTokensResponse({ object: 'response.input_tokens', input_tokens: 4211 }),
    ).toEqual({ body: { input_tokens: 4211 }, headers: {} });
  });

  it('rejects an upstream count that is not a count with a 502', () => {
    expect(() => convertInputTokensResponse({ object: 'response.input_tokens' })).toThrow(
      expect.objectContaining({ status: 502, code: 'upstream.invalid_response' }),
    );
  });
});
