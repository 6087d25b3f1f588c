/**
 * @module kafka-event-bus
 * The production event bus on Kafka (kafkajs): an idempotent producer (acks = all) behind the
 * batching, spooling publisher — in a worker thread of its own when `producerThreadEntry` is given
 * (started on the first published event); topics (and their dead-letter topics) created at
 * start-up with the configured partitions and replication; consumer-group subscriptions with
 * explicit commits; and consumer lag for /metrics. kafkajs logs through our Logger.
 */
import type { Admin, Producer } from 'kafkajs';
import type { EventBus, SubscribeOptions, Subscription } from '../../events/event-bus';
import type { EventEnvelope } from '../../events/event-envelope';
import { deadLetterTopic, type Topic } from '../../events/topics';
import type { Logger } from '../../logger';
import { createBusStats, type BusState, type ObservableBus } from './bus-stats';
import { createEventSpool } from './event-spool';
import { allTopics, checkEnvelope } from './event-schemas';
import { createBatchPublisher, type MessageSender } from './kafka-batch-publisher';
import { connectOnDemand, createKafkaClient, groupByTopic, producerConfig } from './kafka-client';
import { subscribeKafkaTopic, type DeadLetterMessage } from './kafka-consumer';
import { createThreadedKafkaSender } from './threaded-kafka-sender';
import { withTimeout } from '../with-timeout';

export interface KafkaEventBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
  /** Where the spool segments live (`<LLMFB_DATA_DIR>/spool`). */
  readonly spoolDirectory: string;
  readonly partitions: number;
  readonly replication: number;
  /** Prepended to every topic name (tests isolate runs with it). Default none. */
  readonly topicPrefix?: string;
  readonly lingerMs?: number;
  readonly maxBatch?: number;
  readonly maxQueued?: number;
  readonly retryIntervalMs?: number;
  /** Partitions one consumer processes at the same time (default 3). */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * The compiled `kafka-producer-thread.js`: published events are then sent by a producer in a
   * worker thread instead of on this event loop. Without it the bus's own producer sends them.
   */
  readonly producerThreadEntry?: string;
}

export interface PartitionLag {
  readonly partition: number;
  /** Messages on the partition not yet committed by the group. */
  readonly lag: number;
}

export interface KafkaEventBus extends EventBus, ObservableBus {
  readConsumerLag(groupId: string, topic: Topic): Promise<PartitionLag[]>;
  resolveTopicName(topic: Topic): string;
}

export function createKafkaEventBus(options: KafkaEventBusOptions): KafkaEventBus {
  const logger = options.logger.child({ component: 'kafka-bus' });
  const prefix = options.topicPrefix ?? '';
  const resolveTopicName = (topic: Topic) => `${prefix}${topic}`;
  const kafka = createKafkaClient({
    brokers: options.brokers,
    clientId: options.clientId,
    logger,
  });
  // Publishes through the producer thread when there is one; this producer then only sends dead
  // letters, and connects on the first.
  const producer: Producer = kafka.producer(producerConfig);
  const connectProducer = connectOnDemand(producer);
  const threadedSender = options.producerThreadEntry
    ? createThreadedKafkaSender({
        entry: options.producerThreadEntry,
        data: { brokers: options.brokers, clientId: options.clientId },
        logger,
      })
    : undefined;
  const admin: Admin = kafka.admin();
  const stats = createBusStats();
  const subscriptions = new Set<Subscription>();
  let isPrepared = false;
  let preparing: Promise<void> | undefined;

  /** Creates the missing topics (asking for existing ones makes the broker log errors). */
  async function ensureTopics(): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics
      .flatMap((topic) => [resolveTopicName(topic), `${prefix}${deadLetterTopic(topic)}`])
      .filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: options.replication,
      })),
    });
  }

  /** Connects the admin client (and the producer without a thread) and creates the topics (once). */
  function prepare(): Promise<void> {
    if (isPrepared) return Promise.resolve();
    preparing ??= (async () => {
      await admin.connect();
      await ensureTopics();
      if (!threadedSender) await connectProducer();
      isPrepared = true;
    })().finally(() => {
      preparing = undefined;
    });
    return preparing;
  }

  const sender: MessageSender = {
    async send(messages) {
      await prepare();
      if (threadedSender) await threadedSender.send(messages);
      else await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
    },
  };
  const publisher = createBatchPublisher({
    sender,
    spool: createEventSpool({ directory: options.spoolDirectory, logger }),
    logger,
    stats,
    lingerMs: options.lingerMs,
    maxBatch: options.maxBatch,
    maxQueued: options.maxQueued,
    retryIntervalMs: options.retryIntervalMs,
  });

  async function sendDeadLetters(messages: readonly DeadLetterMessage[]): Promise<void> {
    await prepare();
    await connectProducer();
    await producer.sendBatch({
      acks: -1,
      topicMessages: groupByTopic(
        messages.map((message) => ({
          topic: message.topic,
          key: message.key ?? '',
          value: message.value ?? '',
          headers: message.headers,
        })),
      ),
    });
  }

  return {
    stats,
    resolveTopicName,

    readState(): BusState {
      return { kind: 'kafka', ...publisher.readState() };
    },

    publish(topic: Topic, key: string, envelope: EventEnvelope): void {
      const check = checkEnvelope(topic, envelope);
      if (!check.isValid) {
        stats.deadLettered += 1;
        logger.warn({ topic, reason: check.reason }, 'malformed event dead-lettered at publish');
        publisher.enqueue({
          topic: `${prefix}${deadLetterTopic(topic)}`,
          key,
          value: JSON.stringify(envelope),
          headers: {
            'x-dead-letter-reason': check.reason.slice(0, 1000),
            'x-source-topic': resolveTopicName(topic),
          },
        });
        return;
      }
      stats.published += 1;
      publisher.enqueue({ topic: resolveTopicName(topic), key, value: JSON.stringify(envelope) });
    },

    /** Never throws for an unreachable Kafka: publishing spools and retries in the background. */
    async connect(): Promise<void> {
      try {
        await withTimeout(prepare(), 15_000, 'kafka connect timed out after 15000 ms');
        logger.info(
          { brokers: options.brokers, partitions: options.partitions },
          'kafka connected, topics ready',
        );
      } catch (error) {
        logger.warn(
          { err: error },
          'kafka unreachable at start: events will be spooled until it answers',
        );
      }
    },

    async subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      await prepare();
      const subscription = await subscribeKafkaTopic(
        {
          kafka,
          logger,
          stats,
          topicName: resolveTopicName(subscribeOptions.topic),
          deadLetterTopicName: `${prefix}${deadLetterTopic(subscribeOptions.topic)}`,
          sendDeadLetters,
          partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
        },
        subscribeOptions,
      );
      const tracked: Subscription = {
        async close() {
          subscriptions.delete(tracked);
          await subscription.close();
        },
      };
      subscriptions.add(tracked);
      return tracked;
    },

    async readConsumerLag(groupId: string, topic: Topic): Promise<PartitionLag[]> {
      await prepare();
      const name = resolveTopicName(topic);
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(name),
        admin.fetchOffsets({ groupId, topics: [name] }),
      ]);
      const committedByPartition = new Map(
        (committed[0]?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)]),
      );
      return ends.map((end) => {
        const position = committedByPartition.get(end.partition) ?? -1;
        const start = position >= 0 ? position : Number(end.low);
        return { partition: end.partition, lag: Math.max(0, Number(end.high) - start) };
      });
    },

    async checkReady(): Promise<void> {
      const state = publisher.readState();
      if (state.mode === 'spooling') {
        throw new Error(`kafka unreachable (${state.spoolBacklog} events spooled)`);
      }
      await withTimeout(prepare(), 2000, 'kafka connect timed out after 2000 ms');
      await withTimeout(
        admin.describeCluster(),
        2000,
        'kafka describeCluster timed out after 2000 ms',
      );
    },

    async close(): Promise<void> {
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await publisher.close(5000);
      await Promise.allSettled([
        threadedSender?.close(2000),
        producer.disconnect(),
        admin.disconnect(),
      ]);
    },
  };
}
