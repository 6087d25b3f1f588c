import fc from 'fast-check';
import type { UsageEntry } from './analytics-store';
import { foldEntriesAboveWatermark, groupEntriesByRollup } from './plan-usage-application';
import { formatRollupId, latencyBucketBoundsMs, listRollupIdentities } from './usage-rollup';

const base = Date.UTC(2026, 10, 27, 23, 58, 30);

// Sets of dimensions that each differ from the first in one id, and times that step forward by
// 0-25 s across minute, hour and day boundaries: runs of consecutive entries with the same rollups
// are common, and so are changes of one dimension or of the minute alone.
const dimensions = [
  { userId: 'u1', keyId: 'k1', modelConfigId: 'm1', credentialId: 'c1', model: 'gpt' },
  { userId: 'u1', keyId: 'k1', modelConfigId: 'm1', credentialId: 'c1', model: 'claude' },
  { userId: 'u1', keyId: null, modelConfigId: 'm1', credentialId: 'c1', model: 'gpt' },
  { userId: 'u2', keyId: 'k1', modelConfigId: 'm1', credentialId: 'c1', model: 'gpt' },
  { userId: 'u1', keyId: 'k1', modelConfigId: 'm2', credentialId: 'c1', model: 'gpt' },
  { userId: 'u1', keyId: 'k1', modelConfigId: 'm1', credentialId: 'c2', model: 'gpt' },
] as const;

const entryArbitrary = fc.record({
  dimensions: fc.constantFrom(...dimensions),
  stepMs: fc.integer({ min: 0, max: 25_000 }),
  isError: fc.boolean(),
  inputTokens: fc.nat(1000),
  outputTokens: fc.nat(1000),
  latencyMs: fc.integer({ min: 0, max: 200_000 }),
});

type Drawn = typeof entryArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toEntries(drawn: Drawn[]): UsageEntry[] {
  let time = base;
  return drawn.map(({ dimensions: ids, stepMs, ...rest }, sequence) => ({
    ...ids,
    ...rest,
    requestId: `r${sequence}`,
    sequence,
    startedAt: new Date((time += stepMs)).toISOString(),
  }));
}

describe('groupEntriesByRollup', () => {
  it('puts each entry in exactly the rollups of its own identities, in source order', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 60 }), (drawn) => {
        const entries = toEntries(drawn);
        const expected = new Map<string, string[]>();
        for (const entry of entries)
          for (const identity of listRollupIdentities(entry)) {
            const id = formatRollupId(identity);
            expected.set(id, [...(expected.get(id) ?? []), entry.requestId]);
          }
        const groups = groupEntriesByRollup(entries);
        expect(
          new Map([...groups].map(([id, group]) => [id, group.entries.map((e) => e.requestId)])),
        ).toEqual(expected);
        for (const [id, group] of groups) expect(formatRollupId(group.identity)).toBe(id);
      }),
    );
  });
});

describe('foldEntriesAboveWatermark', () => {
  it('sums exactly the entries above the watermark', () => {
    fc.assert(
      fc.property(
        fc.array(entryArbitrary, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -1, max: 40 }),
        (drawn, mark) => {
          const entries = toEntries(drawn);
          const above = entries.filter((entry) => entry.sequence > mark);
          const folded = foldEntriesAboveWatermark(entries, mark === -1 ? null : mark);
          if (above.length === 0) return expect(folded).toBeNull();
          const histogram = new Array<number>(latencyBucketBoundsMs.length + 1).fill(0);
          for (const { latencyMs } of above) {
            const index = latencyBucketBoundsMs.findIndex((bound) => latencyMs <= bound);
            histogram[index === -1 ? latencyBucketBoundsMs.length : index]! += 1;
          }
          expect(folded).toEqual({
            counters: {
              requests: above.length,
              errors: above.filter((entry) => entry.isError).length,
              inputTokens: above.reduce((sum, entry) => sum + entry.inputTokens, 0),
              outputTokens: above.reduce((sum, entry) => sum + entry.outputTokens, 0),
              latencySumMs: above.reduce((sum, entry) => sum + entry.latencyMs, 0),
              latencyMaxMs: Math.max(0, ...above.map((entry) => entry.latencyMs)),
              histogram,
            },
            maxSequence: Math.max(...above.map((entry) => entry.sequence)),
            requestIds: above.map((entry) => entry.requestId),
          });
        },
      ),
    );
  });
});
