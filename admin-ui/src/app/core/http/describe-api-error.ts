import { ApiError, toApiError } from './api-error';

/** A translation key plus its parameters, ready for the `translate` pipe or service. */
export interface TranslatedMessage {
  readonly key: string;
  readonly params?: Record<string, string | number>;
}

/**
 * Maps an error to a message a user can act on, in their language. The server's own text (often
 * English, but specific) is passed along as `detail` where it adds something.
 */
export function describeApiError(error: unknown): TranslatedMessage {
  const apiError: ApiError = toApiError(error);
  const detail = apiError.message || apiError.code;
  switch (true) {
    case apiError.code === 'client_error':
      return { key: 'errors.unexpected', params: { detail } };
    case apiError.status === 0:
      return { key: 'errors.network' };
    case apiError.status === 400:
      return { key: 'errors.validation', params: { detail } };
    case apiError.status === 401:
      return { key: 'errors.unauthorized' };
    case apiError.status === 403:
      return { key: 'errors.forbidden', params: { detail } };
    case apiError.status === 404:
      return { key: 'errors.notFound' };
    case apiError.status === 409:
      return { key: 'errors.conflict', params: { detail } };
    case apiError.status === 413:
      return { key: 'errors.tooLarge' };
    case apiError.status === 429:
      return { key: 'errors.rateLimited' };
    case apiError.status >= 500:
      return { key: 'errors.server', params: { status: apiError.status, detail } };
    default:
      return { key: 'errors.generic', params: { status: apiError.status, detail } };
  }
}
