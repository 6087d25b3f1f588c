/**
 * @module admin-operations
 * The table of HTTP operations the OpenAPI document describes, pointing at the same zod schemas
 * the routes validate with, so the document cannot drift from the code.
 */
import {
  emptyBodySchema,
  errorBodySchema,
  listQuerySchema,
  pageQueryShape,
} from '../admin/schemas/common-schemas';
import {
  createCredentialBodySchema,
  credentialSchema,
  updateCredentialBodySchema,
  upstreamModelsSchema,
} from '../admin/schemas/credential-schemas';
import {
  apiKeySchema,
  createdApiKeySchema,
  createKeyBodySchema,
  keyListQuerySchema,
  updateKeyBodySchema,
} from '../admin/schemas/key-schemas';
import {
  createdModelConfigSchema,
  createModelBodySchema,
  modelConfigSchema,
  modelInfoSchema,
  modelListQuerySchema,
  updateModelBodySchema,
} from '../admin/schemas/model-schemas';
import {
  changePasswordBodySchema,
  loginBodySchema,
  refreshBodySchema,
  registerBodySchema,
  tokenAnswerSchema,
  updateUserBodySchema,
  userEnvelopeSchema,
  userSchema,
} from '../admin/schemas/user-schemas';
import { z } from 'zod';

/** Named schemas that become `#/components/schemas/<name>`. */
export const componentSchemas = {
  Error: errorBodySchema,
  User: userSchema,
  Credential: credentialSchema,
  ModelConfig: modelConfigSchema,
  ApiKey: apiKeySchema,
} as const;

export type ComponentName = keyof typeof componentSchemas;

export type AnswerSchema =
  | { readonly ref: ComponentName }
  | { readonly pageOf: ComponentName }
  | { readonly schema: z.ZodType }
  | { readonly none: true };

export interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, `{id}` style. */
  readonly path: string;
  readonly tag: 'auth' | 'users' | 'credentials' | 'models' | 'keys' | 'proxy';
  readonly summary: string;
  /** Whether a Bearer access token is required (false for the auth entry points). */
  readonly secured: boolean;
  readonly body?: z.ZodType;
  readonly query?: z.ZodObject;
  readonly status: number;
  readonly answer: AnswerSchema;
  /** Extra documented error statuses besides 400/401/404/413. */
  readonly errors?: readonly number[];
}

const userListQuery = z.strictObject(pageQueryShape);

export const adminOperations: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/auth/register',
    tag: 'auth',
    summary: 'Register (the first user becomes superuser)',
    secured: false,
    body: registerBodySchema,
    status: 201,
    answer: { schema: userEnvelopeSchema },
    errors: [403, 409],
  },
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Log in by username or email',
    secured: false,
    body: loginBodySchema,
    status: 200,
    answer: { schema: tokenAnswerSchema },
    errors: [429],
  },
  {
    method: 'post',
    path: '/api/auth/refresh',
    tag: 'auth',
    summary: 'Rotate the refresh token (body or cookie)',
    secured: false,
    body: refreshBodySchema,
    status: 200,
    answer: { schema: tokenAnswerSchema },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: 'Revoke the refresh token',
    secured: false,
    body: refreshBodySchema,
    status: 204,
    answer: { none: true },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    tag: 'auth',
    summary: 'The signed-in user',
    secured: true,
    status: 200,
    answer: { schema: userEnvelopeSchema },
  },

  {
    method: 'get',
    path: '/api/users',
    tag: 'users',
    summary: 'List users (superuser)',
    secured: true,
    query: userListQuery,
    status: 200,
    answer: { pageOf: 'User' },
    errors: [403],
  },
  {
    method: 'put',
    path: '/api/users/me/password',
    tag: 'users',
    summary: 'Change your own password',
    secured: true,
    body: changePasswordBodySchema,
    status: 204,
    answer: { none: true },
  },
  {
    method: 'put',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Activate, deactivate, promote or demote a user (superuser)',
    secured: true,
    body: updateUserBodySchema,
    status: 200,
    answer: { ref: 'User' },
    errors: [403, 409],
  },
  {
    method: 'delete',
    path: '/api/users/{id}',
    tag: 'users',
    summary: 'Delete a user and everything they own (superuser)',
    secured: true,
    status: 204,
    answer: { none: true },
    errors: [403, 409],
  },

  {
    method: 'get',
    path: '/api/credentials',
    tag: 'credentials',
    summary: 'List credentials',
    secured: true,
    query: listQuerySchema,
    status: 200,
    answer: { pageOf: 'Credential' },
    errors: [403],
  },
  {
    method: 'post',
    path: '/api/credentials',
    tag: 'credentials',
    summary: 'Create a credential (the key is stored encrypted and answered masked)',
    secured: true,
    body: createCredentialBodySchema,
    status: 201,
    answer: { ref: 'Credential' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/credentials/{id}',
    tag: 'credentials',
    summary: 'One credential',
    secured: true,
    status: 200,
    answer: { ref: 'Credential' },
  },
  {
    method: 'put',
    path: '/api/credentials/{id}',
    tag: 'credentials',
    summary: 'Update a credential (a new key or URL resets is_validated)',
    secured: true,
    body: updateCredentialBodySchema,
    status: 200,
    answer: { ref: 'Credential' },
    errors: [409],
  },
  {
    method: 'delete',
    path: '/api/credentials/{id}',
    tag: 'credentials',
    summary: 'Delete a credential with its model configs and their keys',
    secured: true,
    status: 204,
    answer: { none: true },
  },
  {
    method: 'post',
    path: '/api/credentials/{id}/validate',
    tag: 'credentials',
    summary: 'Validate against the real upstream',
    secured: true,
    body: emptyBodySchema,
    status: 200,
    answer: { ref: 'Credential' },
  },
  {
    method: 'get',
    path: '/api/credentials/{id}/upstream-models',
    tag: 'credentials',
    summary: "The upstream provider's model list",
    secured: true,
    status: 200,
    answer: { schema: upstreamModelsSchema },
    errors: [502, 504],
  },

  {
    method: 'get',
    path: '/api/models',
    tag: 'models',
    summary: 'List model configs',
    secured: true,
    query: modelListQuerySchema,
    status: 200,
    answer: { pageOf: 'ModelConfig' },
    errors: [403],
  },
  {
    method: 'post',
    path: '/api/models',
    tag: 'models',
    summary: 'Create a model config and a proxy key limited to it (shown once)',
    secured: true,
    body: createModelBodySchema,
    status: 201,
    answer: { schema: createdModelConfigSchema },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/models/{id}',
    tag: 'models',
    summary: 'One model config',
    secured: true,
    status: 200,
    answer: { ref: 'ModelConfig' },
  },
  {
    method: 'put',
    path: '/api/models/{id}',
    tag: 'models',
    summary: 'Update a model config',
    secured: true,
    body: updateModelBodySchema,
    status: 200,
    answer: { ref: 'ModelConfig' },
    errors: [409],
  },
  {
    method: 'delete',
    path: '/api/models/{id}',
    tag: 'models',
    summary: 'Delete a model config (keys limited to it alone go too)',
    secured: true,
    status: 204,
    answer: { none: true },
  },
  {
    method: 'get',
    path: '/api/models/{id}/info',
    tag: 'models',
    summary: 'A model config with its credential, keys and recent usage',
    secured: true,
    status: 200,
    answer: { schema: modelInfoSchema },
  },

  {
    method: 'get',
    path: '/api/keys',
    tag: 'keys',
    summary: 'List proxy keys',
    secured: true,
    query: keyListQuerySchema,
    status: 200,
    answer: { pageOf: 'ApiKey' },
    errors: [403],
  },
  {
    method: 'post',
    path: '/api/keys',
    tag: 'keys',
    summary: 'Create a proxy key (the full key is shown once)',
    secured: true,
    body: createKeyBodySchema,
    status: 201,
    answer: { schema: createdApiKeySchema },
  },
  {
    method: 'get',
    path: '/api/keys/{id}',
    tag: 'keys',
    summary: 'One proxy key',
    secured: true,
    status: 200,
    answer: { ref: 'ApiKey' },
  },
  {
    method: 'put',
    path: '/api/keys/{id}',
    tag: 'keys',
    summary: 'Update a proxy key',
    secured: true,
    body: updateKeyBodySchema,
    status: 200,
    answer: { ref: 'ApiKey' },
  },
  {
    method: 'delete',
    path: '/api/keys/{id}',
    tag: 'keys',
    summary: 'Revoke a proxy key (dies on every instance within 2 s)',
    secured: true,
    status: 204,
    answer: { none: true },
  },
];
