/**
 * @module anthropic/error-body
 * The Anthropic error response body (`ErrorResponse` of `@anthropic-ai/sdk` `resources/shared.ts`;
 * CONVERSION.md §5.2), also the payload of a mid-stream `event: error`.
 */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'timeout_error'
  | 'api_error'
  | 'overloaded_error';

export interface AnthropicErrorObject {
  type: AnthropicErrorType;
  message: string;
}

export interface AnthropicErrorBody {
  type: 'error';
  error: AnthropicErrorObject;
  request_id?: string | null;
}
