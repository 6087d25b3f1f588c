/**
 * Reads the `x-llmfb-conversion-notes` response header: a JSON array (of strings or of
 * `{kind, path, message}` objects) or plain text. Anything else becomes one note as-is.
 */
export function parseConversionNotesHeader(header: string | null): string[] {
  if (!header || !header.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    // Not JSON: the header is plain text.
    return [header.trim()];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map(describeNote).filter((note) => note !== '');
}

function describeNote(note: unknown): string {
  if (typeof note === 'string') return note;
  if (typeof note !== 'object' || note === null) return String(note);
  const fields = note as Record<string, unknown>;
  const message = typeof fields['message'] === 'string' ? fields['message'] : JSON.stringify(note);
  const kind = typeof fields['kind'] === 'string' ? `[${fields['kind']}] ` : '';
  const path = typeof fields['path'] === 'string' && fields['path'] ? `${fields['path']}: ` : '';
  return `${kind}${path}${message}`;
}
