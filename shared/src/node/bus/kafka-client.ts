/**
 * @module kafka-client
 * The kafkajs client and producer settings, in one place for the bus (main thread) and the
 * producer thread, and the grouping of spooled messages into one `sendBatch`.
 */
import { Kafka, type Producer, type ProducerConfig } from 'kafkajs';
import type { Logger } from '../../logger';
import type { SpooledMessage } from './event-spool';
import { createKafkaLogCreator } from './kafka-log-creator';
import { correctKafkajsRequestQueue } from './kafkajs-request-queue';

export function createKafkaClient(options: {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
}): Kafka {
  if (!correctKafkajsRequestQueue())
    options.logger.warn(
      { module: 'shared/src/node/bus/kafkajs-request-queue.ts' },
      'kafkajs is not the release whose 1 ms request-queue timer loop is corrected here: check the new release for it',
    );
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logCreator: createKafkaLogCreator(options.logger),
    connectionTimeout: 2000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 5 },
  });
}

/** Idempotent, one request in flight (the publisher's ordering), topics created by the bus only. */
export const producerConfig: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  retry: { initialRetryTime: 200, maxRetryTime: 2000, retries: 5 },
};

/** Connects `producer` on the first call; callers share that attempt, and retry after a failure. */
export function connectOnDemand(producer: Producer): () => Promise<void> {
  let connecting: Promise<void> | undefined;
  return () =>
    (connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));
}

export function groupByTopic(messages: readonly SpooledMessage[]) {
  const byTopic = new Map<
    string,
    { key: string; value: string; headers?: Record<string, string> }[]
  >();
  for (const message of messages) {
    const list = byTopic.get(message.topic) ?? [];
    list.push({
      key: message.key,
      value: message.value,
      ...(message.headers ? { headers: { ...message.headers } } : {}),
    });
    byTopic.set(message.topic, list);
  }
  return [...byTopic.entries()].map(([topic, topicMessages]) => ({
    topic,
    messages: topicMessages,
  }));
}
