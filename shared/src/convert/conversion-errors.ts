/**
 * @module convert/conversion-errors
 * The two ways a request conversion refuses (CONVERSION.md §10.1): the input is malformed
 * (`request.invalid`) or the target dialect cannot express it (`conversion.unsupported`). Both are
 * 400s whose `param` is the JSON path in the caller's request.
 */
import { GatewayError } from '../errors/gateway-error';

/** The caller's request is malformed or inconsistent (e.g. a tool call without its result). */
export function createInvalidRequestError(param: string, message: string): GatewayError {
  return new GatewayError({
    code: 'request.invalid',
    status: 400,
    param,
    message: `${param}: ${message}`,
  });
}

/** The caller asked for something the upstream dialect cannot do (or strict mode forbids a drop). */
export function createUnsupportedError(param: string, message: string): GatewayError {
  return new GatewayError({
    code: 'conversion.unsupported',
    status: 400,
    param,
    message: `${param}: ${message}`,
  });
}
