/**
 * @module kafkajs-request-queue
 * A correction to kafkajs 2.2.4 (its latest release, 2023): after every answer from a broker its
 * request queue re-arms a timer with `throttledUntil - Date.now()` as the delay, even when nothing
 * waits and the broker throttles nothing. That delay is negative, so Node runs the timer after
 * 1 ms (and, from Node 24 on, prints a `TimeoutNegativeWarning`), the timer re-arms itself, and
 * every broker connection wakes the event loop ~1,000 times a second for as long as it is open
 * (tulios/kafkajs#1704, #1751). Measured: an idle gateway on Kafka spent 79 ms of CPU per second
 * and its main thread woke 860 times a second; on the embedded bus 12 ms and 100.
 *
 * The replacement arms the timer only while requests wait (every 10 ms, kafkajs's own interval)
 * or while the broker throttles the client (until the throttle ends). Waiting requests are still
 * sent as soon as an in-flight one is answered, as before (`fulfillRequest` checks the queue).
 */
import { createRequire } from 'node:module';

/** The fields of kafkajs's RequestQueue this correction reads. */
interface RequestQueueState {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** The kafkajs release the correction was written against; any other is left as it is. */
const correctedVersion = '2.2.4';
/** kafkajs's own interval for re-checking waiting requests. */
const pendingCheckIntervalMs = 10;

let applied: boolean | undefined;

function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  let delay: number;
  if (this.pending.length > 0)
    delay = untilUnthrottled > 0 ? untilUnthrottled : pendingCheckIntervalMs;
  else if (untilUnthrottled > 0) delay = untilUnthrottled;
  else return;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/**
 * Installs the correction once per process. Returns whether it is in place: false when the
 * installed kafkajs is another release (check it for the same loop before changing the version).
 */
export function correctKafkajsRequestQueue(): boolean {
  if (applied !== undefined) return applied;
  const load = createRequire(__filename);
  const { version } = load('kafkajs/package.json') as { version: string };
  applied = version === correctedVersion;
  if (applied) {
    const RequestQueue = load('kafkajs/src/network/requestQueue') as {
      prototype: RequestQueueState;
    };
    RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  }
  return applied;
}
