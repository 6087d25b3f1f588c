/**
 * @module key-schemas
 * Proxy key bodies and answers. The full key is only in the creation answer.
 */
import { z } from 'zod';
import { idSchema, listQuerySchema, timestampSchema } from './common-schemas';

const nameSchema = z.string().trim().min(1).max(100);
const modelConfigIdsSchema = z
  .array(idSchema)
  .max(500)
  .describe('empty or absent = every enabled model config of the owner');
const rateLimitSchema = z
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .nullable()
  .describe('requests per minute for this key; null = none');
const expiresAtSchema = z.iso.datetime({ offset: true }).nullable();

export const createKeyBodySchema = z.strictObject({
  name: nameSchema,
  model_config_ids: modelConfigIdsSchema.optional(),
  rate_limit: rateLimitSchema.optional(),
  expires_at: expiresAtSchema.optional(),
  strict: z.boolean().optional().describe('turn every lossy conversion into a 400 for this key'),
});

export const updateKeyBodySchema = z.strictObject({
  name: nameSchema.optional(),
  model_config_ids: modelConfigIdsSchema.optional(),
  rate_limit: rateLimitSchema.optional(),
  expires_at: expiresAtSchema.optional(),
  is_active: z.boolean().optional(),
  strict: z.boolean().optional(),
});

export const apiKeySchema = z.object({
  id: idSchema,
  user_id: idSchema,
  name: z.string(),
  prefix: z.string(),
  model_config_ids: z.array(idSchema),
  rate_limit: z.number().int().nullable(),
  expires_at: timestampSchema.nullable(),
  is_active: z.boolean(),
  strict: z.boolean(),
  last_used_at: timestampSchema.nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe('the full llmb_… key; shown only here'),
});

export type ApiKeyWire = z.infer<typeof apiKeySchema>;

export const keyListQuerySchema = listQuerySchema.extend({ model_config_id: idSchema.optional() });
