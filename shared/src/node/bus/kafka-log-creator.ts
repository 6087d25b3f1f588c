/**
 * @module kafka-log-creator
 * Routes kafkajs's own log lines through our Logger (never the console), one child per kafkajs
 * namespace. kafkajs reports every failed connection attempt at ERROR; during a broker outage that
 * is expected and handled (we spool), so its levels are shifted down one step: ERROR → warn,
 * WARN/INFO → info/debug.
 */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../../logger';

/** kafkajs warns about this when retries are bounded; we rely on idempotent consumers instead. */
const expectedWarnings = ['Limiting retries for the idempotent producer'];

export function createKafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    function writeKafkaLog({ namespace, level, log }) {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { namespace, ...extra };
      const isExpected = expectedWarnings.some((prefix) => message.startsWith(prefix));
      switch (level) {
        case logLevel.ERROR:
          kafkaLogger.warn(fields, message);
          return;
        case logLevel.WARN:
          if (isExpected) kafkaLogger.debug(fields, message);
          else kafkaLogger.info(fields, message);
          return;
        case logLevel.INFO:
        case logLevel.DEBUG:
        case logLevel.NOTHING:
          kafkaLogger.debug(fields, message);
          return;
        default:
          kafkaLogger.debug(fields, message);
      }
    };
}
