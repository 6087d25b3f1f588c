/**
 * @module convert/errors/gateway-error-types
 * The status → error type tables for errors the gateway itself raises (CONVERSION.md §5.5), per
 * dialect. Upstream errors use the §5.3/§5.4 tables instead (`convertUpstreamError`).
 */
import type { AnthropicErrorType } from '../../anthropic/error-body';
import type { GatewayError } from '../../errors/gateway-error';

export interface OpenAIErrorDescription {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
}

export interface AnthropicErrorDescription {
  readonly status: number;
  readonly type: AnthropicErrorType;
}

/**
 * | status | OA `type` / `code`                                  | note |
 * |--------|-----------------------------------------------------|------|
 * | 400 (and other 4xx) | `invalid_request_error` / null         | `param` = the JSON path of the field |
 * | 401    | `invalid_request_error` / `invalid_api_key`         | |
 * | 402    | → 429 `insufficient_quota` / `insufficient_quota`   | |
 * | 403    | `permission_error` / null                           | |
 * | 404    | `invalid_request_error` / `model_not_found` (model errors) or null | |
 * | 413    | `invalid_request_error` / `request_too_large`       | |
 * | 429    | `rate_limit_error` / `rate_limit_exceeded`          | |
 * | 500, 502 (and other 5xx) | `server_error` / null             | 502: upstream unreachable |
 * | 503    | `service_unavailable_error` / null                  | |
 * | 504    | `server_error` / `timeout`                          | upstream timeout |
 * | 529    | → 503 `service_unavailable_error` / `server_is_overloaded` | |
 */
export function describeGatewayErrorForOpenAI(error: GatewayError): OpenAIErrorDescription {
  const { status } = error;
  switch (status) {
    case 401:
      return { status, type: 'invalid_request_error', code: 'invalid_api_key' };
    case 402:
      return { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' };
    case 403:
      return { status, type: 'permission_error', code: null };
    case 404:
      return {
        status,
        type: 'invalid_request_error',
        code: error.code === 'model.not_found' ? 'model_not_found' : null,
      };
    case 413:
      return { status, type: 'invalid_request_error', code: 'request_too_large' };
    case 429:
      return { status, type: 'rate_limit_error', code: 'rate_limit_exceeded' };
    case 503:
      return { status, type: 'service_unavailable_error', code: null };
    case 504:
      return { status, type: 'server_error', code: 'timeout' };
    case 529:
      return { status: 503, type: 'service_unavailable_error', code: 'server_is_overloaded' };
    default:
      return status < 500
        ? { status, type: 'invalid_request_error', code: null }
        : { status, type: 'server_error', code: null };
  }
}

/**
 * | status | AN `error.type` |
 * |--------|-----------------|
 * | 400 (and other 4xx) | `invalid_request_error` |
 * | 401 | `authentication_error` |
 * | 402 | `billing_error` |
 * | 403 | `permission_error` |
 * | 404 | `not_found_error` |
 * | 413 | `request_too_large` |
 * | 429 | `rate_limit_error` |
 * | 500, 502, 503 (and other 5xx) | `api_error` |
 * | 504 | `timeout_error` |
 * | 529 | `overloaded_error` |
 */
export function describeGatewayErrorForAnthropic(error: GatewayError): AnthropicErrorDescription {
  return { status: error.status, type: mapStatusToAnthropicErrorType(error.status) };
}

/** The Anthropic error type for an HTTP status (also used for non-JSON upstream bodies). */
export function mapStatusToAnthropicErrorType(status: number): AnthropicErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status < 500 ? 'invalid_request_error' : 'api_error';
  }
}
