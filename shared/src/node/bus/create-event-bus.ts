/**
 * @module create-event-bus
 * Picks the event bus from configuration: Kafka when `KAFKA_BROKERS` is set, else the in-process
 * bus (embedded mode).
 */
import path from 'node:path';
import type { Logger } from '../../logger';
import type { Config } from '../config-schema';
import { createInProcessEventBus, type InProcessEventBus } from './in-process-event-bus';
import type { KafkaEventBus } from './kafka-event-bus';
import { findProducerThreadEntry } from './threaded-kafka-sender';

export type ConfiguredEventBus = KafkaEventBus | InProcessEventBus;

export function createEventBus(config: Config, logger: Logger): ConfiguredEventBus {
  if (!config.KAFKA_BROKERS) {
    return createInProcessEventBus({ logger, maxQueued: config.LLMFB_EVENT_QUEUE_MAX });
  }
  // kafkajs is loaded only when Kafka is configured.
  const { createKafkaEventBus } =
    require('./kafka-event-bus') as typeof import('./kafka-event-bus');
  const producerThreadEntry =
    config.LLMFB_KAFKA_PRODUCER === 'thread' ? findProducerThreadEntry() : undefined;
  if (config.LLMFB_KAFKA_PRODUCER === 'thread' && !producerThreadEntry)
    logger.info({}, 'kafka producer thread not built (running from source): producing inline');
  return createKafkaEventBus({
    brokers: config.KAFKA_BROKERS.split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    clientId: config.LLMFB_KAFKA_CLIENT_ID,
    logger,
    spoolDirectory: path.join(config.LLMFB_DATA_DIR, 'spool'),
    partitions: config.LLMFB_KAFKA_PARTITIONS,
    replication: config.LLMFB_KAFKA_REPLICATION,
    topicPrefix: config.LLMFB_KAFKA_TOPIC_PREFIX,
    lingerMs: config.LLMFB_KAFKA_LINGER_MS,
    maxBatch: config.LLMFB_KAFKA_BATCH_SIZE,
    maxQueued: config.LLMFB_EVENT_QUEUE_MAX,
    partitionsConsumedConcurrently: config.LLMFB_KAFKA_CONSUMER_CONCURRENCY,
    producerThreadEntry,
  });
}
