/**
 * @module event-bus
 * The event bus port. Adapters: Kafka (kafkajs) and in-process. `publish` is fire-and-forget: it
 * never throws and never makes the caller wait (the Kafka adapter batches, and spools to disk
 * while Kafka is unreachable).
 */
import type { EventEnvelope } from './event-envelope';
import type { Topic } from './topics';

export interface EventPublisher {
  /** `key` orders events (the api key id, so one key's events stay ordered). */
  publish(topic: Topic, key: string, envelope: EventEnvelope): void;
}

/** Where a delivered batch sits in its stream, so consumers can make redelivery idempotent. */
export interface DeliveredBatch {
  /**
   * One totally ordered stream of events: `<topic>:<partition>` on Kafka; one per topic and
   * process incarnation in-process.
   */
  readonly source: string;
  /** Position of each envelope in the source (a Kafka offset), parallel to the envelopes, rising. */
  readonly sequences: readonly number[];
}

export interface SubscribeOptions {
  readonly topic: Topic;
  /** Consumers of one group share the partitions; a unique group gets every event (broadcast). */
  readonly groupId: string;
  readonly fromBeginning?: boolean;
  /** Called with validated envelopes; resolves after the store write. Offsets commit after it. */
  readonly handleBatch: (
    envelopes: readonly EventEnvelope[],
    delivery: DeliveredBatch,
  ) => Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventBus extends EventPublisher {
  connect(): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Resolves when the bus can deliver (readiness). */
  checkReady(): Promise<void>;
  /** Flushes what is queued (bounded wait) and disconnects. */
  close(): Promise<void>;
}
