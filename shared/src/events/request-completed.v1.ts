/**
 * @module request-completed.v1
 * One event per proxied request — answered, failed or aborted — on `gateway.request.completed.v1`.
 * The log writer turns it into one `request_logs` row (unique `requestId`).
 */
import { z } from 'zod';
import { eventEnvelopeSchema } from './event-envelope';

const format = z.enum(['openai', 'anthropic']);

export const conversionNoteSchema = z.object({
  kind: z.enum(['dropped', 'clamped', 'approximated', 'defaulted']),
  path: z.string(),
  message: z.string(),
});

export const requestCompletedDataSchema = z.object({
  requestId: z.string().min(1),
  /** Null when the request never authenticated (bad key). */
  userId: z.string().nullable(),
  keyId: z.string().nullable(),
  modelConfigId: z.string().nullable(),
  credentialId: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  /** The model name the client sent (an alias). */
  model: z.string().nullable(),
  /** The upstream model id actually called. */
  upstreamModel: z.string().nullable(),
  sourceFormat: format,
  /** Null when no upstream was chosen. */
  targetFormat: format.nullable(),
  stream: z.boolean(),
  /** HTTP status the client got; 499 when the client went away first. */
  statusCode: z.number().int(),
  responseTimeMs: z.number().nonnegative(),
  ttftMs: z.number().nonnegative().nullable(),
  /** All prompt tokens, cached included. */
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  cacheReadTokens: z.number().int().nonnegative(),
  cacheCreationTokens: z.number().int().nonnegative(),
  /** True when the upstream reported no usage and the counts are local estimates. */
  tokensEstimated: z.boolean(),
  errorMessage: z.string().nullable(),
  conversionNotes: z.array(conversionNoteSchema),
  upstreamAttempts: z.number().int().nonnegative(),
  /** ISO 8601: when the request arrived. */
  startedAt: z.string().datetime({ offset: true }),
});

export type RequestCompletedData = z.infer<typeof requestCompletedDataSchema>;

export const requestCompletedV1Schema = eventEnvelopeSchema(
  'request.completed',
  1,
  requestCompletedDataSchema,
);
export type RequestCompletedV1 = z.infer<typeof requestCompletedV1Schema>;
