/**
 * @module conversion-notes-header
 * The conversion report as the `x-llmfb-conversion-notes` response header: a JSON array of
 * `{kind, path, message}`, ASCII-only (non-ASCII escaped as \uXXXX, so any client can read it)
 * and capped in size (a last entry says how many notes were left out; the log has them all).
 */
import type { ConversionNote } from '@llmfb/shared';

const maxHeaderBytes = 4096;

function toAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The header value, or undefined when there is nothing to report. */
export function formatConversionNotes(notes: readonly ConversionNote[]): string | undefined {
  if (notes.length === 0) return undefined;
  const kept: ConversionNote[] = [];
  for (const [index, note] of notes.entries()) {
    const candidate = toAsciiJson([...kept, note]);
    const remaining = notes.length - index - 1;
    if (candidate.length > maxHeaderBytes - (remaining > 0 ? 120 : 0)) {
      const omitted: ConversionNote = {
        kind: 'dropped',
        path: '',
        message: `${notes.length - kept.length} more notes in the request log`,
      };
      return toAsciiJson([...kept, omitted]);
    }
    kept.push(note);
  }
  return toAsciiJson(kept);
}
