/**
 * @module gateway-error
 * The one error class of the project. Handlers throw it; one error handler renders it in the
 * caller's dialect (admin JSON, OpenAI or Anthropic).
 */
export type ErrorCode =
  | 'request.invalid'
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'auth.missing'
  | 'auth.invalid'
  | 'auth.invalid_key'
  | 'auth.forbidden'
  | 'auth.registration_closed'
  | 'auth.throttled'
  | 'resource.not_found'
  | 'resource.conflict'
  | 'model.not_found'
  | 'rate_limit.exceeded'
  | 'conversion.unsupported'
  | 'upstream.unreachable'
  | 'upstream.timeout'
  | 'upstream.rejected'
  | 'upstream.invalid_response'
  | 'internal';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export interface GatewayErrorOptions {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
  readonly retryable?: boolean;
  readonly cause?: unknown;
  /** Safe to show the caller (never secrets). */
  readonly details?: readonly FieldProblem[] | Record<string, unknown>;
  /** The request field at fault, as a JSON path (OpenAI `param`). */
  readonly param?: string;
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers?: Record<string, string>;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: GatewayErrorOptions['details'];
  readonly param: string | undefined;
  readonly headers: Record<string, string>;

  constructor(options: GatewayErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
    this.param = options.param;
    this.headers = options.headers ?? {};
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** The admin API's machine code for a gateway error code: `auth.invalid` → `auth_invalid`. */
export function toAdminErrorCode(code: ErrorCode): string {
  return code.replace(/\./g, '_');
}
