import { buildTimeline, rankGroups, stackRequestsByGroup, summarizeUsage } from './summarize-usage';
import { UsagePoint, UsageSeries } from './usage';

function point(t: string, requests: number, extra: Partial<UsagePoint> = {}): UsagePoint {
  return {
    t,
    requests,
    errors: 0,
    input_tokens: requests * 10,
    output_tokens: requests * 20,
    avg_latency_ms: 100,
    p95_latency_ms: 300,
    ...extra,
  };
}

const series: UsageSeries[] = [
  {
    key: 'mini',
    points: [
      point('2026-03-01T10:00:00Z', 3, { errors: 1, avg_latency_ms: 200 }),
      point('2026-03-01T11:00:00Z', 1),
    ],
  },
  {
    key: 'claude',
    points: [point('2026-03-01T11:00:00.000Z', 6, { avg_latency_ms: 50, p95_latency_ms: 90 })],
  },
  { key: 'tiny', points: [point('2026-03-01T12:00:00Z', 2)] },
];

describe('usage summaries', () => {
  it('adds up totals and weights latency by requests', () => {
    const totals = summarizeUsage(series);
    expect(totals.requests).toBe(12);
    expect(totals.errors).toBe(1);
    expect(totals.errorRate).toBeCloseTo(1 / 12);
    expect(totals.inputTokens).toBe(120);
    expect(totals.outputTokens).toBe(240);
    // (3*200 + 1*100 + 6*50 + 2*100) / 12
    expect(totals.avgLatencyMs).toBeCloseTo(1200 / 12);
  });

  it('has no latency and no error rate without traffic', () => {
    expect(summarizeUsage([])).toEqual({
      requests: 0,
      errors: 0,
      errorRate: 0,
      inputTokens: 0,
      outputTokens: 0,
      avgLatencyMs: null,
      p95LatencyMs: null,
    });
  });

  it('ranks groups busiest first', () => {
    expect(rankGroups(series).map((group) => [group.key, group.requests])).toEqual([
      ['claude', 6],
      ['mini', 4],
      ['tiny', 2],
    ]);
  });

  it('merges the groups per bucket, matching equal instants written differently', () => {
    const timeline = buildTimeline(series);
    expect(timeline.map((bucket) => [bucket.t, bucket.requests])).toEqual([
      ['2026-03-01T10:00:00.000Z', 3],
      ['2026-03-01T11:00:00.000Z', 7],
      ['2026-03-01T12:00:00.000Z', 2],
    ]);
    expect(timeline[1]?.typicalLatencyMs).toBeCloseTo((1 * 100 + 6 * 50) / 7);
  });

  it('prefers the server p50 to the average where it is reported', () => {
    const [bucket] = buildTimeline([
      { key: 'm', points: [point('2026-03-01T10:00:00Z', 2, { p50_latency_ms: 42 })] },
    ]);
    expect(bucket?.typicalLatencyMs).toBe(42);
  });

  it('stacks the busiest groups and folds the rest into one row', () => {
    const times = buildTimeline(series).map((bucket) => bucket.t);
    expect(stackRequestsByGroup(series, times, 2)).toEqual([
      { key: 'claude', values: [0, 6, 0] },
      { key: 'mini', values: [3, 1, 0] },
      { key: null, values: [0, 0, 2] },
    ]);
  });
});
