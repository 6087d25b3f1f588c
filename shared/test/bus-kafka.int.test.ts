/** The Kafka event bus against the real broker from infra/scripts (isolated by a topic prefix). */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { DeliveredBatch } from '../src/events/event-bus';
import type { EventEnvelope } from '../src/events/event-envelope';
import { deadLetterTopic, topics } from '../src/events/topics';
import { silentLogger } from '../src/logger';
import { createKafkaEventBus, type KafkaEventBus } from '../src/node/bus/kafka-event-bus';
import { findProducerThreadEntry } from '../src/node/bus/threaded-kafka-sender';
import { makeRequestCompletedEnvelope } from './event-fixtures';

jest.setTimeout(120_000);

function requireBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set (the integration global setup provides it)');
  return brokers.split(',');
}

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The compiled thread entry (shared/dist, built by `npm test`); the suite fails rather than
// silently testing the inline producer twice.
const producerThreadEntry = findProducerThreadEntry();

describe.each([
  ['producer on the main thread', undefined],
  ['producer in a worker thread', producerThreadEntry ?? 'shared/dist is not built'],
])('Kafka event bus, %s', (_mode, threadEntry) => {
  const prefix = `it-bus-${randomUUID().slice(0, 8)}.`;
  const brokers = requireBrokers();
  const rawKafka = new Kafka({ clientId: 'bus-test', brokers, logLevel: logLevel.NOTHING });
  let spoolDirectory: string;
  let bus: KafkaEventBus;

  beforeAll(async () => {
    spoolDirectory = mkdtempSync(path.join(tmpdir(), 'llmfb-bus-'));
    bus = createKafkaEventBus({
      brokers,
      clientId: 'bus-test',
      logger: silentLogger,
      spoolDirectory,
      partitions: 3,
      replication: 1,
      topicPrefix: prefix,
      producerThreadEntry: threadEntry,
    });
    await bus.connect();
  });

  afterAll(async () => {
    await bus.close();
    const admin = rawKafka.admin();
    await admin.connect();
    const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    await admin.deleteTopics({ topics: names }).catch(() => undefined);
    await admin.disconnect();
    rmSync(spoolDirectory, { recursive: true, force: true });
  });

  it('creates every topic and its dead-letter topic with the configured partitions', async () => {
    const admin = rawKafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({
      topics: [
        `${prefix}${topics.requestCompleted}`,
        `${prefix}${deadLetterTopic(topics.usageRecorded)}`,
      ],
    });
    await admin.disconnect();
    expect(metadata.topics.map((topic) => topic.partitions.length)).toEqual([3, 3]);
  });

  it('delivers published events with their positions; malformed ones go to the dead-letter topic', async () => {
    const received: { id: string; delivery: DeliveredBatch; index: number }[] = [];
    const subscription = await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: `${prefix}round-trip`,
      fromBeginning: true,
      handleBatch: async (envelopes, delivery) => {
        envelopes.forEach((envelope, index) => received.push({ id: envelope.id, delivery, index }));
      },
    });
    const total = 300;
    for (let index = 0; index < total; index += 1) {
      bus.publish(topics.requestCompleted, `key-${index % 5}`, makeRequestCompletedEnvelope(index));
    }
    // One broken at the source (rejected before sending) and one written by a foreign producer.
    bus.publish(topics.requestCompleted, 'key-0', {
      ...makeRequestCompletedEnvelope(999),
      version: 7,
    } as EventEnvelope);
    const producer = rawKafka.producer();
    await producer.connect();
    await producer.send({
      topic: `${prefix}${topics.requestCompleted}`,
      messages: [{ key: 'key-1', value: '{"not": "an envelope"' }],
    });
    await producer.disconnect();
    for (let index = total; index < total + 10; index += 1) {
      bus.publish(topics.requestCompleted, `key-${index % 5}`, makeRequestCompletedEnvelope(index));
    }

    await waitFor(() => received.length >= total + 10);
    expect(new Set(received.map((item) => item.id)).size).toBe(total + 10);
    const bySource = new Map<string, number[]>();
    for (const item of received) {
      expect(item.delivery.source).toMatch(
        new RegExp(`^${prefix.replace(/\./g, '\\.')}gateway\\.request\\.completed\\.v1:[0-2]$`),
      );
      const sequence = item.delivery.sequences[item.index] ?? -1;
      bySource.set(item.delivery.source, [...(bySource.get(item.delivery.source) ?? []), sequence]);
    }
    for (const sequences of bySource.values()) {
      expect(sequences).toEqual([...sequences].sort((left, right) => left - right));
    }

    const deadLetters: { reason: string; value: string }[] = [];
    const consumer = rawKafka.consumer({ groupId: `${prefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({
      topics: [`${prefix}${deadLetterTopic(topics.requestCompleted)}`],
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          reason: message.headers?.['x-dead-letter-reason']?.toString() ?? '',
          value: message.value?.toString() ?? '',
        });
      },
    });
    await waitFor(() => deadLetters.length >= 2);
    await consumer.disconnect();
    expect(deadLetters.map((letter) => letter.reason).sort()).toEqual([
      expect.stringContaining('not JSON'),
      expect.stringContaining('version'),
    ]);
    expect(bus.stats.deadLettered).toBeGreaterThanOrEqual(2);
    await subscription.close();
  });

  it('commits only after the handler succeeds: a failing batch is retried, nothing is lost or re-read', async () => {
    const groupId = `${prefix}commit`;
    const run = randomUUID().slice(0, 6);
    const received: string[] = [];
    let failures = 2;
    const first = await bus.subscribe({
      topic: topics.requestCompleted,
      groupId,
      fromBeginning: true,
      handleBatch: async (envelopes) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('store down');
        }
        received.push(
          ...envelopes.map((envelope) => envelope.id).filter((id) => id.startsWith(run)),
        );
      },
    });
    for (let index = 0; index < 100; index += 1) {
      bus.publish(
        topics.requestCompleted,
        `key-${index % 5}`,
        makeRequestCompletedEnvelope(index, { run }),
      );
    }
    await waitFor(() => received.length >= 100);
    expect(failures).toBe(0);
    expect(new Set(received).size).toBe(100);
    await waitFor(async () =>
      (await bus.readConsumerLag(groupId, topics.requestCompleted)).every(
        (entry) => entry.lag === 0,
      ),
    );
    await first.close();

    const afterRestart: string[] = [];
    const second = await bus.subscribe({
      topic: topics.requestCompleted,
      groupId,
      fromBeginning: true,
      handleBatch: async (envelopes) => {
        afterRestart.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    for (let index = 100; index < 110; index += 1) {
      bus.publish(topics.requestCompleted, 'key-0', makeRequestCompletedEnvelope(index, { run }));
    }
    await waitFor(() => afterRestart.length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(afterRestart).toEqual(
      Array.from({ length: 10 }, (_, offset) => `${run}-request-${100 + offset}:completed`),
    );
    await second.close();
  });

  it('reports consumer lag per partition', async () => {
    const lag = await bus.readConsumerLag(`${prefix}never-consumed`, topics.requestCompleted);
    expect(lag.map((entry) => entry.partition).sort()).toEqual([0, 1, 2]);
    expect(lag.reduce((sum, entry) => sum + entry.lag, 0)).toBeGreaterThanOrEqual(300);
  });

  it('leaves the event loop alone between messages (no 1 ms timer loop per broker connection)', async () => {
    const received: string[] = [];
    const subscription = await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: `${prefix}idle`,
      fromBeginning: true,
      handleBatch: async (envelopes) => {
        received.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    const envelope = makeRequestCompletedEnvelope(4242);
    bus.publish(topics.requestCompleted, 'key-idle', envelope);
    await waitFor(() => received.includes(envelope.id));
    // Producer and consumer connections have answered requests; now count the timers armed with
    // no delay (Node runs a negative or zero delay after 1 ms) over one second.
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const immediate = setTimeoutSpy.mock.calls.filter(([, delay]) => !((delay ?? 0) >= 1));
    setTimeoutSpy.mockRestore();
    await subscription.close();
    expect(immediate.length).toBe(0);
  });
});
