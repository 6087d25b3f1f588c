/**
 * @module convert/scan-json-string
 * The stream converters' fast path (STYLE.md §10.3 performance note): the dominant upstream events
 * are text and tool-argument deltas of a fixed shape, e.g.
 * `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"…"}}`. For those,
 * the converters copy the JSON string literal itself into the output instead of `JSON.parse` +
 * `JSON.stringify` — about two thirds of the per-chunk cost.
 *
 * The copy is byte-identical to what `JSON.stringify(JSON.parse(literal))` would write, because a
 * literal is accepted only when it contains exactly the escapes `JSON.stringify` itself produces
 * for printable text (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`) and no raw control character; a
 * literal with `\u` escapes, `\/`, or anything unusual makes the caller fall back to the full
 * parse. Tests check both paths give the same output.
 */

/** Where a JSON string literal ends and how many UTF-16 units its value has. */
export interface ScannedJsonString {
  /** Index just after the closing quote. */
  readonly end: number;
  /** `value.length` of the decoded string. */
  readonly length: number;
}

const quote = 34;
const backslash = 92;

/**
 * Scans the literal whose opening quote is at `start`. Returns undefined when there is no
 * well-formed literal there, or it holds an escape the fast path does not copy verbatim.
 */
export function scanJsonString(text: string, start: number): ScannedJsonString | undefined {
  if (text.charCodeAt(start) !== quote) return undefined;
  let escapes = 0;
  for (let position = start + 1; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code === quote) return { end: position + 1, length: position - start - 1 - escapes };
    if (code < 32) return undefined;
    if (code === backslash) {
      const next = text.charCodeAt(++position);
      // b f n r t " \ — the short escapes JSON.stringify writes; everything else → slow path.
      if (
        next !== 98 &&
        next !== 102 &&
        next !== 110 &&
        next !== 114 &&
        next !== 116 &&
        next !== quote &&
        next !== backslash
      ) {
        return undefined;
      }
      escapes++;
    }
  }
  return undefined;
}

/** Reads the non-negative integer at `start`; returns it and the index after it. */
export function scanInteger(
  text: string,
  start: number,
): { value: number; end: number } | undefined {
  let value = 0;
  let position = start;
  for (; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code < 48 || code > 57) break;
    value = value * 10 + (code - 48);
  }
  return position === start || position - start > 9 ? undefined : { value, end: position };
}
