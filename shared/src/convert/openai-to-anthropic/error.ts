/**
 * @module convert/openai-to-anthropic/error
 * An OpenAI error (HTTP status and/or `error.type`/`code`) → the Anthropic status and error type
 * (CONVERSION.md §5.4). Used for upstream HTTP errors and for mid-stream error chunks.
 */
import type { AnthropicErrorType } from '../../anthropic/error-body';

export interface OpenAIErrorFacts {
  /** Absent for a mid-stream error (the type is then chosen by `type`/`code`). */
  readonly status?: number;
  readonly type?: string;
  readonly code?: string;
  readonly message: string;
}

export interface AnthropicErrorMapping {
  readonly status: number;
  readonly type: AnthropicErrorType;
  /** Set for quota errors: clients must not retry (`x-should-retry: false`). */
  readonly shouldRetry?: false;
}

const overloadedHint = /overload|slow_down|server_is_overloaded/i;

/**
 * | OA status (type/code)                                   | AN status | AN `error.type` |
 * |---------------------------------------------------------|-----------|-----------------|
 * | 400                                                     | 400 | `invalid_request_error` |
 * | 401                                                     | 401 | `authentication_error` |
 * | 403                                                     | 403 | `permission_error` |
 * | 404                                                     | 404 | `not_found_error` |
 * | 409, 422, other 4xx                                     | same status | `invalid_request_error` |
 * | 413                                                     | 413 | `request_too_large` |
 * | 429 `insufficient_quota`                                | 402 (+`x-should-retry:false`) | `billing_error` |
 * | 429 other                                               | 429 | `rate_limit_error` |
 * | 500 / 502                                               | same | `api_error` |
 * | 503 (`slow_down`, `server_is_overloaded`, overloaded text) | 529 | `overloaded_error` |
 * | 503 other                                               | 503 | `api_error` |
 * | 504                                                     | 504 | `timeout_error` |
 * | other 5xx                                               | same | `api_error` |
 *
 * Other 4xx keep their status (API.md: "every other upstream status keeps its code").
 */
export function mapOpenAIErrorToAnthropic(facts: OpenAIErrorFacts): AnthropicErrorMapping {
  const { status } = facts;
  if (status === undefined) return mapStreamErrorByType(facts);
  const isQuota = facts.type === 'insufficient_quota' || facts.code === 'insufficient_quota';
  switch (status) {
    case 400:
      return { status, type: 'invalid_request_error' };
    case 401:
      return { status, type: 'authentication_error' };
    case 403:
      return { status, type: 'permission_error' };
    case 404:
      return { status, type: 'not_found_error' };
    case 413:
      return { status, type: 'request_too_large' };
    case 429:
      return isQuota
        ? { status: 402, type: 'billing_error', shouldRetry: false }
        : { status, type: 'rate_limit_error' };
    case 503:
      return isOverloaded(facts)
        ? { status: 529, type: 'overloaded_error' }
        : { status, type: 'api_error' };
    case 504:
      return { status, type: 'timeout_error' };
    default:
      return status < 500
        ? { status, type: 'invalid_request_error' }
        : { status, type: 'api_error' };
  }
}

function isOverloaded(facts: OpenAIErrorFacts): boolean {
  return overloadedHint.test(facts.code ?? '') || overloadedHint.test(facts.message);
}

/** Mid-stream: no status, so the OpenAI `type`/`code` pick the row (status is the row's own). */
function mapStreamErrorByType(facts: OpenAIErrorFacts): AnthropicErrorMapping {
  const words = `${facts.type ?? ''} ${facts.code ?? ''}`;
  if (/insufficient_quota/.test(words)) {
    return { status: 402, type: 'billing_error', shouldRetry: false };
  }
  if (/rate_limit|^requests\b|^tokens\b/.test(words))
    return { status: 429, type: 'rate_limit_error' };
  if (/service_unavailable|overload|slow_down/.test(words)) {
    return { status: 529, type: 'overloaded_error' };
  }
  if (/timeout/.test(words)) return { status: 504, type: 'timeout_error' };
  if (/invalid_api_key|authentication/.test(words))
    return { status: 401, type: 'authentication_error' };
  if (/permission/.test(words)) return { status: 403, type: 'permission_error' };
  if (/not_found/.test(words)) return { status: 404, type: 'not_found_error' };
  if (/request_too_large/.test(words)) return { status: 413, type: 'request_too_large' };
  if (/invalid_request|context_length/.test(words))
    return { status: 400, type: 'invalid_request_error' };
  return { status: 500, type: 'api_error' };
}
