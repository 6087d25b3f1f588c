/**
 * @module in-process-event-bus
 * The embedded event bus: delivers published events to the same worker code in the same process,
 * asynchronously (publish only pushes onto a bounded queue and arms a short timer), in batches,
 * once per consumer group. A handler that fails is retried with back-off, so delivery is
 * at-least-once for as long as the process lives; nothing survives a restart.
 */
import { randomUUID } from 'node:crypto';
import type { EventBus, SubscribeOptions, Subscription } from '../../events/event-bus';
import type { EventEnvelope } from '../../events/event-envelope';
import { deadLetterTopic, type Topic } from '../../events/topics';
import type { Logger } from '../../logger';
import { createBusStats, type BusState, type ObservableBus } from './bus-stats';
import { checkEnvelope } from './event-schemas';

export interface InProcessEventBusOptions {
  readonly logger: Logger;
  /** Events waiting per subscription before new ones are dropped (default 100,000). */
  readonly maxQueued?: number;
  /** Largest batch handed to a handler (default 500). */
  readonly maxBatch?: number;
  /** How long a first event waits for company before delivery (default 10 ms). */
  readonly lingerMs?: number;
  /** Back-off after a failed handler, doubled up to 30 s (default 200 ms). */
  readonly retryDelayMs?: number;
}

export interface DeadLetter {
  readonly topic: string;
  readonly reason: string;
  readonly value: unknown;
}

export interface InProcessEventBus extends EventBus, ObservableBus {
  /** The most recent dead letters (bounded), for inspection. */
  listDeadLetters(): readonly DeadLetter[];
}

interface Pending {
  readonly envelope: EventEnvelope;
  readonly sequence: number;
}

interface Consumer {
  readonly options: SubscribeOptions;
  readonly source: string;
  queue: Pending[];
  timer: NodeJS.Timeout | undefined;
  /** The delivery loop in progress, if any. */
  running: Promise<void> | undefined;
  isClosed: boolean;
}

const deadLetterLimit = 1000;

export function createInProcessEventBus(options: InProcessEventBusOptions): InProcessEventBus {
  const logger = options.logger.child({ component: 'in-process-bus' });
  const maxQueued = options.maxQueued ?? 100_000;
  const maxBatch = options.maxBatch ?? 500;
  const lingerMs = options.lingerMs ?? 10;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const incarnation = randomUUID();
  const stats = createBusStats();
  const consumersByTopic = new Map<Topic, Consumer[]>();
  const nextSequence = new Map<Topic, number>();
  const deadLetters: DeadLetter[] = [];
  let isClosing = false;
  let lastDropWarning = 0;

  function recordDeadLetter(topic: Topic, reason: string, value: unknown): void {
    stats.deadLettered += 1;
    deadLetters.push({ topic: deadLetterTopic(topic), reason, value });
    if (deadLetters.length > deadLetterLimit) deadLetters.shift();
    logger.warn({ topic, reason }, 'malformed event dead-lettered');
  }

  async function deliverLoop(consumer: Consumer): Promise<void> {
    let delay = retryDelayMs;
    while (consumer.queue.length > 0 && !consumer.isClosed) {
      const batch = consumer.queue.slice(0, maxBatch);
      try {
        await consumer.options.handleBatch(
          batch.map((pending) => pending.envelope),
          { source: consumer.source, sequences: batch.map((pending) => pending.sequence) },
        );
        consumer.queue.splice(0, batch.length);
        stats.delivered += batch.length;
        delay = retryDelayMs;
      } catch (error) {
        logger.error(
          { err: error, topic: consumer.options.topic, groupId: consumer.options.groupId },
          'event handler failed; retrying the batch',
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  function startDelivery(consumer: Consumer): void {
    consumer.timer = undefined;
    if (consumer.running) return;
    consumer.running = deliverLoop(consumer).finally(() => {
      consumer.running = undefined;
      // Events that arrived during the last handler call.
      if (consumer.queue.length > 0 && !consumer.isClosed) scheduleDelivery(consumer);
    });
  }

  function scheduleDelivery(consumer: Consumer): void {
    if (consumer.timer || consumer.running) return;
    consumer.timer = setTimeout(() => startDelivery(consumer), lingerMs);
  }

  function enqueue(consumer: Consumer, pending: Pending): void {
    if (consumer.queue.length >= maxQueued) {
      stats.dropped += 1;
      const now = Date.now();
      if (now - lastDropWarning > 5000) {
        lastDropWarning = now;
        logger.warn(
          { topic: consumer.options.topic, maxQueued },
          'in-process queue full: dropping',
        );
      }
      return;
    }
    consumer.queue.push(pending);
    scheduleDelivery(consumer);
  }

  async function drain(consumer: Consumer, deadline: number): Promise<void> {
    if (consumer.timer) startDelivery(consumer);
    while ((consumer.running || consumer.queue.length > 0) && Date.now() < deadline) {
      if (!consumer.running) startDelivery(consumer);
      await Promise.race([consumer.running, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
  }

  function stop(consumer: Consumer): void {
    consumer.isClosed = true;
    if (consumer.timer) clearTimeout(consumer.timer);
    const list = consumersByTopic.get(consumer.options.topic) ?? [];
    consumersByTopic.set(
      consumer.options.topic,
      list.filter((candidate) => candidate !== consumer),
    );
  }

  return {
    stats,

    readState(): BusState {
      let queued = 0;
      for (const list of consumersByTopic.values()) {
        for (const consumer of list) queued += consumer.queue.length;
      }
      return { kind: 'in-process', mode: 'direct', queued, spoolBacklog: 0 };
    },

    listDeadLetters: () => deadLetters,

    publish(topic: Topic, _key: string, envelope: EventEnvelope): void {
      if (isClosing) {
        stats.dropped += 1;
        return;
      }
      const check = checkEnvelope(topic, envelope);
      if (!check.isValid) {
        recordDeadLetter(topic, check.reason, envelope);
        return;
      }
      stats.published += 1;
      const sequence = nextSequence.get(topic) ?? 0;
      nextSequence.set(topic, sequence + 1);
      for (const consumer of consumersByTopic.get(topic) ?? []) {
        enqueue(consumer, { envelope: check.envelope, sequence });
      }
    },

    async connect(): Promise<void> {},

    async subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      const list = consumersByTopic.get(subscribeOptions.topic) ?? [];
      if (list.some((consumer) => consumer.options.groupId === subscribeOptions.groupId)) {
        throw new Error(
          `in-process bus: group "${subscribeOptions.groupId}" already consumes ${subscribeOptions.topic}`,
        );
      }
      const consumer: Consumer = {
        options: subscribeOptions,
        source: `${subscribeOptions.topic}:in-process:${incarnation}`,
        queue: [],
        timer: undefined,
        running: undefined,
        isClosed: false,
      };
      consumersByTopic.set(subscribeOptions.topic, [...list, consumer]);
      return {
        async close() {
          await drain(consumer, Date.now() + 5000);
          stop(consumer);
        },
      };
    },

    async checkReady(): Promise<void> {
      if (isClosing) throw new Error('event bus is closed');
    },

    /** Delivers what is queued (at most 5 s), then stops. */
    async close(): Promise<void> {
      isClosing = true;
      const deadline = Date.now() + 5000;
      const consumers = [...consumersByTopic.values()].flat();
      await Promise.all(consumers.map((consumer) => drain(consumer, deadline)));
      for (const consumer of consumers) stop(consumer);
    },
  };
}
