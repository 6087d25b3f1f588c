/**
 * @module convert/sha256-hex
 * SHA-256 for the pure conversion core (tool-name shortening, hashed user ids, relay session
 * ids). `@noble/hashes` is a small audited pure-JS implementation that runs synchronously in
 * Node and browsers, so `shared/` stays runtime-agnostic (no `node:crypto`).
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text` (64 characters). */
export function computeSha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
