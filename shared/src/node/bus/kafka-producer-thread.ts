/**
 * @module kafka-producer-thread
 * Worker-thread entry that owns the Kafka producer of a process, so that encoding record batches
 * and reading the broker's answers (kafkajs: ~15 % of a gateway's main thread at ~1,800 req/s)
 * happen off the proxy's event loop. The main thread keeps the batching publisher, its spool and
 * its recovery loop (`kafka-batch-publisher.ts`); it posts one batch at a time and this thread
 * answers `sent` or `failed`. Log lines go back to the main thread's logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../../logger';
import type { SpooledMessage } from './event-spool';
import { connectOnDemand, createKafkaClient, groupByTopic, producerConfig } from './kafka-client';

export interface ProducerThreadData {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

export type ProducerThreadRequest =
  | { readonly type: 'send'; readonly id: number; readonly messages: readonly SpooledMessage[] }
  | { readonly type: 'close' };

export type ProducerThreadReply =
  | { readonly type: 'sent'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: string }
  | {
      readonly type: 'log';
      readonly level: 'debug' | 'info' | 'warn' | 'error';
      readonly extra: object;
      readonly message?: string;
    }
  | { readonly type: 'closed' };

function runProducerThread(): void {
  const port = parentPort;
  if (!port) throw new Error('kafka-producer-thread must run in a worker thread');
  const data = workerData as ProducerThreadData;
  const reply = (message: ProducerThreadReply) => port.postMessage(message);

  const forward =
    (level: 'debug' | 'info' | 'warn' | 'error', bindings: object) =>
    (extra: object, message?: string) => {
      const fields = { ...bindings, ...extra };
      try {
        reply({ type: 'log', level, extra: fields, message });
      } catch {
        // A field that cannot be cloned (a function, a socket): send its text instead.
        reply({ type: 'log', level, extra: { fields: String(JSON.stringify(fields)) }, message });
      }
    };
  const makeLogger = (bindings: object): Logger => ({
    debug: forward('debug', bindings),
    info: forward('info', bindings),
    warn: forward('warn', bindings),
    error: forward('error', bindings),
    child: (more) => makeLogger({ ...bindings, ...more }),
  });

  const kafka = createKafkaClient({ ...data, logger: makeLogger({}) });
  const producer = kafka.producer(producerConfig);
  const connect = connectOnDemand(producer);

  async function send(messages: readonly SpooledMessage[]): Promise<void> {
    await connect();
    await producer.sendBatch({ acks: -1, topicMessages: groupByTopic(messages) });
  }

  port.on('message', (request: ProducerThreadRequest) => {
    if (request.type === 'send') {
      send(request.messages).then(
        () => reply({ type: 'sent', id: request.id }),
        (error: unknown) =>
          reply({
            type: 'failed',
            id: request.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
      return;
    }
    void producer
      .disconnect()
      .catch(() => undefined)
      .then(() => reply({ type: 'closed' }));
  });
}

runProducerThread();
