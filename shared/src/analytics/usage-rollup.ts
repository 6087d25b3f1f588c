/**
 * @module usage-rollup
 * Pure rollup arithmetic shared by both analytics adapters: bucket boundaries, rollup identities,
 * counters with a fixed latency histogram, and folding usage records into counters.
 */
import type { UsageRecord } from './analytics-store';

export const granularities = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof granularities)[number];

const bucketMs: Record<Granularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * Upper bounds (ms, inclusive) of the latency histogram buckets; one more bucket counts
 * everything above the last bound. Never reorder or change: stored counts refer to positions.
 */
export const latencyBucketBoundsMs: readonly number[] = [
  25, 50, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000,
  60_000, 120_000,
];
export const latencyBucketCount = latencyBucketBoundsMs.length + 1;

/** The rollup a usage record lands in, per granularity (nullable ids kept as null). */
export interface RollupIdentity {
  readonly granularity: Granularity;
  /** ISO 8601 UTC bucket start (`toISOString()`). */
  readonly bucketStart: string;
  readonly userId: string | null;
  readonly keyId: string | null;
  readonly modelConfigId: string | null;
  readonly credentialId: string | null;
  readonly model: string | null;
}

export interface UsageCounters {
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencySumMs: number;
  readonly latencyMaxMs: number;
  /** `latencyBucketCount` counts, one per histogram bucket. */
  readonly histogram: readonly number[];
}

export function getBucketMs(granularity: Granularity): number {
  return bucketMs[granularity];
}

/** The start of the UTC bucket holding `timeMs`. */
export function floorToBucket(timeMs: number, granularity: Granularity): number {
  const size = bucketMs[granularity];
  return Math.floor(timeMs / size) * size;
}

export function findLatencyBucket(latencyMs: number): number {
  const index = latencyBucketBoundsMs.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? latencyBucketBoundsMs.length : index;
}

/** Counters being summed: `addRecordInto` changes them in place (no copy per record). */
export type CounterSum = { -readonly [Field in keyof UsageCounters]: UsageCounters[Field] } & {
  histogram: number[];
};

export function createEmptyCounters(): CounterSum {
  return {
    requests: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    latencySumMs: 0,
    latencyMaxMs: 0,
    histogram: new Array<number>(latencyBucketCount).fill(0),
  };
}

export function listRollupIdentities(record: UsageRecord): RollupIdentity[] {
  const startedMs = Date.parse(record.startedAt);
  return granularities.map((granularity) => ({
    granularity,
    bucketStart: new Date(floorToBucket(startedMs, granularity)).toISOString(),
    userId: record.userId,
    keyId: record.keyId,
    modelConfigId: record.modelConfigId,
    credentialId: record.credentialId,
    model: record.model,
  }));
}

/** A stable string id for a rollup identity (a JSON array: unambiguous whatever the ids hold). */
export function formatRollupId(identity: RollupIdentity): string {
  return JSON.stringify([
    identity.granularity,
    identity.bucketStart,
    identity.userId,
    identity.keyId,
    identity.modelConfigId,
    identity.credentialId,
    identity.model,
  ]);
}

/** Adds one record to `sum`, in place. */
export function addRecordInto(sum: CounterSum, record: UsageRecord): void {
  sum.requests += 1;
  if (record.isError) sum.errors += 1;
  sum.inputTokens += record.inputTokens;
  sum.outputTokens += record.outputTokens;
  sum.latencySumMs += record.latencyMs;
  if (record.latencyMs > sum.latencyMaxMs) sum.latencyMaxMs = record.latencyMs;
  sum.histogram[findLatencyBucket(record.latencyMs)]! += 1;
}

export function addCounters(left: UsageCounters, right: UsageCounters): UsageCounters {
  return {
    requests: left.requests + right.requests,
    errors: left.errors + right.errors,
    inputTokens: left.inputTokens + right.inputTokens,
    outputTokens: left.outputTokens + right.outputTokens,
    latencySumMs: left.latencySumMs + right.latencySumMs,
    latencyMaxMs: Math.max(left.latencyMaxMs, right.latencyMaxMs),
    histogram: left.histogram.map((count, index) => count + (right.histogram[index] ?? 0)),
  };
}

/**
 * Reads a percentile back from the histogram: finds the bucket holding the rank and interpolates
 * linearly inside it (the last, open bucket ends at the largest latency seen). Null when empty.
 */
export function estimateLatencyPercentile(
  counters: UsageCounters,
  quantile: number,
): number | null {
  if (counters.requests === 0) return null;
  const rank = quantile * counters.requests;
  let seen = 0;
  for (let index = 0; index < counters.histogram.length; index += 1) {
    const count = counters.histogram[index] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = index === 0 ? 0 : (latencyBucketBoundsMs[index - 1] ?? 0);
      const upper = Math.min(latencyBucketBoundsMs[index] ?? Infinity, counters.latencyMaxMs);
      const high = Math.max(lower, upper);
      return lower + ((high - lower) * (rank - seen)) / count;
    }
    seen += count;
  }
  return counters.latencyMaxMs;
}
