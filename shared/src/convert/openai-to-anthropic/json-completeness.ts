/**
 * @module convert/openai-to-anthropic/json-completeness
 * Tells, in constant memory, whether the tool-call arguments streamed so far form a complete JSON
 * object or array: a depth counter plus string/escape flags, fed fragment by fragment. The O→A
 * stream converter uses it to notice upstreams that interleave parallel tool calls (§4.5) — a
 * second call that starts while the first one's JSON is still open has to wait.
 */
export interface JsonCompletenessScanner {
  feed(fragment: string): void;
  /** Whether a top-level `{…}` or `[…]` has been opened and closed again. */
  isComplete(): boolean;
}

const quote = 34;
const backslash = 92;
const openBrace = 123;
const closeBrace = 125;
const openBracket = 91;
const closeBracket = 93;

export function createJsonCompletenessScanner(): JsonCompletenessScanner {
  let depth = 0;
  let hasOpened = false;
  let isInString = false;
  let isEscaped = false;
  return {
    feed(fragment) {
      for (let position = 0; position < fragment.length; position++) {
        const code = fragment.charCodeAt(position);
        if (isInString) {
          if (isEscaped) isEscaped = false;
          else if (code === backslash) isEscaped = true;
          else if (code === quote) isInString = false;
        } else if (code === quote) {
          isInString = true;
        } else if (code === openBrace || code === openBracket) {
          depth++;
          hasOpened = true;
        } else if (code === closeBrace || code === closeBracket) {
          depth--;
        }
      }
    },
    isComplete: () => hasOpened && depth <= 0 && !isInString,
  };
}
