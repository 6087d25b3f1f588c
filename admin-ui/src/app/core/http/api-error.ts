import { HttpErrorResponse } from '@angular/common/http';

/**
 * One error type for every failed admin or proxy call: the HTTP status, the machine code and
 * the server's message (admin `{error:{code,message,details}}`, OpenAI `{error:{message,type}}`
 * or Anthropic `{type:'error',error:{type,message}}`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function readErrorBody(body: unknown): { code?: string; message?: string; details?: unknown } {
  if (typeof body === 'string') {
    try {
      return readErrorBody(JSON.parse(body));
    } catch {
      // Not JSON (an HTML page from a proxy in front of us): keep the text short.
      return { message: body.slice(0, 200) };
    }
  }
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return {};
  const fields = error as Record<string, unknown>;
  const code =
    typeof fields['code'] === 'string'
      ? fields['code']
      : typeof fields['type'] === 'string'
        ? fields['type']
        : undefined;
  const message = typeof fields['message'] === 'string' ? fields['message'] : undefined;
  return { code, message, details: fields['details'] };
}

/** Normalises anything thrown by HttpClient (or fetch) into an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpErrorResponse) {
    const body = readErrorBody(error.error);
    const status = error.status;
    const code = body.code ?? (status === 0 ? 'network_error' : `http_${status}`);
    return new ApiError(status, code, body.message ?? error.statusText ?? '', body.details);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'client_error', message);
}

/** Builds an ApiError from a proxy answer body (fetch path of the playground). */
export function createApiErrorFromBody(status: number, body: unknown): ApiError {
  const parsed = readErrorBody(body);
  return new ApiError(
    status,
    parsed.code ?? `http_${status}`,
    parsed.message ?? '',
    parsed.details,
  );
}
