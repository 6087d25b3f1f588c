/**
 * @module event-spool
 * A local append-only spool for events that cannot reach Kafka: JSON lines in numbered segment
 * files under one directory (`<LLMFB_DATA_DIR>/spool/events-000001.jsonl`, …). Appends are
 * buffered and written in order by one write stream, so `append` never blocks the caller.
 * Replay reads closed segments oldest first; a segment is deleted only after every line of it was
 * handed to Kafka. Segments left by a previous process are replayed first. A line cut short by a
 * crash is skipped with a warning.
 *
 * Durability: the spool survives a process crash (the OS has the data), not a power cut (no fsync
 * per event, which would cost the hot path).
 */
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '../../logger';

export interface SpooledMessage {
  /** The full Kafka topic name. */
  readonly topic: string;
  readonly key: string;
  /** The message value exactly as it would be sent (JSON text). */
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface EventSpool {
  append(messages: readonly SpooledMessage[]): void;
  /**
   * Writes messages as a new closed segment ahead of every other (synchronously: a rare path, for
   * a batch that failed after newer messages were already spooled).
   */
  prepend(messages: readonly SpooledMessage[]): void;
  /** Messages waiting in the spool (all segments). */
  countBacklog(): number;
  /** Messages appended to the open segment since it was opened. */
  countOpenSegment(): number;
  /** Closes the open segment so it can be replayed; new appends go to a fresh one. */
  rotate(): Promise<void>;
  /** Closed segments, oldest first. */
  listClosedSegments(): readonly string[];
  /** Yields the messages of a closed segment in chunks, in order, after skipping `skip`. */
  readSegment(segment: string, chunkSize: number, skip?: number): AsyncGenerator<SpooledMessage[]>;
  /** Records that `count` more messages of a closed segment reached Kafka (backlog count). */
  markReplayed(segment: string, count: number): void;
  removeSegment(segment: string): Promise<void>;
  /** Flushes and closes the open segment. */
  close(): Promise<void>;
}

const segmentPattern = /^events-(\d{12})\.jsonl$/;
/** Segment numbers start high so that prepended segments (lower numbers) stay positive. */
const firstSegmentNumber = 100_000_000_000;

function formatSegmentName(number: number): string {
  return `events-${String(number).padStart(12, '0')}.jsonl`;
}

function parseSegmentNumber(name: string): number {
  return Number(segmentPattern.exec(name)?.[1] ?? firstSegmentNumber);
}

function parseLine(line: string): SpooledMessage | null {
  try {
    const value = JSON.parse(line) as Partial<SpooledMessage>;
    if (typeof value.topic !== 'string' || typeof value.key !== 'string') return null;
    if (typeof value.value !== 'string') return null;
    return value as SpooledMessage;
  } catch {
    return null;
  }
}

function countLines(filePath: string): number {
  const text = readFileSync(filePath, 'utf8');
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    count += 1;
  return count;
}

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export function createEventSpool(options: { directory: string; logger: Logger }): EventSpool {
  const logger = options.logger.child({ component: 'event-spool' });
  mkdirSync(options.directory, { recursive: true, mode: 0o700 });
  const closed: string[] = readdirSync(options.directory)
    .filter((name) => segmentPattern.test(name))
    .sort();
  // Segments inherited from a previous process: count their lines once, at start-up.
  const backlogBySegment = new Map<string, number>(
    closed.map((name) => [name, countLines(path.join(options.directory, name))]),
  );
  const numbers = closed.map(parseSegmentNumber);
  let nextNumber = numbers.length ? Math.max(...numbers) + 1 : firstSegmentNumber;
  let lowestNumber = numbers.length ? Math.min(...numbers) : firstSegmentNumber;
  let open: { name: string; stream: WriteStream; count: number } | undefined;

  function openSegment() {
    const name = formatSegmentName(nextNumber);
    nextNumber += 1;
    lowestNumber = Math.min(lowestNumber, nextNumber - 1);
    const stream = createWriteStream(path.join(options.directory, name), {
      flags: 'a',
      mode: 0o600,
    });
    stream.on('error', (error) =>
      logger.error({ err: error, segment: name }, 'spool write failed'),
    );
    open = { name, stream, count: 0 };
    return open;
  }

  return {
    append(messages) {
      if (messages.length === 0) return;
      const segment = open ?? openSegment();
      segment.stream.write(messages.map((message) => `${JSON.stringify(message)}\n`).join(''));
      segment.count += messages.length;
    },

    prepend(messages) {
      if (messages.length === 0) return;
      lowestNumber -= 1;
      const name = formatSegmentName(lowestNumber);
      writeFileSync(
        path.join(options.directory, name),
        messages.map((message) => `${JSON.stringify(message)}\n`).join(''),
        { mode: 0o600 },
      );
      closed.unshift(name);
      backlogBySegment.set(name, messages.length);
    },

    countBacklog() {
      let total = open?.count ?? 0;
      for (const count of backlogBySegment.values()) total += count;
      return total;
    },

    countOpenSegment: () => open?.count ?? 0,

    async rotate() {
      if (!open) return;
      const segment = open;
      open = undefined;
      await endStream(segment.stream);
      if (segment.count === 0) {
        await rm(path.join(options.directory, segment.name), { force: true });
        return;
      }
      closed.push(segment.name);
      backlogBySegment.set(segment.name, segment.count);
    },

    listClosedSegments: () => [...closed],

    async *readSegment(segment, chunkSize, skip = 0) {
      const input = createReadStream(path.join(options.directory, segment), { encoding: 'utf8' });
      const lines = createInterface({ input, crlfDelay: Infinity });
      let chunk: SpooledMessage[] = [];
      let lineNumber = 0;
      let messageNumber = 0;
      try {
        for await (const line of lines) {
          lineNumber += 1;
          if (line.trim() === '') continue;
          const message = parseLine(line);
          if (!message) {
            logger.warn({ segment, lineNumber }, 'skipping an unreadable spool line');
            continue;
          }
          messageNumber += 1;
          if (messageNumber <= skip) continue;
          chunk.push(message);
          if (chunk.length >= chunkSize) {
            yield chunk;
            chunk = [];
          }
        }
        if (chunk.length > 0) yield chunk;
      } finally {
        lines.close();
        input.destroy();
      }
    },

    markReplayed(segment, count) {
      const remaining = backlogBySegment.get(segment);
      if (remaining !== undefined) backlogBySegment.set(segment, Math.max(0, remaining - count));
    },

    async removeSegment(segment) {
      await rm(path.join(options.directory, segment), { force: true });
      const index = closed.indexOf(segment);
      if (index !== -1) closed.splice(index, 1);
      backlogBySegment.delete(segment);
    },

    async close() {
      if (!open) return;
      const segment = open;
      open = undefined;
      await endStream(segment.stream);
      if (segment.count === 0)
        await rm(path.join(options.directory, segment.name), { force: true });
    },
  };
}
