/**
 * @module rate-limit-headers
 * Remaining-quota headers on every proxied answer, in the caller's dialect (CONVERSION.md §5.5):
 * OpenAI `x-ratelimit-{limit,remaining,reset}-requests` (reset as a duration like `6s`, `1m30s`),
 * Anthropic `anthropic-ratelimit-requests-{limit,remaining,reset}` (reset as an RFC 3339 time).
 * The duration/time formats are the conversion core's, so converted and own headers agree.
 */
import { formatResetDuration, formatResetTime, type ApiFormat } from '@llmfb/shared';
import type { RateLimitDecision } from '@llmfb/shared/node';

/** The tighter of several limit decisions: the one with the fewest requests left. */
export function pickTightest(
  decisions: ReadonlyArray<RateLimitDecision | undefined>,
): RateLimitDecision | undefined {
  let tightest: RateLimitDecision | undefined;
  for (const decision of decisions) {
    if (decision && (!tightest || decision.remaining < tightest.remaining)) tightest = decision;
  }
  return tightest;
}

export function buildRateLimitHeaders(
  format: ApiFormat,
  decision: RateLimitDecision,
  now: number,
): Record<string, string> {
  if (format === 'openai') {
    return {
      'x-ratelimit-limit-requests': String(decision.limit),
      'x-ratelimit-remaining-requests': String(decision.remaining),
      'x-ratelimit-reset-requests': formatResetDuration(decision.resetMs) ?? '0s',
    };
  }
  return {
    'anthropic-ratelimit-requests-limit': String(decision.limit),
    'anthropic-ratelimit-requests-remaining': String(decision.remaining),
    'anthropic-ratelimit-requests-reset':
      formatResetTime(now + decision.resetMs) ?? new Date(now).toISOString(),
  };
}
