/**
 * @module error-handler
 * Renders every error once, as the admin API's `{error: {code, message, details?}}`. The proxy
 * routes install their own dialect-aware renderer before this one.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { GatewayError, isGatewayError, toAdminErrorCode, type Logger } from '@llmfb/shared';

/** Turns body-parser and other framework errors into GatewayErrors. */
export function normaliseError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const candidate = error as { type?: string; status?: number; message?: string } | undefined;
  if (candidate?.type === 'entity.parse.failed') {
    return new GatewayError({
      code: 'request.invalid',
      status: 400,
      message: 'The body is not valid JSON.',
      cause: error,
    });
  }
  if (candidate?.type === 'entity.too.large') {
    return new GatewayError({
      code: 'request.too_large',
      status: 413,
      message: 'The body is too large.',
      cause: error,
    });
  }
  if (candidate?.type === 'encoding.unsupported' || candidate?.type === 'charset.unsupported') {
    return new GatewayError({
      code: 'request.unsupported_media_type',
      status: 415,
      message: 'Unsupported body encoding.',
      cause: error,
    });
  }
  if (typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500) {
    return new GatewayError({
      code: 'request.invalid',
      status: candidate.status,
      message: candidate.message ?? 'Bad request.',
      cause: error,
    });
  }
  return new GatewayError({
    code: 'internal',
    status: 500,
    message: 'Internal error.',
    cause: error,
  });
}

export function createAdminErrorHandler(logger: Logger): ErrorRequestHandler {
  return function adminErrorHandler(error, _request, response, next) {
    if (response.headersSent) return next(error);
    const gatewayError = normaliseError(error);
    if (gatewayError.status >= 500) {
      logger.error({ err: error, requestId: response.locals.requestId }, 'request failed');
    }
    for (const [name, value] of Object.entries(gatewayError.headers))
      response.setHeader(name, value);
    response.status(gatewayError.status).json({
      error: {
        code: toAdminErrorCode(gatewayError.code),
        message: gatewayError.message,
        ...(gatewayError.details ? { details: gatewayError.details } : {}),
      },
    });
  };
}

export function createNotFoundHandler(): RequestHandler {
  return function notFound(request, _response, next) {
    next(
      new GatewayError({
        code: 'resource.not_found',
        status: 404,
        message: `No route for ${request.method} ${request.path}.`,
      }),
    );
  };
}
