/**
 * @module convert/errors/render-gateway-error
 * Renders an error the gateway raised (a `GatewayError`, or anything else thrown) in the caller's
 * dialect (STYLE.md §10.4, CONVERSION.md §5.1, §5.2, §5.5): an HTTP answer before the response
 * headers are sent, or one final stream frame after (§4.6: no `[DONE]` / `message_stop` follows).
 * Anything that is not a `GatewayError` becomes a 500 whose message hides the cause.
 *
 * @example
 * const { status, headers, body } = renderGatewayError(error, 'anthropic', { requestId });
 */
import type { AnthropicErrorBody } from '../../anthropic/error-body';
import { GatewayError } from '../../errors/gateway-error';
import type { OpenAIErrorBody } from '../../openai/error-body';
import type { ApiFormat, SseEvent } from '../types';
import {
  describeGatewayErrorForAnthropic,
  describeGatewayErrorForOpenAI,
} from './gateway-error-types';

export interface RenderedError<TBody> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: TBody;
}

export interface RenderErrorOptions {
  /** The gateway's request id (Anthropic bodies carry it as `request_id`). */
  readonly requestId?: string;
}

const internalError = new GatewayError({
  code: 'internal',
  status: 500,
  message: 'The gateway hit an internal error.',
});

function coerceToGatewayError(error: unknown): GatewayError {
  return error instanceof GatewayError ? error : internalError;
}

/** OpenAI: status + `{error:{message, type, param, code}}`, all four keys present. */
export function renderOpenAIError(error: unknown): RenderedError<OpenAIErrorBody> {
  const gatewayError = coerceToGatewayError(error);
  const description = describeGatewayErrorForOpenAI(gatewayError);
  const headers: Record<string, string> = { ...gatewayError.headers };
  if (description.code === 'insufficient_quota') headers['x-should-retry'] = 'false';
  return {
    status: description.status,
    headers,
    body: {
      error: {
        message: gatewayError.message,
        type: description.type,
        param: gatewayError.param ?? null,
        code: description.code,
      },
    },
  };
}

/** Anthropic: status + `{type:"error", error:{type, message}, request_id}` and a `request-id` header. */
export function renderAnthropicError(
  error: unknown,
  options: RenderErrorOptions = {},
): RenderedError<AnthropicErrorBody> {
  const gatewayError = coerceToGatewayError(error);
  const description = describeGatewayErrorForAnthropic(gatewayError);
  const headers: Record<string, string> = { ...gatewayError.headers };
  if (options.requestId !== undefined) headers['request-id'] = options.requestId;
  if (description.type === 'billing_error') headers['x-should-retry'] = 'false';
  return {
    status: description.status,
    headers,
    body: {
      type: 'error',
      error: { type: description.type, message: gatewayError.message },
      request_id: options.requestId ?? null,
    },
  };
}

/** Either of the above, by the caller's dialect. */
export function renderGatewayError(
  error: unknown,
  format: ApiFormat,
  options: RenderErrorOptions = {},
): RenderedError<OpenAIErrorBody | AnthropicErrorBody> {
  return format === 'openai' ? renderOpenAIError(error) : renderAnthropicError(error, options);
}

/** The last frame of an OpenAI stream that failed: `data: {"error":{…}}` (no `[DONE]` after it). */
export function renderOpenAIStreamError(error: unknown): SseEvent {
  return { data: JSON.stringify(renderOpenAIError(error).body) };
}

/** The last frame of an Anthropic stream that failed: `event: error` (no `message_stop` after it). */
export function renderAnthropicStreamError(error: unknown): SseEvent {
  const { body } = renderAnthropicError(error);
  return { event: 'error', data: JSON.stringify({ type: 'error', error: body.error }) };
}

/** Either stream error frame, by the caller's dialect. */
export function renderStreamError(error: unknown, format: ApiFormat): SseEvent {
  return format === 'openai' ? renderOpenAIStreamError(error) : renderAnthropicStreamError(error);
}
