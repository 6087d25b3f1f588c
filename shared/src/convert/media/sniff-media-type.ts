/**
 * @module convert/media/sniff-media-type
 * Identifies a file from its first bytes (magic numbers) without decoding the whole payload:
 * clients often label a JPEG as `image/png`, and Anthropic rejects a media type that does not
 * match the bytes. Only the first 16 base64 characters (12 bytes) are decoded.
 */

export type SniffedMediaType =
  'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';

/** Decodes up to `byteCount` leading bytes of a base64 payload; `undefined` if it is not base64. */
function decodeLeadingBytes(base64: string, byteCount: number): Uint8Array | undefined {
  const characters = Math.ceil(byteCount / 3) * 4;
  const head = base64.slice(0, characters);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(head)) return undefined;
  let binary: string;
  try {
    binary = atob(head.length % 4 === 0 ? head : head.slice(0, head.length - (head.length % 4)));
  } catch {
    // atob throws on malformed input; the payload is then not base64 at all.
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, index) => bytes[offset + index] === value);
}

const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');

/** The media type the bytes of a base64 payload announce, or `undefined` when unknown. */
export function sniffMediaType(base64: string): SniffedMediaType | undefined {
  const bytes = decodeLeadingBytes(base64, 12);
  if (bytes === undefined) return undefined;
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return 'image/gif';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return undefined;
}

/** Decodes a base64 payload as UTF-8 text; `undefined` if it is not valid base64 or UTF-8. */
export function decodeBase64Text(base64: string): string | undefined {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    // Not base64.
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8 text.
    return undefined;
  }
}
