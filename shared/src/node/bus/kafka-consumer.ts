/**
 * @module kafka-consumer
 * One consumer-group subscription on Kafka, at-least-once with explicit offsets:
 * - `eachBatch` per partition; every message is parsed and schema-checked; a malformed one is
 *   sent to the dead-letter topic with the reason (and its origin) and skipped;
 * - the valid envelopes go to `handleBatch` with their (topic:partition, offset) positions;
 *   while it runs, a timer heartbeats so a long store write does not cost the partition;
 * - a failing handler is retried with back-off (the partition waits; nothing is skipped);
 * - only after it resolves is the batch's last offset resolved and committed (autoCommit off);
 * - `close` stops fetching, lets the batch in hand finish, commits, and leaves the group.
 */
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { SubscribeOptions, Subscription } from '../../events/event-bus';
import type { EventEnvelope } from '../../events/event-envelope';
import type { Logger } from '../../logger';
import type { BusStats } from './bus-stats';
import { decodeEnvelope } from './event-schemas';

export interface DeadLetterMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

export interface KafkaSubscriptionDeps {
  readonly kafka: Kafka;
  readonly logger: Logger;
  readonly stats: BusStats;
  readonly topicName: string;
  readonly deadLetterTopicName: string;
  /** Awaited: a dead letter must be stored before its offset is committed. */
  readonly sendDeadLetters: (messages: readonly DeadLetterMessage[]) => Promise<void>;
  readonly partitionsConsumedConcurrently: number;
  readonly heartbeatIntervalMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toDeadLetter(
  deps: KafkaSubscriptionDeps,
  partition: number,
  message: KafkaMessage,
  reason: string,
): DeadLetterMessage {
  return {
    topic: deps.deadLetterTopicName,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers: {
      'x-dead-letter-reason': reason.slice(0, 1000),
      'x-source-topic': deps.topicName,
      'x-source-partition': String(partition),
      'x-source-offset': message.offset,
    },
  };
}

export async function subscribeKafkaTopic(
  deps: KafkaSubscriptionDeps,
  options: SubscribeOptions,
): Promise<Subscription> {
  const logger = deps.logger.child({ component: 'kafka-consumer', groupId: options.groupId });
  const heartbeatIntervalMs = deps.heartbeatIntervalMs ?? 3000;
  const consumer: Consumer = deps.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: heartbeatIntervalMs,
    maxBytesPerPartition: 2 * 1024 * 1024,
    maxWaitTimeInMs: 100,
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
  });
  consumer.on(consumer.events.CRASH, (event) => {
    logger.warn(
      { err: event.payload.error, willRestart: event.payload.restart },
      'kafka consumer crashed',
    );
  });

  await consumer.connect();
  await consumer.subscribe({
    topics: [deps.topicName],
    fromBeginning: options.fromBeginning ?? false,
  });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: deps.partitionsConsumedConcurrently,
    eachBatch: async ({
      batch,
      resolveOffset,
      heartbeat,
      commitOffsetsIfNecessary,
      isRunning,
      isStale,
    }) => {
      const lastMessage = batch.messages[batch.messages.length - 1];
      if (!lastMessage) return;
      const envelopes: EventEnvelope[] = [];
      const sequences: number[] = [];
      const deadLetters: DeadLetterMessage[] = [];
      for (const message of batch.messages) {
        const decoded = decodeEnvelope(
          options.topic,
          message.value ? message.value.toString('utf8') : null,
        );
        if (decoded.isValid) {
          envelopes.push(decoded.envelope);
          sequences.push(Number(message.offset));
        } else {
          deadLetters.push(toDeadLetter(deps, batch.partition, message, decoded.reason));
        }
      }
      const source = `${deps.topicName}:${batch.partition}`;
      let delay = 200;
      for (;;) {
        const beat = setInterval(() => {
          heartbeat().catch(() => undefined);
        }, heartbeatIntervalMs);
        try {
          if (deadLetters.length > 0) {
            await deps.sendDeadLetters(deadLetters);
            deps.stats.deadLettered += deadLetters.length;
            logger.warn(
              {
                source,
                count: deadLetters.length,
                reason: deadLetters[0]?.headers['x-dead-letter-reason'],
              },
              'malformed events dead-lettered',
            );
            deadLetters.length = 0;
          }
          if (envelopes.length > 0) await options.handleBatch(envelopes, { source, sequences });
          break;
        } catch (error) {
          if (!isRunning() || isStale()) throw error; // shutting down or rebalanced: not committed
          logger.error({ err: error, source, retryInMs: delay }, 'batch handler failed; retrying');
          await sleep(delay);
          delay = Math.min(delay * 2, 30_000);
        } finally {
          clearInterval(beat);
        }
      }
      deps.stats.delivered += envelopes.length;
      resolveOffset(lastMessage.offset);
      await commitOffsetsIfNecessary({
        topics: [
          {
            topic: batch.topic,
            partitions: [
              { partition: batch.partition, offset: (BigInt(lastMessage.offset) + 1n).toString() },
            ],
          },
        ],
      });
      await heartbeat();
    },
  });

  return {
    async close() {
      await consumer.disconnect();
    },
  };
}
