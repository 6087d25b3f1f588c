/**
 * @module bus-stats
 * Counters every bus adapter keeps, for /metrics (events published/spooled/dropped) and tests.
 */

export interface BusStats {
  /** Accepted by `publish` (valid). */
  published: number;
  /** Handed to Kafka and acknowledged (in-process: handed to subscribers). */
  delivered: number;
  /** Written to the spool file while Kafka was unreachable or the queue was full. */
  spooled: number;
  /** Lost: the in-process queue was full, or the spool could not be written. */
  dropped: number;
  /** Rejected by the schema and sent to the dead-letter topic. */
  deadLettered: number;
}

export interface BusState {
  readonly kind: 'kafka' | 'in-process';
  /** `direct` while events go straight out; `spooling` while they go to the spool first. */
  readonly mode: 'direct' | 'spooling';
  /** Events waiting in memory. */
  readonly queued: number;
  /** Events waiting in spool files (Kafka adapter). */
  readonly spoolBacklog: number;
}

export function createBusStats(): BusStats {
  return { published: 0, delivered: 0, spooled: 0, dropped: 0, deadLettered: 0 };
}

/** A bus that reports its counters and state. */
export interface ObservableBus {
  readonly stats: Readonly<BusStats>;
  readState(): BusState;
}
