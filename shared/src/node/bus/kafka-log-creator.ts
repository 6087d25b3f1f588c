/**
 * @module kafka-log-creator
 * Routes kafkajs's own log lines through our Logger (never the console). kafkajs reports every
 * failed connection attempt at ERROR; during a broker outage that is expected and handled (we
 * spool), so its levels are shifted down one step (ERROR → warn, WARN → info, INFO → debug) and a
 * line repeated within 10 s is logged once, with how often it was repeated.
 */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../logger';

/** kafkajs warns about this when retries are bounded; we rely on idempotent consumers instead. */
const expectedWarnings = ['Limiting retries for the idempotent producer'];
const repeatWindowMs = 10_000;

export function createKafkaLogCreator(logger: Logger, now: () => number = Date.now): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  const lastSeen = new Map<string, { at: number; repeated: number }>();

  function isRepeat(key: string): number | null {
    const time = now();
    const seen = lastSeen.get(key);
    if (seen && time - seen.at < repeatWindowMs) {
      seen.repeated += 1;
      return null;
    }
    if (lastSeen.size > 1000) lastSeen.clear();
    lastSeen.set(key, { at: time, repeated: 0 });
    return seen?.repeated ?? 0;
  }

  return () =>
    function writeKafkaLog({ namespace, level, log }) {
      const { message, timestamp: _timestamp, ...extra } = log;
      const isQuiet = level !== logLevel.ERROR && level !== logLevel.WARN;
      if (isQuiet) {
        kafkaLogger.debug({ namespace, ...extra }, message);
        return;
      }
      const repeated = isRepeat(`${level}:${namespace}:${message}`);
      if (repeated === null) return;
      const fields = { namespace, ...extra, ...(repeated > 0 ? { repeated } : {}) };
      if (level === logLevel.ERROR) kafkaLogger.warn(fields, message);
      else if (expectedWarnings.some((prefix) => message.startsWith(prefix)))
        kafkaLogger.debug(fields, message);
      else kafkaLogger.info(fields, message);
    };
}
