/**
 * @module store/store-errors
 * The errors every store adapter raises the same way, so the admin API maps them once.
 */
import { GatewayError } from '../errors/gateway-error';

export type ConflictEntity = 'user' | 'credential' | 'model_config' | 'api_key';

const conflictMessages: Record<ConflictEntity, string> = {
  user: 'A user with this username or email already exists.',
  credential: 'A credential with this name already exists.',
  model_config: 'A model config for this credential, model and target format already exists.',
  api_key: 'This key already exists.',
};

/** 409 for a unique-constraint violation; `fields` name what collided when the adapter knows it. */
export function createConflictError(
  entity: ConflictEntity,
  fields: readonly string[],
  cause?: unknown,
): GatewayError {
  return new GatewayError({
    code: 'resource.conflict',
    status: 409,
    message: conflictMessages[entity],
    cause,
    details: fields.map((path) => ({ path, message: 'Already taken.' })),
  });
}
