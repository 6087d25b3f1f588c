import { correctKafkajsRequestQueue } from './kafkajs-request-queue';

interface QueueInternals {
  pending: { send(): void; expectResponse: boolean }[];
  inflight: Map<number, unknown>;
  checkPendingRequests(): void;
  maybeThrottle(ms: number): void;
}

// kafkajs's request queue, as the broker connection drives it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (
  options: object,
) => QueueInternals;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const makeQueue = () =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'localhost:9092',
    logger: quiet,
    isConnected: () => true,
  });

describe('kafkajs request queue correction', () => {
  beforeAll(() => expect(correctKafkajsRequestQueue()).toBe(true));
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves no timer behind once an answer arrives with nothing waiting (no 1 ms wake-up loop)', () => {
    const queue = makeQueue();
    queue.checkPendingRequests(); // what every broker answer runs
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still sends a waiting request once the in-flight one is done, checking every 10 ms', () => {
    const queue = makeQueue();
    const sent: string[] = [];
    queue.inflight.set(1, {});
    queue.pending.push({ send: () => sent.push('second'), expectResponse: true });
    queue.checkPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(30);
    expect(sent).toEqual([]);
    queue.inflight.delete(1);
    jest.advanceTimersByTime(10);
    expect(sent).toEqual(['second']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits out a broker throttle, then stops checking', () => {
    const queue = makeQueue();
    const sent: string[] = [];
    queue.maybeThrottle(50);
    queue.pending.push({ send: () => sent.push('throttled'), expectResponse: true });
    queue.checkPendingRequests();
    jest.advanceTimersByTime(40);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(20);
    expect(sent).toEqual(['throttled']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
