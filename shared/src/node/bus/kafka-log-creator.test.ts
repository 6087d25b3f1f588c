import { logLevel } from 'kafkajs';
import type { Logger } from '../../logger';
import { createKafkaLogCreator } from './kafka-log-creator';

function createRecordingLogger() {
  const lines: { level: string; extra: object; message?: string }[] = [];
  const logger: Logger = {
    debug: (extra, message) => lines.push({ level: 'debug', extra, message }),
    info: (extra, message) => lines.push({ level: 'info', extra, message }),
    warn: (extra, message) => lines.push({ level: 'warn', extra, message }),
    error: (extra, message) => lines.push({ level: 'error', extra, message }),
    child: () => logger,
  };
  return { logger, lines };
}

describe('kafka log creator', () => {
  it('shifts kafkajs levels down and folds repeated outage lines', () => {
    const { logger, lines } = createRecordingLogger();
    let time = 0;
    const write = createKafkaLogCreator(logger, () => time)(logLevel.INFO);
    const entry = (level: logLevel, message: string) => ({
      namespace: 'Connection',
      level,
      label: 'ERROR',
      log: { timestamp: 'now', message, broker: '127.0.0.1:19092' },
    });
    write(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED'));
    write(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED'));
    write(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED'));
    write(entry(logLevel.INFO, 'Consumer has joined the group'));
    write(entry(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS'));
    time = 11_000;
    write(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED'));
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', 'Connection error: connect ECONNREFUSED'],
      ['debug', 'Consumer has joined the group'],
      ['debug', 'Limiting retries for the idempotent producer may invalidate EoS'],
      ['warn', 'Connection error: connect ECONNREFUSED'],
    ]);
    expect(lines[3]?.extra).toMatchObject({ repeated: 2, broker: '127.0.0.1:19092' });
  });
});
