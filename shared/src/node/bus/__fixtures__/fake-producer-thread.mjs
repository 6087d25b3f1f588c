// A stand-in for kafka-producer-thread.js speaking the same messages, for threaded-kafka-sender's
// unit test: a batch whose first key is `fail` fails, `die` ends the thread, `log` logs first.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (request) => {
  if (request.type === 'close') {
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  const key = request.messages[0]?.key;
  if (key === 'die') process.exit(3);
  if (key === 'log')
    parentPort.postMessage({ type: 'log', level: 'warn', extra: { threadId }, message: 'hello' });
  if (key === 'fail')
    parentPort.postMessage({ type: 'failed', id: request.id, error: 'broker said no' });
  else parentPort.postMessage({ type: 'sent', id: request.id });
});
