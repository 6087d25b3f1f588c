/**
 * @module convert/count-tokens-response
 * The answer of `POST /v1/messages/count_tokens` (CONVERSION.md §6.2, case 81): always
 * `{"input_tokens": N}`. With an OpenAI upstream the count comes either from the Responses API's
 * `POST /v1/responses/input_tokens` (`{object:"response.input_tokens", input_tokens}`, option 1) or
 * from the gateway's local tokenizer (option 2), which is flagged with `x-gateway-estimate: true`.
 */
import { z } from 'zod';
import { parseUpstreamBody } from './parse-upstream-body';

export interface CountTokensAnswer {
  readonly body: { readonly input_tokens: number };
  readonly headers: Readonly<Record<string, string>>;
}

/** `isEstimate`: the figure is the gateway's own tokenizer estimate, not the upstream's count. */
export function buildCountTokensAnswer(
  inputTokens: number,
  options: { readonly isEstimate: boolean },
): CountTokensAnswer {
  return {
    body: { input_tokens: Math.max(0, Math.round(inputTokens)) },
    headers: options.isEstimate ? { 'x-gateway-estimate': 'true' } : {},
  };
}

const inputTokensSchema = z.looseObject({ input_tokens: z.number().int().nonnegative() });

/** An OpenAI `response.input_tokens` body (or an Anthropic count) → the Anthropic answer. */
export function convertInputTokensResponse(body: unknown): CountTokensAnswer {
  const { input_tokens } = parseUpstreamBody(inputTokensSchema, body, 'input token count');
  return buildCountTokensAnswer(input_tokens, { isEstimate: false });
}
