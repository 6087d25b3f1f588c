/**
 * @module kafka-batch-publisher
 * The producer side of the Kafka adapter, independent of kafkajs (it talks to a `MessageSender`):
 * - `enqueue` only pushes onto an in-memory queue (bounded) and arms a short linger timer: it never
 *   waits and never throws;
 * - one batch is in flight at a time (what an idempotent producer needs for ordering), flushed
 *   after `lingerMs` or as soon as `maxBatch` messages wait;
 * - when a send fails, or the queue is full, the publisher switches to `spooling`: the queue and
 *   every new message are appended to the spool, and a batch that failed is put in front of them
 *   (`prepend`), so the spool holds everything in publish order;
 * - a recovery loop replays the spool segments oldest first and switches back to `direct` once the
 *   spool is empty.
 */
import type { Logger } from '../../logger';
import type { BusStats } from './bus-stats';
import type { EventSpool, SpooledMessage } from './event-spool';

export interface MessageSender {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  send(messages: readonly SpooledMessage[]): Promise<void>;
}

export interface BatchPublisherOptions {
  readonly sender: MessageSender;
  readonly spool: EventSpool;
  readonly logger: Logger;
  readonly stats: BusStats;
  /** Default 5 ms. */
  readonly lingerMs?: number;
  /** Default 1000 messages. */
  readonly maxBatch?: number;
  /** Messages held in memory before new ones spill to the spool (default 50,000). */
  readonly maxQueued?: number;
  /** Pause between recovery attempts while Kafka is unreachable (default 1 s). */
  readonly retryIntervalMs?: number;
  /** Start spooling (Kafka was unreachable at start-up). */
  readonly isInitiallyUnreachable?: boolean;
}

export interface BatchPublisher {
  enqueue(message: SpooledMessage): void;
  readState(): { mode: 'direct' | 'spooling'; queued: number; spoolBacklog: number };
  /** Sends what is queued (bounded by `timeoutMs`); whatever is left goes to the spool. */
  close(timeoutMs: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createBatchPublisher(options: BatchPublisherOptions): BatchPublisher {
  const { sender, spool, stats } = options;
  const logger = options.logger.child({ component: 'kafka-publisher' });
  const lingerMs = options.lingerMs ?? 5;
  const maxBatch = options.maxBatch ?? 1000;
  const maxQueued = options.maxQueued ?? 50_000;
  const retryIntervalMs = options.retryIntervalMs ?? 1000;

  let mode: 'direct' | 'spooling' = 'direct';
  let queue: SpooledMessage[] = [];
  /** The batch of the queue being sent; `done` never rejects. */
  let inFlight: { batch: readonly SpooledMessage[]; done: Promise<void> } | undefined;
  let lingerTimer: NodeJS.Timeout | undefined;
  let recovery: Promise<void> | undefined;
  /** Messages of a closed segment already replayed (if a replay stops half-way). */
  const replayed = new Map<string, number>();
  let isClosed = false;
  let isSpoolClosed = false;

  function spill(messages: readonly SpooledMessage[], position: 'append' | 'prepend'): void {
    if (messages.length === 0) return;
    if (isSpoolClosed) {
      stats.dropped += messages.length;
      logger.error({ count: messages.length }, 'events lost: the spool is already closed');
      return;
    }
    if (position === 'append') spool.append(messages);
    else spool.prepend(messages);
    stats.spooled += messages.length;
  }

  function enterSpooling(reason: string, error?: unknown): void {
    if (mode === 'spooling') return;
    mode = 'spooling';
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = undefined;
    logger.warn(
      { err: error, reason, queued: queue.length },
      'kafka publishing degraded: spooling',
    );
    spill(queue, 'append');
    queue = [];
    if (!recovery && !isClosed) {
      recovery = runRecovery().finally(() => {
        recovery = undefined;
      });
    }
  }

  function flush(): void {
    lingerTimer = undefined;
    if (inFlight || mode !== 'direct' || queue.length === 0) return;
    const batch = queue.splice(0, maxBatch);
    const done = sender
      .send(batch)
      .then(
        () => {
          stats.delivered += batch.length;
        },
        (error: unknown) => {
          if (isClosed) return; // close() has spooled it already
          enterSpooling('send failed', error);
          // Older than everything spooled: it goes in front.
          spill(batch, 'prepend');
        },
      )
      .finally(() => {
        inFlight = undefined;
        if (mode === 'direct' && queue.length > 0) scheduleFlush();
      });
    inFlight = { batch, done };
  }

  function scheduleFlush(): void {
    if (inFlight || isClosed) return;
    if (queue.length >= maxBatch) {
      if (lingerTimer) clearTimeout(lingerTimer);
      lingerTimer = setTimeout(flush, 0);
    } else if (!lingerTimer) {
      lingerTimer = setTimeout(flush, lingerMs);
    }
  }

  /** Replays every closed segment; true once the spool is empty (then publishing goes direct). */
  async function replaySpool(): Promise<boolean> {
    for (;;) {
      await spool.rotate();
      for (const segment of spool.listClosedSegments()) {
        for await (const chunk of spool.readSegment(segment, maxBatch, replayed.get(segment))) {
          if (isClosed) return false;
          await sender.send(chunk);
          stats.delivered += chunk.length;
          replayed.set(segment, (replayed.get(segment) ?? 0) + chunk.length);
          spool.markReplayed(segment, chunk.length);
        }
        await spool.removeSegment(segment);
        replayed.delete(segment);
      }
      // Synchronously with the switch below: nothing can be spooled in between.
      if (spool.countOpenSegment() === 0 && spool.listClosedSegments().length === 0) return true;
    }
  }

  async function runRecovery(): Promise<void> {
    await sleep(retryIntervalMs);
    while (!isClosed) {
      // A queue batch still in flight may fail and be prepended: let it settle first.
      if (inFlight) await inFlight.done;
      try {
        if (await replaySpool()) {
          mode = 'direct';
          logger.info({}, 'kafka reachable again: spool replayed, publishing directly');
          return;
        }
      } catch (error) {
        logger.warn({ err: error, spoolBacklog: spool.countBacklog() }, 'kafka still unreachable');
      }
      await sleep(retryIntervalMs);
    }
  }

  if (options.isInitiallyUnreachable || spool.listClosedSegments().length > 0) {
    enterSpooling(
      options.isInitiallyUnreachable ? 'kafka unreachable at start' : 'spool left over',
    );
  }

  return {
    enqueue(message) {
      if (isClosed) {
        stats.dropped += 1;
        return;
      }
      if (mode === 'spooling') {
        spill([message], 'append');
        return;
      }
      if (queue.length >= maxQueued) {
        enterSpooling('in-memory queue full');
        spill([message], 'append');
        return;
      }
      queue.push(message);
      scheduleFlush();
    },

    readState: () => ({
      mode,
      queued: queue.length + (inFlight?.batch.length ?? 0),
      spoolBacklog: spool.countBacklog(),
    }),

    async close(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      if (lingerTimer) clearTimeout(lingerTimer);
      lingerTimer = undefined;
      while (mode === 'direct' && (queue.length > 0 || inFlight) && Date.now() < deadline) {
        if (!inFlight) flush();
        await Promise.race([inFlight?.done, sleep(Math.max(1, deadline - Date.now()))]);
      }
      isClosed = true;
      if (recovery) await Promise.race([recovery, sleep(Math.max(1, deadline - Date.now()))]);
      // Unacknowledged or unsent messages go to the spool for the next start. A batch whose send
      // is still in flight may then reach Kafka twice; consumers are idempotent.
      if (inFlight) spill(inFlight.batch, 'prepend');
      spill(queue, 'append');
      queue = [];
      isSpoolClosed = true;
      await spool.close();
    },
  };
}
