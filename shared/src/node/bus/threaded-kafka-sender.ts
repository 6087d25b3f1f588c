/**
 * @module threaded-kafka-sender
 * The publisher's `MessageSender` backed by the producer thread (`kafka-producer-thread.ts`): each
 * batch is posted to the thread and the promise settles with the broker's acknowledgement. The
 * thread starts on the first send; if it dies, the batches it held fail (the publisher spools them)
 * and the next send starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../logger';
import { findCompiledEntry } from '../compiled-entry';
import { stopWorker } from '../stop-worker';
import type { MessageSender } from './kafka-batch-publisher';
import type {
  ProducerThreadData,
  ProducerThreadReply,
  ProducerThreadRequest,
} from './kafka-producer-thread';

export interface ThreadedKafkaSender extends MessageSender {
  /** Disconnects the producer and ends the thread (bounded by `timeoutMs`). */
  close(timeoutMs: number): Promise<void>;
}

/**
 * A small young generation: the thread holds one batch at a time. V8's default lets the semi-spaces
 * grow to 64 MB each under a steady stream of batches, for nothing the thread needs.
 */
const threadYoungGenerationMb = 8;

/** The compiled thread entry, if built (see `findCompiledEntry`). */
export function findProducerThreadEntry(): string | undefined {
  return findCompiledEntry(__filename, 'kafka-producer-thread');
}

export function createThreadedKafkaSender(options: {
  readonly entry: string;
  readonly data: ProducerThreadData;
  readonly logger: Logger;
}): ThreadedKafkaSender {
  const logger = options.logger.child({ component: 'kafka-producer-thread' });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let worker: Worker | undefined;

  function failPending(reason: string): void {
    for (const { reject } of pending.values()) reject(new Error(reason));
    pending.clear();
  }

  function startWorker(): Worker {
    const started = new Worker(options.entry, {
      workerData: options.data,
      resourceLimits: { maxYoungGenerationSizeMb: threadYoungGenerationMb },
    });
    started.on('message', (reply: ProducerThreadReply) => {
      if (reply.type === 'log') {
        logger[reply.level](reply.extra, reply.message);
      } else if (reply.type === 'sent' || reply.type === 'failed') {
        const waiter = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.type === 'sent') waiter?.resolve();
        else waiter?.reject(new Error(reply.error));
      }
    });
    started.on('error', (error) => logger.error({ err: error }, 'kafka producer thread failed'));
    started.once('exit', (code) => {
      if (worker === started) worker = undefined;
      failPending(`kafka producer thread exited (code ${code})`);
    });
    return started;
  }

  return {
    send(messages) {
      worker ??= startWorker();
      const id = nextId++;
      const done = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ type: 'send', id, messages } satisfies ProducerThreadRequest);
      return done;
    },

    async close(timeoutMs) {
      const closing = worker;
      worker = undefined;
      if (!closing) return;
      await stopWorker(closing, {
        closeMessage: { type: 'close' } satisfies ProducerThreadRequest,
        isClosed: (reply) => (reply as ProducerThreadReply).type === 'closed',
        timeoutMs,
      });
    },
  };
}
