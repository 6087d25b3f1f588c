import type { DeliveredBatch } from '../../events/event-bus';
import type { EventEnvelope } from '../../events/event-envelope';
import { topics } from '../../events/topics';
import { silentLogger } from '../../logger';
import { makeRequestCompletedEnvelope } from '../../../test/event-fixtures';
import { createInProcessEventBus } from './in-process-event-bus';

function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (predicate()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out waiting'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

describe('in-process event bus', () => {
  it('delivers asynchronously, in batches, to every consumer group, with rising sequences', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger });
    const logs: { ids: string[]; delivery: DeliveredBatch }[] = [];
    const usage: string[] = [];
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'log-writer',
      handleBatch: async (envelopes, delivery) => {
        logs.push({ ids: envelopes.map((envelope) => envelope.id), delivery });
      },
    });
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'auditor',
      handleBatch: async (envelopes) => {
        usage.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    for (let index = 0; index < 1200; index += 1) {
      bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(index));
    }
    expect(logs).toHaveLength(0);
    await waitFor(() => usage.length === 1200);
    await waitFor(() => logs.flatMap((batch) => batch.ids).length === 1200);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...logs.map((batch) => batch.ids.length))).toBeLessThanOrEqual(500);
    const sequences = logs.flatMap((batch) => batch.delivery.sequences);
    expect(sequences).toEqual([...sequences].sort((left, right) => left - right));
    expect(new Set(sequences).size).toBe(1200);
    expect(new Set(logs.map((batch) => batch.delivery.source)).size).toBe(1);
    expect(bus.stats).toMatchObject({ published: 1200, delivered: 2400, dropped: 0 });
    await bus.close();
  });

  it('dead-letters a malformed event with the reason and keeps delivering the rest', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger });
    const received: string[] = [];
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'log-writer',
      handleBatch: async (envelopes) => {
        received.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    const broken = { ...makeRequestCompletedEnvelope(1), data: { requestId: '' } };
    bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(0));
    bus.publish(topics.requestCompleted, 'key', broken as unknown as EventEnvelope);
    bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(2));
    await waitFor(() => received.length === 2);
    expect(received).toEqual(['run-request-0:completed', 'run-request-2:completed']);
    const [deadLetter] = bus.listDeadLetters();
    expect(deadLetter?.topic).toBe('gateway.request.completed.v1.dlq');
    expect(deadLetter?.reason).toContain('data.requestId');
    expect(bus.stats.deadLettered).toBe(1);
    await bus.close();
  });

  it('retries a failing handler without losing or reordering events', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger, retryDelayMs: 5 });
    const received: string[] = [];
    let failures = 2;
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'log-writer',
      handleBatch: async (envelopes) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('store down');
        }
        received.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    for (let index = 0; index < 10; index += 1) {
      bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(index));
    }
    await waitFor(() => received.length === 10);
    expect(received).toEqual(
      Array.from({ length: 10 }, (_, index) => `run-request-${index}:completed`),
    );
    await bus.close();
  });

  it('stays bounded: a stalled consumer makes publish drop, never throw or wait', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger, maxQueued: 5, lingerMs: 0 });
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const received: string[] = [];
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'log-writer',
      handleBatch: async (envelopes) => {
        await stalled;
        received.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(0));
    await waitFor(() => bus.readState().queued === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    for (let index = 1; index < 20; index += 1) {
      bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(index));
    }
    expect(performance.now() - started).toBeLessThan(200);
    expect(bus.stats.dropped).toBe(15);
    release();
    await waitFor(() => received.length === 5);
    await bus.close();
  });

  it('delivers what is queued before close resolves', async () => {
    const bus = createInProcessEventBus({ logger: silentLogger, lingerMs: 1000 });
    const received: string[] = [];
    await bus.subscribe({
      topic: topics.requestCompleted,
      groupId: 'log-writer',
      handleBatch: async (envelopes) => {
        received.push(...envelopes.map((envelope) => envelope.id));
      },
    });
    bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(0));
    await bus.close();
    expect(received).toEqual(['run-request-0:completed']);
    bus.publish(topics.requestCompleted, 'key', makeRequestCompletedEnvelope(1));
    expect(bus.stats.dropped).toBe(1);
  });
});
