/**
 * @module convert/convert-user-id
 * End-user ids across dialects. Anthropic's `metadata.user_id` must be opaque (no e-mail, phone
 * number or name; CONVERSION.md §1.1): an id that looks like personal data is replaced by its
 * SHA-256. OpenAI's `user` / `safety_identifier` take at most 64 characters (§2.1): longer ids
 * are hashed too (a SHA-256 hex is exactly 64 characters).
 */
import { computeSha256Hex } from './sha256-hex';

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const PHONE = /^\+?[\d\s().-]{7,}$/;

/** Whether an id looks like an e-mail address, a phone number or a person's name. */
export function isPersonalLookingId(id: string): boolean {
  if (EMAIL.test(id) || /\s/.test(id.trim())) return true;
  return PHONE.test(id) && id.replace(/\D/g, '').length >= 7;
}

/** `id` when it is opaque and at most `maxLength` characters, else its SHA-256 hex. */
export function selectOpaqueUserId(
  id: string,
  maxLength: number,
): { readonly id: string; readonly isHashed: boolean } {
  if (id.length <= maxLength && !isPersonalLookingId(id)) return { id, isHashed: false };
  return { id: computeSha256Hex(id), isHashed: true };
}
