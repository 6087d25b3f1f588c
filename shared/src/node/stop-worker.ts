/**
 * @module stop-worker
 * The end of a worker thread that drains before it stops (the analytics thread, the Kafka producer
 * thread): ask it to close, wait for its answer or its exit — at most `timeoutMs` — then terminate it.
 */
import type { Worker } from 'node:worker_threads';

export async function stopWorker(
  worker: Worker,
  options: {
    readonly closeMessage: unknown;
    /** Whether a message from the thread says it has closed. */
    readonly isClosed: (message: unknown) => boolean;
    readonly timeoutMs: number;
  },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = new Promise<void>((resolve) => {
    worker.on('message', (message: unknown) => options.isClosed(message) && resolve());
    worker.once('exit', () => resolve());
    timer = setTimeout(resolve, options.timeoutMs);
  });
  worker.postMessage(options.closeMessage);
  await closed;
  clearTimeout(timer);
  await worker.terminate();
}
