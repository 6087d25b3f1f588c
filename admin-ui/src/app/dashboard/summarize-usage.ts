import { UsagePoint, UsageSeries } from './usage';

export interface UsageTotals {
  readonly requests: number;
  readonly errors: number;
  /** errors / requests, 0 when there were no requests. */
  readonly errorRate: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Request-weighted mean of the buckets' average latency; null without requests. */
  readonly avgLatencyMs: number | null;
  /** Request-weighted mean of the buckets' p95 (an approximation across buckets). */
  readonly p95LatencyMs: number | null;
}

export interface GroupTotals extends UsageTotals {
  readonly key: string;
}

/** One time bucket with every group added up. */
export interface TimelinePoint {
  readonly t: string;
  readonly requests: number;
  readonly errors: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** p50 when the server reports it, else the average. */
  readonly typicalLatencyMs: number | null;
  readonly p95LatencyMs: number | null;
}

interface WeightedSum {
  weight: number;
  sum: number;
}

function addWeighted(target: WeightedSum, value: number | null | undefined, weight: number): void {
  if (value === null || value === undefined || weight <= 0) return;
  target.weight += weight;
  target.sum += value * weight;
}

function readWeighted(source: WeightedSum): number | null {
  return source.weight > 0 ? source.sum / source.weight : null;
}

function totalPoints(points: readonly UsagePoint[]): UsageTotals {
  let requests = 0;
  let errors = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  const avg: WeightedSum = { weight: 0, sum: 0 };
  const p95: WeightedSum = { weight: 0, sum: 0 };
  for (const point of points) {
    requests += point.requests;
    errors += point.errors;
    inputTokens += point.input_tokens;
    outputTokens += point.output_tokens;
    addWeighted(avg, point.avg_latency_ms, point.requests);
    addWeighted(p95, point.p95_latency_ms, point.requests);
  }
  return {
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : 0,
    inputTokens,
    outputTokens,
    avgLatencyMs: readWeighted(avg),
    p95LatencyMs: readWeighted(p95),
  };
}

export function summarizeUsage(series: readonly UsageSeries[]): UsageTotals {
  return totalPoints(series.flatMap((entry) => entry.points));
}

/** Per-group totals, busiest first. */
export function rankGroups(series: readonly UsageSeries[]): GroupTotals[] {
  return series
    .map((entry) => ({ key: entry.key ?? '', ...totalPoints(entry.points) }))
    .sort((a, b) => b.requests - a.requests || a.key.localeCompare(b.key));
}

/** All groups merged per time bucket, oldest first. */
export function buildTimeline(series: readonly UsageSeries[]): TimelinePoint[] {
  const buckets = new Map<string, UsagePoint[]>();
  for (const entry of series) {
    for (const point of entry.points) {
      const time = new Date(point.t).toISOString();
      const bucket = buckets.get(time);
      if (bucket) bucket.push(point);
      else buckets.set(time, [point]);
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, points]) => {
      const totals = totalPoints(points);
      const typical: WeightedSum = { weight: 0, sum: 0 };
      for (const point of points) {
        addWeighted(typical, point.p50_latency_ms ?? point.avg_latency_ms, point.requests);
      }
      return {
        t,
        requests: totals.requests,
        errors: totals.errors,
        inputTokens: totals.inputTokens,
        outputTokens: totals.outputTokens,
        typicalLatencyMs: readWeighted(typical),
        p95LatencyMs: totals.p95LatencyMs,
      };
    });
}

/**
 * Requests per bucket for the busiest `limit` groups plus one "other" row, aligned on `times`
 * (zeros where a group had no traffic), for a stacked chart.
 */
export function stackRequestsByGroup(
  series: readonly UsageSeries[],
  times: readonly string[],
  limit: number,
): { key: string | null; values: number[] }[] {
  const ranked = rankGroups(series);
  const shown = new Set(ranked.slice(0, limit).map((group) => group.key));
  const index = new Map(times.map((t, position) => [t, position]));
  const rows = new Map<string | null, number[]>();
  for (const entry of series) {
    const key = shown.has(entry.key ?? '') ? (entry.key ?? '') : null;
    const values = rows.get(key) ?? times.map(() => 0);
    for (const point of entry.points) {
      const position = index.get(new Date(point.t).toISOString());
      if (position !== undefined) values[position] = (values[position] ?? 0) + point.requests;
    }
    rows.set(key, values);
  }
  const ordered = ranked
    .slice(0, limit)
    .map((group) => ({ key: group.key as string | null, values: rows.get(group.key) ?? [] }));
  const other = rows.get(null);
  return other ? [...ordered, { key: null, values: other }] : ordered;
}
