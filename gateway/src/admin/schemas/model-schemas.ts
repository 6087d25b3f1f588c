/**
 * @module model-schemas
 * Model config bodies and answers.
 */
import { z } from 'zod';
import { idSchema, listQuerySchema, timestampSchema } from './common-schemas';
import { apiKeySchema } from './key-schemas';
import { credentialSchema } from './credential-schemas';

export const targetFormatSchema = z.enum(['openai', 'anthropic']);
const modelNameSchema = z.string().trim().min(1).max(200);
const rateLimitSchema = z.number().int().min(1).max(1_000_000).describe('requests per minute');

export const createModelBodySchema = z.strictObject({
  credential_id: idSchema,
  model_name: modelNameSchema,
  target_format: targetFormatSchema,
  alias: modelNameSchema.optional(),
  is_enabled: z.boolean().optional(),
  rate_limit: rateLimitSchema.optional(),
});

export const updateModelBodySchema = z.strictObject({
  alias: modelNameSchema.optional(),
  is_enabled: z.boolean().optional(),
  rate_limit: rateLimitSchema.optional(),
  target_format: targetFormatSchema.optional(),
});

export const modelConfigSchema = z.object({
  id: idSchema,
  user_id: idSchema,
  credential_id: idSchema,
  model_name: z.string(),
  alias: z.string(),
  target_format: targetFormatSchema,
  is_enabled: z.boolean(),
  rate_limit: z.number().int(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

export const createdModelConfigSchema = modelConfigSchema.extend({
  proxy_api_key: z.string().describe('llmb_… key limited to this model config; shown only here'),
  proxy_api_key_id: idSchema,
});

export const modelInfoSchema = modelConfigSchema.extend({
  credential: credentialSchema.pick({
    id: true,
    name: true,
    provider: true,
    api_url: true,
    api_key_masked: true,
    mode: true,
    is_active: true,
    is_validated: true,
  }),
  keys: z.array(apiKeySchema),
  recent_usage: z
    .unknown()
    .nullable()
    .describe('from the analytics store; null when not available'),
});

export type ModelConfigWire = z.infer<typeof modelConfigSchema>;

export const modelListQuerySchema = listQuerySchema.extend({ credential_id: idSchema.optional() });
