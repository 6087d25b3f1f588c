/**
 * @module analytics-schemas
 * zod schemas of the analytics API: the logs and usage query strings and the `request_log` /
 * usage wire shapes (API.md, snake_case). Query strings are strict: an unknown parameter is a 400.
 */
import { z } from 'zod';
import { granularities } from '@llmfb/shared';
import {
  idSchema,
  pageQueryShape,
  queryBooleanSchema,
  timestampSchema,
} from '../admin/schemas/common-schemas';
import { decodeLogCursor } from './log-cursor';

export const defaultLogLimit = 50;
export const maxLogLimit = 500;

const formatSchema = z.enum(['openai', 'anthropic']);

/** Normalised to `toISOString()`. */
const instantSchema = timestampSchema.transform((value) => new Date(value).toISOString());

function checkRange(value: { from?: string; to?: string }, context: z.RefinementCtx): void {
  if (value.from && value.to && value.from >= value.to) {
    context.addIssue({ code: 'custom', path: ['from'], message: '`from` must be before `to`.' });
  }
}

export const logsQuerySchema = z
  .strictObject({
    limit: pageQueryShape.limit,
    cursor: z
      .string()
      .min(1)
      .max(1024)
      .transform((text, context) => {
        const cursor = decodeLogCursor(text);
        if (!cursor) {
          context.addIssue({ code: 'custom', message: 'Not a cursor from a previous page.' });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
    model_config_id: idSchema.optional(),
    key_id: idSchema.optional(),
    status_code: z.coerce.number().int().min(100).max(599).optional(),
    source_format: formatSchema.optional(),
    target_format: formatSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    all: queryBooleanSchema.optional(),
  })
  .superRefine(checkRange);

export const usageGroupings = ['model', 'key', 'credential', 'user'] as const;

export const usageQuerySchema = z
  .strictObject({
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    granularity: z.enum(granularities).default('hour'),
    group_by: z.enum(usageGroupings).default('model'),
    all: queryBooleanSchema.optional(),
  })
  .superRefine(checkRange);

export const requestLogWireSchema = z.object({
  id: z.string(),
  request_id: z.string(),
  model_config_id: z.string().nullable(),
  key_id: z.string().nullable(),
  user_id: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  model: z.string().nullable().describe('the model name the client sent (an alias)'),
  source_format: formatSchema.describe('the format the client spoke'),
  target_format: formatSchema.nullable().describe('the format the upstream spoke'),
  stream: z.boolean(),
  status_code: z.number().int(),
  response_time_ms: z.number(),
  ttft_ms: z.number().nullable(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  tokens_used: z.number().int().describe('input_tokens + output_tokens'),
  error_message: z.string().nullable(),
  created_at: z.string().describe('ISO 8601 UTC: when the request arrived'),
  credential_id: z.string().nullable(),
  upstream_model: z.string().nullable(),
  cache_read_tokens: z.number().int(),
  cache_creation_tokens: z.number().int(),
  tokens_estimated: z.boolean().describe('true when the upstream reported no usage'),
  upstream_attempts: z.number().int(),
  conversion_notes: z.array(
    z.object({
      kind: z.enum(['dropped', 'clamped', 'approximated', 'defaulted']),
      path: z.string(),
      message: z.string(),
    }),
  ),
});

export type RequestLogWire = z.infer<typeof requestLogWireSchema>;

export const usagePointWireSchema = z.object({
  t: z.string().describe('bucket start, ISO 8601 UTC'),
  requests: z.number().int(),
  errors: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  avg_latency_ms: z.number().nullable(),
  p95_latency_ms: z.number().nullable().describe('read back from a fixed latency histogram'),
});

export const usageWireSchema = z.object({
  series: z.array(z.object({ key: z.string(), points: z.array(usagePointWireSchema) })),
});

export type UsageWire = z.infer<typeof usageWireSchema>;
