import * as z from 'zod/mini';

const pointSchema = z.object({
  t: z.string(),
  requests: z.number(),
  errors: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  avg_latency_ms: z.nullable(z.number()),
  p50_latency_ms: z.optional(z.nullable(z.number())),
  p95_latency_ms: z.optional(z.nullable(z.number())),
});

export const usageSchema = z.object({
  series: z.array(z.object({ key: z.nullable(z.string()), points: z.array(pointSchema) })),
});

export type UsagePoint = z.infer<typeof pointSchema>;
export type UsageSeries = z.infer<typeof usageSchema>['series'][number];

export type Granularity = 'minute' | 'hour' | 'day';
export type GroupBy = 'model' | 'key' | 'credential' | 'user';
export type UsageRange = '1h' | '6h' | '24h' | '7d' | '30d';

export const USAGE_RANGES: readonly UsageRange[] = ['1h', '6h', '24h', '7d', '30d'];
export const GRANULARITIES: readonly Granularity[] = ['minute', 'hour', 'day'];

const rangeMilliseconds: Record<UsageRange, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** A bucket size that gives a readable number of points for the range. */
export function suggestGranularity(range: UsageRange): Granularity {
  switch (range) {
    case '1h':
    case '6h':
      return 'minute';
    case '24h':
    case '7d':
      return 'hour';
    case '30d':
      return 'day';
  }
}

export function resolveUsageWindow(range: UsageRange, now: Date): { from: string; to: string } {
  return {
    from: new Date(now.getTime() - rangeMilliseconds[range]).toISOString(),
    to: now.toISOString(),
  };
}
