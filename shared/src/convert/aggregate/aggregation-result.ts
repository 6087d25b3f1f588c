/**
 * @module convert/aggregate/aggregation-result
 * What folding an upstream stream into one response body gives (CONVERSION.md §4.7): the body, or
 * the upstream's error as an HTTP status plus an error body in the upstream's dialect — ready for
 * `convertUpstreamError`, so a mid-stream failure reaches a non-streaming caller like any other
 * upstream error.
 */
import type { AnthropicErrorBody } from '../../anthropic/error-body';
import type { OpenAIErrorBody } from '../../openai/error-body';
import type { SseEvent } from '../types';

export type AggregationResult<TResponse, TErrorBody extends AnthropicErrorBody | OpenAIErrorBody> =
  | { readonly ok: true; readonly response: TResponse }
  | { readonly ok: false; readonly status: number; readonly body: TErrorBody };

/** An incremental fold: push every decoded frame, then `finish()` once at EOF. */
export interface StreamAggregator<
  TResponse,
  TErrorBody extends AnthropicErrorBody | OpenAIErrorBody,
> {
  push(frame: SseEvent): void;
  finish(): AggregationResult<TResponse, TErrorBody>;
}
