/**
 * @module convert/conversion-notes
 * Collects the lossy decisions of one conversion (`ConversionNote`, CONVERSION.md §6.3 "our own
 * informational headers"). Strict mode (§10.1) turns every drop, and every clamp of a value the
 * caller chose, into a 400 naming the field.
 */
import type { ConversionNote } from './types';
import { createUnsupportedError } from './conversion-errors';

export interface NoteCollector {
  readonly notes: ConversionNote[];
  /** A caller's field is not sent upstream. Throws in strict mode. */
  drop(path: string, message: string): void;
  /** A caller's value was changed to fit. Throws in strict mode. */
  clamp(path: string, message: string): void;
  /** A note that never refuses: gateway-chosen values, emulations, defaults, repairs. */
  add(kind: ConversionNote['kind'], path: string, message: string): void;
}

export function createNoteCollector(isStrict: boolean): NoteCollector {
  const notes: ConversionNote[] = [];
  const refuseOrAdd = (kind: ConversionNote['kind'], path: string, message: string): void => {
    if (isStrict) throw createUnsupportedError(path, `${message} (strict mode)`);
    notes.push({ kind, path, message });
  };
  return {
    notes,
    drop: (path, message) => refuseOrAdd('dropped', path, message),
    clamp: (path, message) => refuseOrAdd('clamped', path, message),
    add: (kind, path, message) => {
      notes.push({ kind, path, message });
    },
  };
}
