/**
 * Done-when of issue 6 through the real proxy: 10,000 proxied requests (both dialects, streamed
 * and not, some failing upstream) on a gateway publishing to real Kafka, with the log writer and
 * usage roller consuming into FerretDB → exactly 10,000 log rows, and rollup sums equal to the
 * per-request sums of those rows.
 */
import { Agent, request } from 'undici';
import type { AnalyticsStore, RequestLogRecord } from '@llmfb/shared';
import {
  createIsolatedPipeline,
  listAllLogs,
  openMongoStore,
  openProgressProbe,
  sumRollups,
  waitFor,
} from '../../workers/test/pipeline-harness';
import { startProxyHarness, type ProxyHarness } from './proxy/proxy-harness';

jest.setTimeout(900_000);

const total = Number(process.env.LLMFB_TEST_PROXIED_REQUESTS ?? 10_000);
const concurrency = 32;

describe('10,000 proxied requests through Kafka into FerretDB', () => {
  const pipeline = createIsolatedPipeline('proxied');
  const databaseUri = pipeline.databaseUri('analytics');
  let harness: ProxyHarness;
  let store: AnalyticsStore;
  const dispatcher = new Agent({ connections: concurrency });

  beforeAll(async () => {
    harness = await startProxyHarness({
      env: {
        ...pipeline.env,
        MONGODB_URI: databaseUri,
        LLMFB_RUN_WORKERS: 'true',
        LLMFB_LOG_LEVEL: 'silent',
      },
    });
    store = await openMongoStore(databaseUri);
  });

  afterAll(async () => {
    await dispatcher.close();
    await harness?.close();
    await store?.close();
    await pipeline.cleanUp();
  });

  it('writes exactly one row per request and rollups that add up to the rows', async () => {
    const openai = await harness.seedModel({ provider: 'anthropic', rateLimit: 1_000_000 });
    const anthropic = await harness.seedModel({ provider: 'openai', rateLimit: 1_000_000 });
    // Every 50th upstream call fails with a 500 the client sees (no second credential to fail over to).
    const failing = new Set<number>();

    let next = 0;
    const statuses = new Map<number, number>();
    async function send(index: number): Promise<void> {
      const stream = index % 3 === 0;
      const fails = index % 50 === 7;
      if (fails) {
        failing.add(index);
        harness.mock.failNext(1, { status: 500 });
      }
      const viaOpenAI = index % 2 === 0;
      const target = viaOpenAI ? openai : anthropic;
      const response = await request(
        `${harness.url}${viaOpenAI ? '/v1/chat/completions' : '/v1/messages'}`,
        {
          method: 'POST',
          dispatcher,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${target.key}`,
            'anthropic-version': '2023-06-01',
          },
          body: JSON.stringify({
            model: target.alias,
            stream,
            max_tokens: 64,
            messages: [{ role: 'user', content: `request ${index}` }],
          }),
        },
      );
      await response.body.text();
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    }
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await send(next++);
      }),
    );
    expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(total);
    // failNext is shared by concurrent requests, so which request fails is not fixed; the count is.
    expect(statuses.get(500) ?? 0).toBe(failing.size);

    const probe = await openProgressProbe(databaseUri);
    try {
      await waitFor(
        async () =>
          (await probe.countLogs()) >= total && (await probe.countRolledUp('day')) >= total,
        {
          timeoutMs: 600_000,
          intervalMs: 1000,
          what: `${total} log rows and rolled-up requests`,
        },
      );
      // Anything late or duplicated would show up now.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await probe.countLogs()).toBe(total);
    } finally {
      await probe.close();
    }

    const logs: RequestLogRecord[] = await listAllLogs(store);
    expect(logs).toHaveLength(total);
    expect(new Set(logs.map((log) => log.requestId)).size).toBe(total);
    expect(logs.filter((log) => log.statusCode === 500)).toHaveLength(failing.size);
    const fromLogs = {
      requests: logs.length,
      errors: logs.filter((log) => log.statusCode >= 400).length,
      inputTokens: logs.reduce((sum, log) => sum + log.inputTokens, 0),
      outputTokens: logs.reduce((sum, log) => sum + log.outputTokens, 0),
    };
    const range = {
      scope: 'all' as const,
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    };
    for (const granularity of ['minute', 'hour', 'day'] as const) {
      const sums = sumRollups(await store.listUsageRollups({ ...range, granularity }));
      expect({
        requests: sums.requests,
        errors: sums.errors,
        inputTokens: sums.inputTokens,
        outputTokens: sums.outputTokens,
      }).toEqual(fromLogs);
      const latencyFromLogs = logs.reduce((sum, log) => sum + log.responseTimeMs, 0);
      expect(sums.latencySumMs).toBeCloseTo(latencyFromLogs, 0);
    }
  });
});
