/**
 * @module convert/anthropic-to-openai/error
 * An Anthropic error (HTTP status and/or `error.type`) → the OpenAI status, `type` and `code`
 * (CONVERSION.md §5.3). Used for upstream HTTP errors and for mid-stream `event: error`.
 */
import type { OpenAIErrorObject } from '../../openai/error-body';

export interface AnthropicErrorFacts {
  /** Absent for a mid-stream error (the row is then chosen by `type`). */
  readonly status?: number;
  readonly type?: string;
  readonly message: string;
  /** `error.details.error_code`, e.g. `enforced_spend_limit_reached` on a spend-limit 429. */
  readonly errorCode?: string;
}

export interface OpenAIErrorMapping {
  readonly status: number;
  readonly error: OpenAIErrorObject;
}

interface Row {
  readonly status: number;
  readonly type: string;
  readonly code: (facts: AnthropicErrorFacts) => string | null;
}

const contextLengthMessage = /prompt is too long|context (window|length|limit)|exceeds? .*context/i;

/**
 * | AN status / type            | OA status | OA `type`                   | OA `code` |
 * |-----------------------------|-----------|-----------------------------|-----------|
 * | 400 `invalid_request_error` | 400 | `invalid_request_error`     | `context_length_exceeded` when the prompt is too long, else null |
 * | 401 `authentication_error`  | 401 | `invalid_request_error`     | `invalid_api_key` |
 * | 402 `billing_error`         | 429 | `insufficient_quota`        | `insufficient_quota` |
 * | 403 `permission_error`      | 403 | `permission_error`          | null |
 * | 404 `not_found_error`       | 404 | `invalid_request_error`     | `model_not_found` if about the model |
 * | 413 `request_too_large`     | 413 | `invalid_request_error`     | `request_too_large` |
 * | 429 `rate_limit_error`      | 429 | `rate_limit_error`          | `rate_limit_exceeded` (spend limit → `insufficient_quota`) |
 * | 500 `api_error`             | 500 | `server_error`              | null |
 * | 504 `timeout_error`         | 504 | `server_error`              | `timeout` |
 * | 529 `overloaded_error`      | 503 | `service_unavailable_error` | `server_is_overloaded` |
 */
const rowsByType: Readonly<Record<string, Row>> = {
  invalid_request_error: {
    status: 400,
    type: 'invalid_request_error',
    code: (facts) => (contextLengthMessage.test(facts.message) ? 'context_length_exceeded' : null),
  },
  authentication_error: {
    status: 401,
    type: 'invalid_request_error',
    code: () => 'invalid_api_key',
  },
  billing_error: { status: 429, type: 'insufficient_quota', code: () => 'insufficient_quota' },
  permission_error: { status: 403, type: 'permission_error', code: () => null },
  not_found_error: {
    status: 404,
    type: 'invalid_request_error',
    code: (facts) => (/model/i.test(facts.message) ? 'model_not_found' : null),
  },
  request_too_large: {
    status: 413,
    type: 'invalid_request_error',
    code: () => 'request_too_large',
  },
  rate_limit_error: { status: 429, type: 'rate_limit_error', code: () => 'rate_limit_exceeded' },
  api_error: { status: 500, type: 'server_error', code: () => null },
  timeout_error: { status: 504, type: 'server_error', code: () => 'timeout' },
  overloaded_error: {
    status: 503,
    type: 'service_unavailable_error',
    code: () => 'server_is_overloaded',
  },
};

const typeByStatus: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const spendLimitRow: Row = {
  status: 429,
  type: 'insufficient_quota',
  code: () => 'insufficient_quota',
};

/**
 * Picks the §5.3 row by the upstream status when the table names it, else by the Anthropic error
 * type (mid-stream errors have no status; relays send odd statuses such as 503 `overloaded_error`,
 * which then keep their status). Anything else is "other 4xx/5xx": same status,
 * `invalid_request_error` / `server_error`, code null. `message` is the upstream's, verbatim.
 */
export function mapAnthropicErrorToOpenAI(facts: AnthropicErrorFacts): OpenAIErrorMapping {
  const statusRowType = facts.status === undefined ? undefined : typeByStatus[facts.status];
  let row = rowsByType[statusRowType ?? facts.type ?? ''];
  if (row === rowsByType.rate_limit_error && facts.errorCode === 'enforced_spend_limit_reached') {
    row = spendLimitRow;
  }
  if (row === undefined) {
    const status = facts.status ?? 500;
    return {
      status,
      error: {
        message: facts.message,
        type: status < 500 ? 'invalid_request_error' : 'server_error',
        param: null,
        code: null,
      },
    };
  }
  return {
    status: statusRowType === undefined && facts.status !== undefined ? facts.status : row.status,
    error: { message: facts.message, type: row.type, param: null, code: row.code(facts) },
  };
}
