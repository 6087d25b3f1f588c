/**
 * The AnalyticsStore contract: one suite, run against every adapter (SQLite in the unit project,
 * MongoDB/FerretDB in the integration project).
 */
import type {
  AnalyticsStore,
  RequestLogRecord,
  UsageEntry,
  UsageRollup,
} from '../src/analytics/analytics-store';
import {
  addCounters,
  createEmptyCounters,
  estimateLatencyPercentile,
  type Granularity,
  type UsageCounters,
} from '../src/analytics/usage-rollup';

const baseTime = Date.parse('2026-03-01T10:00:00.000Z');

export function makeLogRecord(
  index: number,
  overrides: Partial<RequestLogRecord> = {},
): RequestLogRecord {
  return {
    id: `event-${String(index).padStart(5, '0')}`,
    requestId: `request-${index}`,
    userId: index % 3 === 0 ? 'user-b' : 'user-a',
    keyId: `key-${index % 2}`,
    modelConfigId: `mc-${index % 4}`,
    credentialId: 'cred-1',
    method: 'POST',
    path: '/v1/chat/completions',
    model: 'gpt-test',
    upstreamModel: 'claude-test',
    sourceFormat: 'openai',
    targetFormat: 'anthropic',
    stream: index % 2 === 0,
    statusCode: index % 5 === 0 ? 429 : 200,
    responseTimeMs: 100 + index,
    ttftMs: index % 2 === 0 ? 40 : null,
    inputTokens: 10 + index,
    outputTokens: 5 + index,
    cacheReadTokens: 0,
    cacheCreationTokens: 0,
    tokensEstimated: false,
    errorMessage: index % 5 === 0 ? 'rate limited' : null,
    conversionNotes: [{ kind: 'dropped', path: 'seed', message: 'not supported' }],
    upstreamAttempts: 1,
    createdAt: new Date(baseTime + index * 1000).toISOString(),
    ...overrides,
  };
}

export function makeUsageEntry(index: number, overrides: Partial<UsageEntry> = {}): UsageEntry {
  return {
    requestId: `request-${index}`,
    userId: index % 3 === 0 ? 'user-b' : 'user-a',
    keyId: `key-${index % 2}`,
    modelConfigId: `mc-${index % 2}`,
    credentialId: 'cred-1',
    model: index % 2 === 0 ? 'alias-even' : 'alias-odd',
    // spread over 3 hours so minute, hour and day buckets all differ
    startedAt: new Date(baseTime + index * 37_000).toISOString(),
    isError: index % 7 === 0,
    inputTokens: 100 + (index % 13),
    outputTokens: 20 + (index % 11),
    latencyMs: 50 + ((index * 97) % 3000),
    sequence: index,
    ...overrides,
  };
}

export interface Totals {
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  latencySumMs: number;
}

export function sumEntries(entries: readonly UsageEntry[]): Totals {
  return entries.reduce(
    (totals, entry) => ({
      requests: totals.requests + 1,
      errors: totals.errors + (entry.isError ? 1 : 0),
      inputTokens: totals.inputTokens + entry.inputTokens,
      outputTokens: totals.outputTokens + entry.outputTokens,
      latencySumMs: totals.latencySumMs + entry.latencyMs,
    }),
    { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, latencySumMs: 0 },
  );
}

export function sumRollups(rollups: readonly UsageRollup[]): Totals {
  return rollups.reduce(
    (totals, rollup) => ({
      requests: totals.requests + rollup.requests,
      errors: totals.errors + rollup.errors,
      inputTokens: totals.inputTokens + rollup.inputTokens,
      outputTokens: totals.outputTokens + rollup.outputTokens,
      latencySumMs: totals.latencySumMs + rollup.latencySumMs,
    }),
    { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, latencySumMs: 0 },
  );
}

const wholeRange = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };

export async function listAllRollups(
  store: AnalyticsStore,
  granularity: Granularity,
): Promise<readonly UsageRollup[]> {
  return store.listUsageRollups({ scope: 'all', granularity, ...wholeRange });
}

async function expectRollupsToMatch(store: AnalyticsStore, entries: readonly UsageEntry[]) {
  const expected = sumEntries(entries);
  for (const granularity of ['minute', 'hour', 'day'] as const) {
    const totals = sumRollups(await listAllRollups(store, granularity));
    expect({ granularity, ...totals }).toEqual({ granularity, ...expected });
  }
}

export function describeAnalyticsStoreContract(
  adapterName: string,
  createStore: () => Promise<AnalyticsStore>,
): void {
  describe(`AnalyticsStore contract: ${adapterName}`, () => {
    let store: AnalyticsStore;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('request logs', () => {
      it('inserts each request id once, however often it is replayed', async () => {
        const records = [0, 1, 2].map((index) => makeLogRecord(index));
        expect(await store.insertRequestLogs(records)).toEqual({ inserted: 3 });
        const replay = [...records, makeLogRecord(3)];
        expect(await store.insertRequestLogs(replay)).toEqual({ inserted: 1 });
        const page = await store.listRequestLogs({ scope: 'all', limit: 50 });
        expect(page.items.map((item) => item.requestId)).toEqual([
          'request-3',
          'request-2',
          'request-1',
          'request-0',
        ]);
        expect(page.nextCursor).toBeNull();
      });

      it('round-trips every field', async () => {
        const record = makeLogRecord(4, { errorMessage: 'boom', tokensEstimated: true });
        await store.insertRequestLogs([record]);
        expect(await store.findRequestLog(record.id, 'all')).toEqual(record);
        expect(await store.findRequestLog(record.requestId, 'all')).toEqual(record);
      });

      it('pages newest first with a cursor, each row exactly once, ties broken by id', async () => {
        const sameInstant = '2026-03-01T12:00:00.000Z';
        const records = Array.from({ length: 23 }, (_, index) =>
          makeLogRecord(index, index < 6 ? { createdAt: sameInstant } : {}),
        );
        await store.insertRequestLogs(records);
        const seen: string[] = [];
        let cursor = undefined as Parameters<AnalyticsStore['listRequestLogs']>[0]['cursor'];
        for (let pageIndex = 0; pageIndex < 10; pageIndex += 1) {
          const page = await store.listRequestLogs({ scope: 'all', limit: 5, cursor });
          seen.push(...page.items.map((item) => item.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        const expected = [...records]
          .sort((left, right) =>
            left.createdAt === right.createdAt
              ? right.id.localeCompare(left.id)
              : right.createdAt.localeCompare(left.createdAt),
          )
          .map((record) => record.id);
        expect(seen).toEqual(expected);
      });

      it('filters by model config, key, status and time range', async () => {
        await store.insertRequestLogs(
          Array.from({ length: 20 }, (_, index) => makeLogRecord(index)),
        );
        const ids = async (query: Partial<Parameters<AnalyticsStore['listRequestLogs']>[0]>) =>
          (await store.listRequestLogs({ scope: 'all', limit: 100, ...query })).items
            .map((item) => Number(item.requestId.split('-')[1]))
            .sort((left, right) => left - right);
        expect(await ids({ modelConfigId: 'mc-1' })).toEqual([1, 5, 9, 13, 17]);
        expect(await ids({ keyId: 'key-0', statusCode: 429 })).toEqual([0, 10]);
        await store.insertRequestLogs([
          makeLogRecord(20, { sourceFormat: 'anthropic', targetFormat: 'openai' }),
          makeLogRecord(21, { sourceFormat: 'anthropic', targetFormat: 'anthropic' }),
        ]);
        expect(await ids({ sourceFormat: 'anthropic' })).toEqual([20, 21]);
        expect(await ids({ sourceFormat: 'anthropic', targetFormat: 'openai' })).toEqual([20]);
        expect((await ids({ targetFormat: 'anthropic' })).length).toBe(21);
        expect(
          await ids({
            from: new Date(baseTime + 3000).toISOString(),
            to: new Date(baseTime + 6000).toISOString(),
          }),
        ).toEqual([3, 4, 5]);
      });

      it('scopes rows to their user unless the scope is all', async () => {
        await store.insertRequestLogs(
          Array.from({ length: 9 }, (_, index) => makeLogRecord(index)),
        );
        const ofB = await store.listRequestLogs({ scope: { userId: 'user-b' }, limit: 50 });
        expect(ofB.items.map((item) => item.requestId).sort()).toEqual([
          'request-0',
          'request-3',
          'request-6',
        ]);
        const recordOfB = makeLogRecord(3);
        expect(await store.findRequestLog(recordOfB.id, { userId: 'user-a' })).toBeNull();
        expect(await store.findRequestLog(recordOfB.id, { userId: 'user-b' })).toEqual(recordOfB);
        expect(await store.findRequestLog('no-such-id', 'all')).toBeNull();
      });

      it('purges logs older than the cut-off and keeps the rest', async () => {
        await store.insertRequestLogs(
          Array.from({ length: 10 }, (_, index) => makeLogRecord(index)),
        );
        const result = await store.purgeBefore(new Date(baseTime + 4000));
        expect(result.requestLogs).toBe(4);
        const page = await store.listRequestLogs({ scope: 'all', limit: 50 });
        expect(page.items).toHaveLength(6);
      });
    });

    describe('usage rollups', () => {
      const entries = Array.from({ length: 300 }, (_, index) => makeUsageEntry(index));

      it('rolls every granularity up to the per-request sums', async () => {
        const result = await store.applyUsage({ source: 'usage:0', entries });
        expect(result).toEqual({ applied: 300, skipped: 0 });
        await expectRollupsToMatch(store, entries);
        const hours = await listAllRollups(store, 'hour');
        expect(new Set(hours.map((rollup) => rollup.bucketStart)).size).toBe(4);
        for (const rollup of hours) {
          expect(rollup.histogram.reduce((sum, count) => sum + count, 0)).toBe(rollup.requests);
        }
      });

      it('counts nothing twice when a batch is redelivered, even cut differently', async () => {
        await store.applyUsage({ source: 'usage:0', entries: entries.slice(0, 120) });
        // A crash before the offset commit: delivery resumes from an earlier offset.
        expect(
          await store.applyUsage({ source: 'usage:0', entries: entries.slice(50, 200) }),
        ).toEqual({
          applied: 80,
          skipped: 70,
        });
        await store.applyUsage({ source: 'usage:0', entries: entries.slice(0, 300) });
        await store.applyUsage({ source: 'usage:0', entries });
        await expectRollupsToMatch(store, entries);
      });

      it('counts a request once when a second copy arrives at another position', async () => {
        await store.applyUsage({ source: 'usage:0', entries: entries.slice(0, 100) });
        const copies = entries
          .slice(0, 10)
          .map((entry, index) => ({ ...entry, sequence: 1000 + index }));
        expect(await store.applyUsage({ source: 'usage:0', entries: copies })).toEqual({
          applied: 0,
          skipped: 10,
        });
        const copiesElsewhere = entries.slice(10, 20).map((entry) => ({ ...entry }));
        expect(await store.applyUsage({ source: 'usage:1', entries: copiesElsewhere })).toEqual({
          applied: 0,
          skipped: 10,
        });
        await expectRollupsToMatch(store, entries.slice(0, 100));
      });

      it('keeps independent watermarks per source', async () => {
        const first = entries.filter((entry) => entry.sequence % 2 === 0);
        const second = entries
          .filter((entry) => entry.sequence % 2 === 1)
          .map((entry, index) => ({ ...entry, sequence: index }));
        await store.applyUsage({ source: 'usage:0', entries: first.slice(0, 100) });
        await store.applyUsage({ source: 'usage:1', entries: second.slice(0, 60) });
        await store.applyUsage({ source: 'usage:0', entries: first });
        await store.applyUsage({ source: 'usage:1', entries: second });
        await expectRollupsToMatch(store, entries);
      });

      it('reads p95 latency back from the histogram within one bucket width', async () => {
        await store.applyUsage({ source: 'usage:0', entries });
        const days = await listAllRollups(store, 'day');
        expect(new Set(days.map((rollup) => rollup.bucketStart)).size).toBe(1);
        const latencies = entries
          .map((entry) => entry.latencyMs)
          .sort((left, right) => left - right);
        const exactP95 = latencies[Math.ceil(0.95 * latencies.length) - 1] ?? 0;
        const day = days.reduce<UsageCounters>(addCounters, createEmptyCounters());
        const estimate = estimateLatencyPercentile(day, 0.95) ?? 0;
        expect(Math.abs(estimate - exactP95)).toBeLessThanOrEqual(1000);
        expect(day.latencyMaxMs).toBe(latencies[latencies.length - 1]);
      });

      it('lists rollups of one granularity within the range and scope', async () => {
        await store.applyUsage({ source: 'usage:0', entries });
        const ofB = await store.listUsageRollups({
          scope: { userId: 'user-b' },
          granularity: 'hour',
          ...wholeRange,
        });
        expect(ofB.every((rollup) => rollup.userId === 'user-b')).toBe(true);
        expect(sumRollups(ofB)).toEqual(
          sumEntries(entries.filter((entry) => entry.userId === 'user-b')),
        );
        const firstHour = await store.listUsageRollups({
          scope: 'all',
          granularity: 'hour',
          from: '2026-03-01T10:00:00.000Z',
          to: '2026-03-01T11:00:00.000Z',
        });
        expect(new Set(firstHour.map((rollup) => rollup.bucketStart))).toEqual(
          new Set(['2026-03-01T10:00:00.000Z']),
        );
      });

      it('purges old usage facts but keeps the rollups', async () => {
        await store.applyUsage({ source: 'usage:0', entries });
        const result = await store.purgeBefore(new Date(Date.now() + 60_000));
        expect(result.usageFacts).toBe(300);
        await expectRollupsToMatch(store, entries);
        // The watermarks still stop a replay from the same positions.
        await store.applyUsage({ source: 'usage:0', entries });
        await expectRollupsToMatch(store, entries);
      });
    });
  });
}
