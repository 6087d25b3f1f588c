import * as z from 'zod/mini';
import { createListSchema, nullish } from '../core/http/list-response';

export const modelConfigSchema = z.object({
  id: z.string(),
  credential_id: z.string(),
  model_name: z.string(),
  alias: z.string(),
  target_format: z.enum(['openai', 'anthropic']),
  is_enabled: z.boolean(),
  rate_limit: z.number(),
  created_at: z.string(),
  updated_at: nullish(z.string()),
});

export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type TargetFormat = ModelConfig['target_format'];

export const modelConfigListSchema = createListSchema(modelConfigSchema);

/** POST /api/models answers the config plus its new key, shown this once. */
export const createdModelConfigSchema = z.extend(modelConfigSchema, {
  proxy_api_key: z.string(),
});

export type CreatedModelConfig = z.infer<typeof createdModelConfigSchema>;

export interface ModelConfigCreateRequest {
  credential_id: string;
  model_name: string;
  target_format: TargetFormat;
  alias?: string;
  is_enabled?: boolean;
  rate_limit?: number;
}

export type ModelConfigUpdateRequest = Partial<
  Pick<ModelConfig, 'alias' | 'is_enabled' | 'rate_limit' | 'target_format'>
>;

export const DEFAULT_RATE_LIMIT = 100;
