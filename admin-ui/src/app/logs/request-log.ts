import * as z from 'zod/mini';
import { createListSchema, nullish } from '../core/http/list-response';

export const WIRE_FORMATS = ['openai', 'anthropic'] as const;
export type WireFormat = (typeof WIRE_FORMATS)[number];
const formatSchema = z.enum(WIRE_FORMATS);

/** A conversion note as the gateway records it, or plain text from older records. */
const conversionNoteSchema = z.union([
  z.string(),
  z.object({ kind: z.string(), path: nullish(z.string()), message: z.string() }),
]);

export const requestLogSchema = z.object({
  id: z.string(),
  request_id: z.string(),
  model_config_id: nullish(z.string()),
  key_id: nullish(z.string()),
  user_id: nullish(z.string()),
  method: z.string(),
  path: z.string(),
  model: nullish(z.string()),
  source_format: formatSchema,
  target_format: nullish(formatSchema),
  stream: z.boolean(),
  status_code: z.number(),
  response_time_ms: z.number(),
  ttft_ms: nullish(z.number()),
  input_tokens: z.number(),
  output_tokens: z.number(),
  tokens_used: z.number(),
  error_message: nullish(z.string()),
  created_at: z.string(),
  conversion_notes: nullish(z.array(conversionNoteSchema)),
  // The gateway's own additions to API.md's request_log (absent from older records).
  upstream_model: nullish(z.string()),
  upstream_attempts: nullish(z.number()),
  cache_read_tokens: nullish(z.number()),
  cache_creation_tokens: nullish(z.number()),
  tokens_estimated: nullish(z.boolean()),
});

export type RequestLog = z.infer<typeof requestLogSchema>;

export const requestLogListSchema = createListSchema(requestLogSchema);

/** One readable conversion note. */
export interface ConversionNote {
  readonly kind: string | null;
  readonly path: string | null;
  readonly message: string;
}

export function readConversionNotes(log: RequestLog): ConversionNote[] {
  return (log.conversion_notes ?? []).map((note) =>
    typeof note === 'string'
      ? { kind: null, path: null, message: note }
      : { kind: note.kind, path: note.path ?? null, message: note.message },
  );
}

export type StatusClass = 'ok' | 'client-error' | 'server-error';

export function classifyStatus(status: number): StatusClass {
  if (status < 400) return 'ok';
  return status < 500 ? 'client-error' : 'server-error';
}
