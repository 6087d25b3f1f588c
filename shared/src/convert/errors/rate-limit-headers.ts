/**
 * @module convert/errors/rate-limit-headers
 * Rate-limit headers between dialects (CONVERSION.md §5.5): Anthropic
 * `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}` (reset = an RFC 3339 time) ⇄
 * OpenAI `x-ratelimit-{limit,remaining,reset}-{requests,tokens}` (reset = a duration such as `6s`,
 * `1m30s`). Resets convert against the gateway clock. Anthropic's `input-tokens`/`output-tokens`
 * families have no OpenAI twin and are dropped. `retry-after` is not touched here (it passes
 * through verbatim in both directions).
 */
import type { ApiFormat } from '../types';

export type HeaderValue = string | readonly string[] | undefined;
export type HeaderMap = Readonly<Record<string, HeaderValue>>;

export interface RateLimitHeaderInput {
  readonly headers: HeaderMap;
  readonly source: ApiFormat;
  readonly target: ApiFormat;
  /** Milliseconds since the epoch; needed to turn reset times into durations and back. */
  readonly now: number;
}

const families = ['requests', 'tokens'] as const;
const fields = ['limit', 'remaining', 'reset'] as const;

/** The rate-limit headers of `input.headers` in the target dialect (empty when none). */
export function convertRateLimitHeaders(input: RateLimitHeaderInput): Record<string, string> {
  const converted: Record<string, string> = {};
  const lookup = normalizeHeaders(input.headers);
  for (const family of families) {
    for (const field of fields) {
      const anthropicName = `anthropic-ratelimit-${family}-${field}`;
      const openAIName = `x-ratelimit-${field}-${family}`;
      const [fromName, toName] =
        input.source === 'anthropic' ? [anthropicName, openAIName] : [openAIName, anthropicName];
      const value = lookup.get(fromName);
      if (value === undefined) continue;
      if (input.source === input.target) {
        converted[fromName] = value;
      } else if (field !== 'reset') {
        converted[toName] = value;
      } else {
        const resetValue =
          input.target === 'openai'
            ? formatResetDuration(Date.parse(value) - input.now)
            : formatResetTime(input.now + parseResetDuration(value));
        if (resetValue !== undefined) converted[toName] = resetValue;
      }
    }
  }
  return converted;
}

/** A header map with lower-case names and the first value of repeated headers. */
export function normalizeHeaders(headers: HeaderMap): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const first = typeof value === 'string' ? value : value?.[0];
    if (first !== undefined) lookup.set(name.toLowerCase(), first);
  }
  return lookup;
}

/** Go-style duration as OpenAI sends it: `120ms`, `6s`, `1m30s`, `2h0m0s` (whole seconds above 1 s). */
export function formatResetDuration(milliseconds: number): string | undefined {
  if (!Number.isFinite(milliseconds)) return undefined;
  const clamped = Math.max(0, milliseconds);
  if (clamped < 1000) return `${Math.ceil(clamped)}ms`;
  const totalSeconds = Math.ceil(clamped / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

/** Parses `1m30s`, `6.5s`, `120ms`, `2h` into milliseconds (NaN when it is not a duration). */
export function parseResetDuration(duration: string): number {
  const unitMilliseconds: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(duration.trim())
    ? duration.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)
    : [];
  let total = Number.NaN;
  for (const [, amount, unit] of parts) {
    total = (Number.isNaN(total) ? 0 : total) + Number(amount) * unitMilliseconds[unit!]!;
  }
  return total;
}

/** RFC 3339 in UTC without milliseconds, as Anthropic writes it: `2026-01-02T03:04:05Z`. */
export function formatResetTime(milliseconds: number): string | undefined {
  if (!Number.isFinite(milliseconds)) return undefined;
  return new Date(Math.ceil(milliseconds / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
