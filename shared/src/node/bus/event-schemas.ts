/**
 * @module event-schemas
 * The schema of each topic's envelopes, and one validation function used at both ends of the bus
 * (before publishing and after consuming).
 */
import type { z } from 'zod';
import type { EventEnvelope } from '../../events/event-envelope';
import { configChangedV1Schema } from '../../events/config-changed.v1';
import { requestCompletedV1Schema } from '../../events/request-completed.v1';
import { topics, type Topic } from '../../events/topics';
import { usageRecordedV1Schema } from '../../events/usage-recorded.v1';

export const topicSchemas: Record<Topic, z.ZodType<EventEnvelope>> = {
  [topics.requestCompleted]: requestCompletedV1Schema,
  [topics.usageRecorded]: usageRecordedV1Schema,
  [topics.configChanged]: configChangedV1Schema,
};

export const allTopics: readonly Topic[] = Object.values(topics);

export type EnvelopeCheck =
  | { readonly isValid: true; readonly envelope: EventEnvelope }
  | { readonly isValid: false; readonly reason: string };

/** Validates a parsed value against the topic's schema; the reason names the failing fields. */
export function checkEnvelope(topic: Topic, value: unknown): EnvelopeCheck {
  const result = topicSchemas[topic].safeParse(value);
  if (result.success) return { isValid: true, envelope: result.data };
  const reason = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { isValid: false, reason };
}

/** Parses a raw message value (JSON text) and validates it. */
export function decodeEnvelope(topic: Topic, raw: string | null): EnvelopeCheck {
  if (raw === null) return { isValid: false, reason: 'empty message value' };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { isValid: false, reason: `not JSON: ${(error as Error).message}` };
  }
  return checkEnvelope(topic, value);
}
