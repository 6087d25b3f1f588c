/**
 * @module usage-recorded.v1
 * Compact counters for one proxied request on `gateway.usage.recorded.v1`; the usage roller folds
 * them into minute/hour/day rollups.
 */
import { z } from 'zod';
import { eventEnvelopeSchema } from './event-envelope';

export const usageRecordedDataSchema = z.object({
  requestId: z.string().min(1),
  userId: z.string().nullable(),
  keyId: z.string().nullable(),
  modelConfigId: z.string().nullable(),
  credentialId: z.string().nullable(),
  /** The client-facing alias (usage `group_by=model` keys are aliases). */
  model: z.string().nullable(),
  /** ISO 8601: when the request arrived (the rollup bucket is taken from it). */
  startedAt: z.string().datetime({ offset: true }),
  isError: z.boolean(),
  statusCode: z.number().int(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  latencyMs: z.number().nonnegative(),
});

export type UsageRecordedData = z.infer<typeof usageRecordedDataSchema>;

export const usageRecordedV1Schema = eventEnvelopeSchema(
  'usage.recorded',
  1,
  usageRecordedDataSchema,
);
export type UsageRecordedV1 = z.infer<typeof usageRecordedV1Schema>;
