import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../logger';
import { createBusStats } from './bus-stats';
import { createEventSpool, type SpooledMessage } from './event-spool';
import { createBatchPublisher, type MessageSender } from './kafka-batch-publisher';

/** A broker stand-in that can be switched off; a failed send writes nothing. */
function createFakeBroker() {
  const received: SpooledMessage[] = [];
  const batchSizes: number[] = [];
  let isUp = true;
  const sender: MessageSender = {
    async send(messages) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (!isUp) throw new Error('broker unreachable');
      received.push(...messages);
      batchSizes.push(messages.length);
    },
  };
  return {
    sender,
    received,
    batchSizes,
    setUp(value: boolean) {
      isUp = value;
    },
  };
}

function message(index: number): SpooledMessage {
  return { topic: 'events', key: `key-${index % 3}`, value: JSON.stringify({ index }) };
}

function indexesOf(messages: readonly SpooledMessage[]): number[] {
  return messages.map((item) => (JSON.parse(item.value) as { index: number }).index);
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('kafka batch publisher', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'llmfb-spool-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  function createPublisher(broker: ReturnType<typeof createFakeBroker>, extra = {}) {
    const stats = createBusStats();
    const spool = createEventSpool({ directory, logger: silentLogger });
    const publisher = createBatchPublisher({
      sender: broker.sender,
      spool,
      logger: silentLogger,
      stats,
      maxBatch: 100,
      retryIntervalMs: 20,
      ...extra,
    });
    return { publisher, stats };
  }

  it('batches messages and sends them in order', async () => {
    const broker = createFakeBroker();
    const { publisher, stats } = createPublisher(broker);
    for (const index of range(0, 450)) publisher.enqueue(message(index));
    await waitFor(() => broker.received.length === 450);
    expect(indexesOf(broker.received)).toEqual(range(0, 450));
    expect(Math.max(...broker.batchSizes)).toBeLessThanOrEqual(100);
    expect(broker.batchSizes.length).toBeLessThan(20);
    expect(stats.delivered).toBe(450);
    await publisher.close(1000);
  });

  it('spools during an outage without blocking, then replays everything once, in order', async () => {
    const broker = createFakeBroker();
    const { publisher, stats } = createPublisher(broker);
    for (const index of range(0, 100)) publisher.enqueue(message(index));
    await waitFor(() => broker.received.length === 100);
    broker.setUp(false);
    const started = performance.now();
    for (const index of range(100, 1100)) {
      publisher.enqueue(message(index));
      if (index % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => publisher.readState().mode === 'spooling');
    expect(stats.spooled).toBeGreaterThan(0);
    expect(readdirSync(directory).length).toBeGreaterThan(0);
    broker.setUp(true);
    for (const index of range(1100, 1200)) publisher.enqueue(message(index));
    await waitFor(() => broker.received.length === 1200);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(indexesOf(broker.received)).toEqual(range(0, 1200));
    await waitFor(() => publisher.readState().mode === 'direct');
    expect(publisher.readState().spoolBacklog).toBe(0);
    for (const index of range(1200, 1210)) publisher.enqueue(message(index));
    await waitFor(() => broker.received.length === 1210);
    await publisher.close(1000);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('spills to the spool when the in-memory queue is full', async () => {
    const broker = createFakeBroker();
    const { publisher, stats } = createPublisher(broker, { maxQueued: 50, lingerMs: 50 });
    for (const index of range(0, 80)) publisher.enqueue(message(index));
    expect(publisher.readState().mode).toBe('spooling');
    expect(stats.spooled).toBe(80);
    await waitFor(() => broker.received.length === 80);
    expect(indexesOf(broker.received)).toEqual(range(0, 80));
    await publisher.close(1000);
  });

  it('keeps unsent messages in the spool across a restart and replays them first', async () => {
    const broker = createFakeBroker();
    broker.setUp(false);
    const first = createPublisher(broker);
    for (const index of range(0, 300)) first.publisher.enqueue(message(index));
    await first.publisher.close(200);
    expect(broker.received).toHaveLength(0);

    broker.setUp(true);
    const second = createPublisher(broker);
    expect(second.publisher.readState()).toMatchObject({ mode: 'spooling', spoolBacklog: 300 });
    for (const index of range(300, 310)) second.publisher.enqueue(message(index));
    await waitFor(() => broker.received.length === 310);
    expect(indexesOf(broker.received)).toEqual(range(0, 310));
    await second.publisher.close(1000);
  });
});
