/**
 * @module stream-keep-alive
 * Keeps quiet streams alive (CONVERSION.md §4.6): when nothing was written to a client stream for
 * `idleMs` (thinking, tool-argument buffering), one sweeper writes a keep-alive in the caller's
 * dialect (an OpenAI SSE comment, an Anthropic `ping` event). One timer for all streams.
 */
import type { ServerResponse } from 'node:http';

export interface KeepAliveHandle {
  /** Something was just written. */
  touch(): void;
  stop(): void;
}

export interface StreamKeepAlive {
  register(response: ServerResponse, ping: string): KeepAliveHandle;
  readonly size: number;
  close(): void;
}

interface Entry {
  response: ServerResponse;
  ping: string;
  lastWrite: number;
}

export function createStreamKeepAlive({ idleMs = 15_000 } = {}): StreamKeepAlive {
  const entries = new Set<Entry>();
  const timer = setInterval(
    () => {
      const now = Date.now();
      for (const entry of entries) {
        if (entry.response.destroyed || entry.response.writableEnded) {
          entries.delete(entry);
        } else if (now - entry.lastWrite >= idleMs) {
          entry.response.write(entry.ping);
          entry.lastWrite = now;
        }
      }
    },
    Math.max(50, Math.floor(idleMs / 3)),
  );
  timer.unref();

  return {
    register(response, ping) {
      const entry: Entry = { response, ping, lastWrite: Date.now() };
      entries.add(entry);
      return {
        touch() {
          entry.lastWrite = Date.now();
        },
        stop() {
          entries.delete(entry);
        },
      };
    },
    get size() {
      return entries.size;
    },
    close() {
      clearInterval(timer);
      entries.clear();
    },
  };
}
