/**
 * @module convert/tool-names
 * Tool names and tool-call ids across the two dialects (CONVERSION.md §1.5 "Names and ids",
 * §2.5). OpenAI function names are limited to 64 characters: longer Anthropic names are
 * shortened to `prefix(55) + "_" + sha256(name)[0:8]` (LiteLLM's scheme) and the reverse map is
 * handed to the response conversion (`ResponseHints.toolNames`). Anthropic tool-use ids must
 * match `^[a-zA-Z0-9_-]+$`: other characters become `_`, deterministically, so both halves of a
 * call/result pair map to the same id.
 */
import { computeSha256Hex } from './sha256-hex';

export const OPENAI_TOOL_NAME_MAX_LENGTH = 64;
const SHORTENED_PREFIX_LENGTH = 55;

/** The name an OpenAI upstream sees: unchanged up to 64 characters, else prefix + hash. */
export function shortenToolName(name: string): string {
  if (name.length <= OPENAI_TOOL_NAME_MAX_LENGTH) return name;
  return `${name.slice(0, SHORTENED_PREFIX_LENGTH)}_${computeSha256Hex(name).slice(0, 8)}`;
}

/** Shortens names and remembers `short → original` for the ones that changed. */
export interface ToolNameMapper {
  toUpstream(name: string): string;
  /** `undefined` when no name was shortened. */
  reverseMap(): Readonly<Record<string, string>> | undefined;
}

export function createToolNameMapper(): ToolNameMapper {
  let reverse: Record<string, string> | undefined;
  return {
    toUpstream(name) {
      const short = shortenToolName(name);
      if (short !== name) {
        reverse ??= {};
        reverse[short] = name;
      }
      return short;
    },
    reverseMap: () => reverse,
  };
}

const UNSAFE_ID_CHARACTERS = /[^a-zA-Z0-9_-]/g;

/** `functions.Bash:0` → `functions_Bash_0`; an empty id → `toolu_` + a hash of nothing. */
export function sanitizeToolCallId(id: string): string {
  if (id.length === 0) return `toolu_${computeSha256Hex('').slice(0, 24)}`;
  return id.replace(UNSAFE_ID_CHARACTERS, '_');
}
