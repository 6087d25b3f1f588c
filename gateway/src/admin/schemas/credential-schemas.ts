/**
 * @module credential-schemas
 * Credential bodies and answers. The plain API key only ever travels inwards.
 */
import { z } from 'zod';
import { idSchema, timestampSchema } from './common-schemas';

const nameSchema = z.string().trim().min(1).max(100);
const apiKeySchema = z.string().trim().min(1).max(4096);
const apiUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .describe('http(s) base URL of the upstream');
const validationModelSchema = z.string().trim().min(1).max(200).nullable();
const cliVersionSchema = z
  .string()
  .trim()
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'Must be a version such as 2.0.50.')
  .nullable()
  .describe('Claude CLI version for the relay User-Agent; null = the configured default');

export const providerSchema = z.enum(['openai', 'anthropic']);

export const createCredentialBodySchema = z.strictObject({
  name: nameSchema,
  provider: providerSchema,
  api_key: apiKeySchema,
  api_url: apiUrlSchema.optional(),
  validation_model: validationModelSchema.optional(),
  inject_system_prompt: z.boolean().optional(),
  cli_version: cliVersionSchema.optional(),
});

export const updateCredentialBodySchema = z.strictObject({
  name: nameSchema.optional(),
  api_key: apiKeySchema.optional(),
  api_url: apiUrlSchema.optional(),
  is_active: z.boolean().optional(),
  validation_model: validationModelSchema.optional(),
  inject_system_prompt: z.boolean().optional(),
  cli_version: cliVersionSchema.optional(),
});

export const credentialSchema = z.object({
  id: idSchema,
  user_id: idSchema,
  name: z.string(),
  provider: providerSchema,
  api_url: z.string(),
  api_key_masked: z.string(),
  mode: z.enum(['standard', 'claude_code_relay']),
  is_active: z.boolean(),
  is_validated: z.boolean(),
  validation_error: z.string().nullable(),
  validated_at: timestampSchema.nullable(),
  validation_model: z.string().nullable(),
  inject_system_prompt: z.boolean(),
  cli_version: z.string().nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

export const upstreamModelsSchema = z.object({
  items: z.array(z.object({ id: z.string() })),
  next_cursor: z.null(),
});

export type CredentialWire = z.infer<typeof credentialSchema>;
