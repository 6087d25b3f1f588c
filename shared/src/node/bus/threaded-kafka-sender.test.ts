import path from 'node:path';
import { silentLogger, type Logger } from '../../logger';
import type { SpooledMessage } from './event-spool';
import { createThreadedKafkaSender } from './threaded-kafka-sender';

const entry = path.join(__dirname, '__fixtures__', 'fake-producer-thread.mjs');
const batch = (key: string): SpooledMessage[] => [{ topic: 't', key, value: '{}' }];
/** A sender on the stand-in thread. */
const startSender = (logger: Logger = silentLogger) =>
  createThreadedKafkaSender({ entry, data: { brokers: [], clientId: 'x' }, logger });

describe('threaded Kafka sender', () => {
  it('settles each batch with the thread’s answer: acknowledged, or failed with the reason', async () => {
    const sender = startSender();
    await expect(sender.send(batch('a'))).resolves.toBeUndefined();
    await expect(sender.send(batch('fail'))).rejects.toThrow('broker said no');
    await expect(sender.send(batch('b'))).resolves.toBeUndefined();
    await sender.close(1000);
  });

  it('fails the batches a dead thread held, then starts a new thread for the next batch', async () => {
    const sender = startSender();
    await sender.send(batch('a'));
    const held = sender.send(batch('c'));
    await expect(sender.send(batch('die'))).rejects.toThrow('exited (code 3)');
    await expect(held).resolves.toBeUndefined(); // answered before the thread died
    await expect(sender.send(batch('after'))).resolves.toBeUndefined();
    await sender.close(1000);
  });

  it('writes the thread’s log lines through the caller’s logger', async () => {
    const lines: Array<{ extra: object; message?: string }> = [];
    const logger: Logger = {
      ...silentLogger,
      warn: (extra, message) => lines.push({ extra, message }),
      child: () => logger,
    };
    const sender = startSender(logger);
    await sender.send(batch('log'));
    expect(lines).toEqual([{ extra: { threadId: expect.any(Number) }, message: 'hello' }]);
    await sender.close(1000);
  });

  it('ends the thread on close, so the process can exit', async () => {
    const sender = startSender();
    await sender.send(batch('a'));
    const before = process.getActiveResourcesInfo().filter((name) => name === 'MessagePort').length;
    await sender.close(1000);
    const after = process.getActiveResourcesInfo().filter((name) => name === 'MessagePort').length;
    expect(after).toBeLessThan(before);
  });
});
