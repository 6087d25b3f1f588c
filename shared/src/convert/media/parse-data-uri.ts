/**
 * @module convert/media/parse-data-uri
 * Strict `data:` URI parsing (CONVERSION.md §1.4): `data:` + media type + optional parameters +
 * `;base64,` + payload. Anything else (percent-encoded data, a missing media type) is not a
 * usable inline file.
 */

export interface DataUri {
  /** Lower-cased, without parameters, e.g. `image/png`. */
  readonly mediaType: string;
  /** The base64 payload, untouched. */
  readonly data: string;
}

const DATA_URI =
  /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)((?:;[a-z0-9_.-]+=[^;,]*)*);base64,/i;

/** The media type and payload of a base64 data URI, or `undefined` when `url` is not one. */
export function parseDataUri(url: string): DataUri | undefined {
  const match = DATA_URI.exec(url);
  if (!match?.[1]) return undefined;
  return { mediaType: match[1].toLowerCase(), data: url.slice(match[0].length) };
}

/** Builds `data:<mediaType>;base64,<data>`. */
export function formatDataUri(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
