import * as z from 'zod/mini';
import { createListSchema, nullish } from '../core/http/list-response';

export const credentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(['openai', 'anthropic']),
  api_url: z.string(),
  api_key_masked: z.string(),
  is_active: z.boolean(),
  is_validated: z.boolean(),
  validation_error: nullish(z.string()),
  validated_at: nullish(z.string()),
  created_at: z.string(),
  updated_at: nullish(z.string()),
  mode: nullish(z.string()),
  validation_model: nullish(z.string()),
  inject_system_prompt: nullish(z.boolean()),
  cli_version: nullish(z.string()),
});

export type Credential = z.infer<typeof credentialSchema>;
export type Provider = Credential['provider'];

export const credentialListSchema = createListSchema(credentialSchema);

export const upstreamModelListSchema = createListSchema(
  z.object({ id: z.string(), display_name: nullish(z.string()) }),
);

/** Body of POST /api/credentials. */
export interface CredentialCreateRequest {
  name: string;
  provider: Provider;
  api_key: string;
  api_url?: string;
  validation_model?: string;
  inject_system_prompt?: boolean;
  cli_version?: string;
}

/** Body of PUT /api/credentials/{id}: only what changed. */
export type CredentialUpdateRequest = Partial<
  Omit<CredentialCreateRequest, 'provider' | 'validation_model' | 'cli_version'> & {
    is_active: boolean;
    validation_model: string | null;
    cli_version: string | null;
  }
>;

/** Where the validation state of a credential stands, for the status chip. */
export type ValidationState = 'valid' | 'failed' | 'unchecked';

export function readValidationState(credential: Credential): ValidationState {
  if (credential.is_validated) return 'valid';
  return credential.validation_error ? 'failed' : 'unchecked';
}
