/**
 * @module usage-series
 * Turns stored rollup rows into the `/api/usage` series: one series per group key, one point per
 * bucket in [from, to) (empty buckets as zeros), with average and p95 latency read back from the
 * summed histograms.
 */
import { assertNever } from '../assert-never';
import type { UsageGroupBy, UsageRollup } from './analytics-store';
import {
  addCounters,
  createEmptyCounters,
  estimateLatencyPercentile,
  floorToBucket,
  getBucketMs,
  type Granularity,
  type UsageCounters,
} from './usage-rollup';

export interface UsagePoint {
  /** ISO 8601 UTC bucket start. */
  readonly t: string;
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly avgLatencyMs: number | null;
  readonly p95LatencyMs: number | null;
}

export interface UsageSeries {
  readonly key: string;
  readonly points: readonly UsagePoint[];
}

export interface UsageSeriesOptions {
  readonly groupBy: UsageGroupBy;
  readonly granularity: Granularity;
  /** Inclusive, epoch ms. */
  readonly fromMs: number;
  /** Exclusive, epoch ms. */
  readonly toMs: number;
}

/** The series key of rows whose grouping field is null (e.g. requests that never authenticated). */
export const unknownGroupKey = '(none)';

/** How many points a series of this range and granularity has. */
export function countBuckets(options: Omit<UsageSeriesOptions, 'groupBy'>): number {
  const first = floorToBucket(options.fromMs, options.granularity);
  if (options.toMs <= first) return 0;
  return Math.ceil((options.toMs - first) / getBucketMs(options.granularity));
}

export function selectGroupKey(rollup: UsageRollup, groupBy: UsageGroupBy): string {
  switch (groupBy) {
    case 'model':
      return rollup.model ?? unknownGroupKey;
    case 'key':
      return rollup.keyId ?? unknownGroupKey;
    case 'credential':
      return rollup.credentialId ?? unknownGroupKey;
    case 'user':
      return rollup.userId ?? unknownGroupKey;
    default:
      return assertNever(groupBy, 'unknown usage grouping');
  }
}

function roundMs(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function toPoint(bucketStartMs: number, counters: UsageCounters): UsagePoint {
  return {
    t: new Date(bucketStartMs).toISOString(),
    requests: counters.requests,
    errors: counters.errors,
    inputTokens: counters.inputTokens,
    outputTokens: counters.outputTokens,
    avgLatencyMs: counters.requests ? roundMs(counters.latencySumMs / counters.requests) : null,
    p95LatencyMs: roundMs(estimateLatencyPercentile(counters, 0.95)),
  };
}

/** Series sorted by key; points in time order. */
export function buildUsageSeries(
  rollups: readonly UsageRollup[],
  options: UsageSeriesOptions,
): UsageSeries[] {
  const size = getBucketMs(options.granularity);
  const firstBucket = floorToBucket(options.fromMs, options.granularity);
  const bucketTotal = countBuckets(options);
  const byKey = new Map<string, UsageCounters[]>();
  for (const rollup of rollups) {
    const index = Math.round((Date.parse(rollup.bucketStart) - firstBucket) / size);
    if (index < 0 || index >= bucketTotal) continue;
    const key = selectGroupKey(rollup, options.groupBy);
    let buckets = byKey.get(key);
    if (!buckets) {
      buckets = Array.from({ length: bucketTotal }, createEmptyCounters);
      byKey.set(key, buckets);
    }
    buckets[index] = addCounters(buckets[index] ?? createEmptyCounters(), rollup);
  }
  return [...byKey.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([key, buckets]) => ({
      key,
      points: buckets.map((counters, index) => toPoint(firstBucket + index * size, counters)),
    }));
}
