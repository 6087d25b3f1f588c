/**
 * @module generate-id
 * Time-ordered ids (UUIDv7, RFC 9562, with the 12-bit `rand_a` field used as a counter so ids made
 * in the same millisecond by this process still sort in creation order). Lists page by id, so
 * creation order and id order agree across both adapters.
 */
import { randomBytes } from 'node:crypto';

let lastMilliseconds = 0;
let counter = 0;

export function generateId(now: number = Date.now()): string {
  if (now > lastMilliseconds) {
    lastMilliseconds = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff; // start low, leaving room to count up
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMilliseconds += 1;
      counter = 0;
    }
  }
  const bytes = randomBytes(16);
  let timestamp = lastMilliseconds;
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = timestamp % 256;
    timestamp = Math.floor(timestamp / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
