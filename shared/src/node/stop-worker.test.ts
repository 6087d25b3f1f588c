import { Worker } from 'node:worker_threads';
import { stopWorker } from './stop-worker';

const start = (source: string) => new Worker(source, { eval: true });

describe('stopWorker', () => {
  it('returns once the thread answers that it has closed, and ends it', async () => {
    const worker = start(`
      const { parentPort } = require('node:worker_threads');
      const keepAlive = setInterval(() => {}, 1000);
      parentPort.on('message', () => parentPort.postMessage('closed'));`);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const started = Date.now();
    await stopWorker(worker, {
      closeMessage: 'close',
      isClosed: (message) => message === 'closed',
      timeoutMs: 10_000,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    await exited;
  });

  it('terminates a thread that never answers once the timeout has passed', async () => {
    const worker = start(`setInterval(() => {}, 1000);`);
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await stopWorker(worker, { closeMessage: 'close', isClosed: () => false, timeoutMs: 100 });
    await exited;
  });
});
