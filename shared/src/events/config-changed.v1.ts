/**
 * @module config-changed.v1
 * Published by the admin API on `gateway.config.changed.v1` whenever something the proxy caches
 * changes; every gateway instance consumes it (own consumer group) and drops its caches, so a
 * revoked key dies everywhere within 2 s.
 */
import { z } from 'zod';
import { eventEnvelopeSchema } from './event-envelope';

export const configChangedDataSchema = z.object({
  entity: z.enum(['user', 'credential', 'model_config', 'api_key']),
  entityId: z.string(),
  userId: z.string(),
  action: z.enum(['created', 'updated', 'deleted']),
});

export type ConfigChangedData = z.infer<typeof configChangedDataSchema>;

export const configChangedV1Schema = eventEnvelopeSchema(
  'config.changed',
  1,
  configChangedDataSchema,
);
export type ConfigChangedV1 = z.infer<typeof configChangedV1Schema>;
