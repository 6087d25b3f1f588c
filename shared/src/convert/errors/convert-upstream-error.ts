/**
 * @module convert/errors/convert-upstream-error
 * An upstream's HTTP error answer → the answer for the caller, in the caller's dialect
 * (CONVERSION.md §5.3 Direction A, §5.4 Direction B). Same-dialect errors pass through unchanged
 * (Claude Code relies on the upstream's text, §10.6). Headers the caller needs survive:
 * `retry-after` / `retry-after-ms` verbatim, `x-should-retry`, the request id (`request-id` ↔
 * `x-request-id`) and the rate-limit headers (§5.5).
 *
 * @example
 * const answer = convertUpstreamError({ status: 529, headers, body, source: 'anthropic', target: 'openai' });
 * // answer.status === 503, answer.body.error.type === 'service_unavailable_error'
 */
import type { AnthropicErrorBody } from '../../anthropic/error-body';
import type { OpenAIErrorBody } from '../../openai/error-body';
import { mapAnthropicErrorToOpenAI } from '../anthropic-to-openai/error';
import { mapOpenAIErrorToAnthropic } from '../openai-to-anthropic/error';
import type { ApiFormat } from '../types';
import {
  describeGatewayErrorForOpenAI,
  mapStatusToAnthropicErrorType,
} from './gateway-error-types';
import { convertRateLimitHeaders, normalizeHeaders, type HeaderMap } from './rate-limit-headers';
import { readUpstreamErrorBody, type UpstreamErrorFacts } from './read-upstream-error-body';
import { GatewayError } from '../../errors/gateway-error';

export interface UpstreamErrorInput {
  readonly status: number;
  readonly headers: HeaderMap;
  /** The raw body (bytes or text) or an already-parsed JSON value. */
  readonly body: unknown;
  readonly source: ApiFormat;
  readonly target: ApiFormat;
  /** The gateway's request id, used when the upstream gave none. */
  readonly requestId?: string;
  /** The gateway clock (ms); without it, rate-limit reset headers are not converted. */
  readonly now?: number;
}

export interface ConvertedUpstreamError {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: OpenAIErrorBody | AnthropicErrorBody;
}

const verbatimHeaders = ['retry-after', 'retry-after-ms', 'x-should-retry'] as const;

/** Converts one upstream error answer; never throws, whatever the body holds. */
export function convertUpstreamError(input: UpstreamErrorInput): ConvertedUpstreamError {
  const facts = readUpstreamErrorBody(input.body, input.status);
  const upstreamHeaders = normalizeHeaders(input.headers);
  const headers: Record<string, string> = {};
  for (const name of verbatimHeaders) {
    const value = upstreamHeaders.get(name);
    if (value !== undefined) headers[name] = value;
  }
  if (input.now !== undefined) {
    Object.assign(headers, convertRateLimitHeaders({ ...input, now: input.now }));
  }
  const upstreamRequestId =
    upstreamHeaders.get(input.source === 'anthropic' ? 'request-id' : 'x-request-id') ??
    facts.requestId;
  return input.target === 'openai'
    ? convertToOpenAI(input, facts, headers, upstreamRequestId)
    : convertToAnthropic(input, facts, headers, upstreamRequestId ?? input.requestId);
}

function convertToOpenAI(
  input: UpstreamErrorInput,
  facts: UpstreamErrorFacts,
  headers: Record<string, string>,
  upstreamRequestId: string | undefined,
): ConvertedUpstreamError {
  if (upstreamRequestId !== undefined) headers['x-request-id'] = upstreamRequestId;
  if (input.source === 'openai' && facts.shape === 'openai') {
    return { status: input.status, headers, body: facts.json as OpenAIErrorBody };
  }
  if (input.source === 'anthropic') {
    const mapping = mapAnthropicErrorToOpenAI({ ...facts, status: input.status });
    if (mapping.error.code === 'insufficient_quota') headers['x-should-retry'] = 'false';
    return { status: mapping.status, headers, body: { error: mapping.error } };
  }
  // An OpenAI-compatible server with a non-standard body: describe it by status (§5.5 table).
  const description = describeGatewayErrorForOpenAI(
    new GatewayError({ code: 'upstream.rejected', status: input.status, message: facts.message }),
  );
  return {
    status: description.status,
    headers,
    body: {
      error: {
        message: facts.message,
        type: facts.type ?? description.type,
        param: null,
        code: facts.code ?? description.code,
      },
    },
  };
}

function convertToAnthropic(
  input: UpstreamErrorInput,
  facts: UpstreamErrorFacts,
  headers: Record<string, string>,
  requestId: string | undefined,
): ConvertedUpstreamError {
  if (requestId !== undefined) headers['request-id'] = requestId;
  if (input.source === 'anthropic' && facts.shape === 'anthropic') {
    return { status: input.status, headers, body: facts.json as AnthropicErrorBody };
  }
  let status = input.status;
  let type = mapStatusToAnthropicErrorType(input.status);
  if (input.source === 'openai') {
    const mapping = mapOpenAIErrorToAnthropic({ ...facts, status: input.status });
    status = mapping.status;
    type = mapping.type;
    if (mapping.shouldRetry === false) headers['x-should-retry'] = 'false';
  }
  return {
    status,
    headers,
    body: { type: 'error', error: { type, message: facts.message }, request_id: requestId ?? null },
  };
}
