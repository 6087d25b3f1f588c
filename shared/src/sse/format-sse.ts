/**
 * @module sse/format-sse
 * Server-sent events encoder: one `SseEvent` → its wire text (CONVERSION.md §4.1). Anthropic frames
 * carry `event: <name>`, OpenAI frames only `data:`; a comment frame becomes `: <text>`.
 *
 * Data produced by `JSON.stringify` never contains a raw line break, so the common case is one
 * template string. Data that does (a passthrough of an odd upstream) is split into several `data:`
 * lines, which a decoder joins back with `\n`; a lone CR is a line break in SSE, so CR and CRLF
 * split too (`\r\n` inside data therefore comes back as `\n`, as every SSE decoder reports it).
 *
 * @example
 * formatSse({ event: 'ping', data: '{"type":"ping"}' }); // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
import type { SseEvent } from '../convert/types';

const lineBreak = /\r\n|\r|\n/;

/** The wire text of one frame, including the blank line that ends it. */
export function formatSse(frame: SseEvent): string {
  if (frame.comment !== undefined) return formatComment(frame.comment);
  const { data } = frame;
  const dataLines =
    data.indexOf('\n') === -1 && data.indexOf('\r') === -1
      ? `data: ${data}\n`
      : `data: ${data.split(lineBreak).join('\ndata: ')}\n`;
  return frame.event === undefined ? `${dataLines}\n` : `event: ${frame.event}\n${dataLines}\n`;
}

/** The wire text of several frames, for one socket write. */
export function formatSseFrames(frames: readonly SseEvent[]): string {
  if (frames.length === 1) return formatSse(frames[0]!);
  let text = '';
  for (const frame of frames) text += formatSse(frame);
  return text;
}

function formatComment(comment: string): string {
  return `: ${comment.split(lineBreak).join('\n: ')}\n\n`;
}
