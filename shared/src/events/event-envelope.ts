/**
 * @module event-envelope
 * Every event travels in a versioned envelope. Consumers upsert by `id`: delivery is at-least-once.
 */
import { z } from 'zod';

export const eventEnvelopeSchema = <T extends z.ZodType>(type: string, version: number, data: T) =>
  z.object({
    /** Stable and unique per fact (derived from the request id), so replays are idempotent. */
    id: z.string().min(1),
    type: z.literal(type),
    version: z.literal(version),
    /** ISO 8601. */
    occurredAt: z.string().datetime({ offset: true }),
    data,
  });

export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly type: TType;
  readonly version: number;
  readonly occurredAt: string;
  readonly data: TData;
}
