/** A JSON object: not null, not an array (what a parsed upstream answer's objects are). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
