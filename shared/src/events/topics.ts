/** Kafka topic names (STYLE.md 10.2: `gateway.<noun>.<past-verb>.v<N>`). */
export const topics = {
  requestCompleted: 'gateway.request.completed.v1',
  usageRecorded: 'gateway.usage.recorded.v1',
  configChanged: 'gateway.config.changed.v1',
} as const;

export type Topic = (typeof topics)[keyof typeof topics];

/** Where malformed events go, with the reason, so they never stop a consumer. */
export const deadLetterTopic = (topic: Topic): string => `${topic}.dlq`;
