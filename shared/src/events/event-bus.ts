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

export interface SubscribeOptions {
  readonly topic: Topic;
  /** Consumers of one group share the partitions; a unique group gets every event (broadcast). */
  readonly groupId: string;
  readonly fromBeginning?: boolean;
  /** Called with validated envelopes; resolves after the store write. Offsets commit after it. */
  readonly handleBatch: (envelopes: readonly EventEnvelope[]) => Promise<void>;
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
