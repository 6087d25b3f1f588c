import express, { type Express } from 'express';
import request from 'supertest';
import { silentLogger, type AnalyticsStore, type RequestLogRecord } from '@llmfb/shared';
import { createSqliteAnalyticsStore } from '@llmfb/shared/node';
import '../http/locals';
import { createAdminErrorHandler } from '../http/middleware/error-handler';
import { createLogsRouter } from './logs-router';
import { createUsageRouter } from './usage-router';

const now = Date.parse('2026-03-02T12:30:00.000Z');

function makeLog(
  index: number,
  userId: string,
  overrides: Partial<RequestLogRecord> = {},
): RequestLogRecord {
  return {
    id: `log-${String(index).padStart(4, '0')}`,
    requestId: `req-${index}`,
    userId,
    keyId: `key-${userId}`,
    modelConfigId: `mc-${index % 2}`,
    credentialId: 'cred-1',
    method: 'POST',
    path: '/v1/messages',
    model: 'claude-alias',
    upstreamModel: 'gpt-upstream',
    sourceFormat: 'anthropic',
    targetFormat: 'openai',
    stream: true,
    statusCode: index % 4 === 0 ? 500 : 200,
    responseTimeMs: 120,
    ttftMs: 30,
    inputTokens: 11,
    outputTokens: 7,
    cacheReadTokens: 2,
    cacheCreationTokens: 0,
    tokensEstimated: false,
    errorMessage: index % 4 === 0 ? 'upstream exploded' : null,
    conversionNotes: [],
    upstreamAttempts: 1,
    createdAt: new Date(now - 3_600_000 + index * 1000).toISOString(),
    ...overrides,
  };
}

/** Stands in for the admin JWT middleware: `x-test-user: alice` or `x-test-user: root!`. */
function createTestApp(store: AnalyticsStore): Express {
  const app = express();
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const header = req.header('x-test-user');
    if (header)
      res.locals.principal = { userId: header.replace('!', ''), isSuperuser: header.endsWith('!') };
    next();
  });
  app.use('/api/logs', createLogsRouter({ analyticsStore: store }));
  app.use('/api/usage', createUsageRouter({ analyticsStore: store, now: () => now }));
  app.use(createAdminErrorHandler(silentLogger));
  return app;
}

describe('analytics routes', () => {
  let store: AnalyticsStore;
  let app: Express;

  beforeAll(async () => {
    store = createSqliteAnalyticsStore({ filePath: ':memory:' });
    const logs = [
      ...Array.from({ length: 30 }, (_, index) => makeLog(index, 'alice')),
      ...Array.from({ length: 5 }, (_, index) => makeLog(100 + index, 'bob')),
    ];
    await store.insertRequestLogs(logs);
    const entries = [
      ...Array.from({ length: 40 }, (_, index) => ({
        requestId: `req-${index}`,
        userId: 'alice',
        keyId: index % 2 ? 'key-a1' : 'key-a2',
        modelConfigId: 'mc-1',
        credentialId: 'cred-1',
        model: index % 2 ? 'claude-alias' : 'gpt-alias',
        startedAt: new Date(now - 2 * 3_600_000 + index * 60_000).toISOString(),
        isError: index % 10 === 0,
        inputTokens: 10,
        outputTokens: 5,
        latencyMs: 100 + index * 10,
        sequence: index,
      })),
      {
        requestId: 'req-bob',
        userId: 'bob',
        keyId: 'key-b',
        modelConfigId: 'mc-9',
        credentialId: 'cred-9',
        model: 'bob-alias',
        startedAt: new Date(now - 3_600_000).toISOString(),
        isError: false,
        inputTokens: 1,
        outputTokens: 1,
        latencyMs: 50,
        sequence: 40,
      },
    ];
    await store.applyUsage({ source: 'usage:0', entries });
    app = createTestApp(store);
  });
  afterAll(async () => {
    await store.close();
  });

  describe('GET /api/logs', () => {
    it('needs an authenticated caller', async () => {
      const response = await request(app).get('/api/logs');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('auth_missing');
    });

    it("shows a user their own rows only, newest first, in API.md's wire shape", async () => {
      const response = await request(app).get('/api/logs?limit=3').set('x-test-user', 'bob');
      expect(response.status).toBe(200);
      expect(response.body.items.map((item: { request_id: string }) => item.request_id)).toEqual([
        'req-104',
        'req-103',
        'req-102',
      ]);
      const [first] = response.body.items;
      expect(first).toEqual({
        id: 'log-0104',
        request_id: 'req-104',
        model_config_id: 'mc-0',
        key_id: 'key-bob',
        user_id: 'bob',
        method: 'POST',
        path: '/v1/messages',
        model: 'claude-alias',
        source_format: 'anthropic',
        target_format: 'openai',
        stream: true,
        status_code: 500,
        response_time_ms: 120,
        ttft_ms: 30,
        input_tokens: 11,
        output_tokens: 7,
        tokens_used: 18,
        error_message: 'upstream exploded',
        created_at: makeLog(104, 'bob').createdAt,
        credential_id: 'cred-1',
        upstream_model: 'gpt-upstream',
        cache_read_tokens: 2,
        cache_creation_tokens: 0,
        tokens_estimated: false,
        upstream_attempts: 1,
        conversion_notes: [],
      });
      expect(typeof response.body.next_cursor).toBe('string');
    });

    it('walks every row exactly once with the cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=7&cursor=${encodeURIComponent(cursor)}` : 'limit=7';
        const response = await request(app).get(`/api/logs?${query}`).set('x-test-user', 'alice');
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((item: { id: string }) => item.id));
        cursor = response.body.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
    });

    it('lets a superuser see everyone, or narrow to their own with all=false', async () => {
      const everyone = await request(app).get('/api/logs?limit=100').set('x-test-user', 'root!');
      expect(everyone.body.items).toHaveLength(35);
      const own = await request(app).get('/api/logs?all=false').set('x-test-user', 'root!');
      expect(own.body.items).toEqual([]);
      const forbidden = await request(app).get('/api/logs?all=true').set('x-test-user', 'alice');
      expect(forbidden.status).toBe(403);
    });

    it('filters by model config, key, status and time', async () => {
      const response = await request(app)
        .get('/api/logs')
        .query({
          model_config_id: 'mc-0',
          status_code: '500',
          from: new Date(now - 3_600_000).toISOString(),
          to: new Date(now - 3_600_000 + 20_000).toISOString(),
        })
        .set('x-test-user', 'alice');
      expect(response.body.items.map((item: { request_id: string }) => item.request_id)).toEqual([
        'req-16',
        'req-12',
        'req-8',
        'req-4',
        'req-0',
      ]);
    });

    it('filters by the format the client spoke and the one the upstream spoke', async () => {
      const mixed = createSqliteAnalyticsStore({ filePath: ':memory:' });
      await mixed.insertRequestLogs([
        makeLog(1, 'dave'),
        makeLog(2, 'dave', { sourceFormat: 'openai', targetFormat: 'anthropic' }),
        makeLog(3, 'dave', { sourceFormat: 'openai', targetFormat: null, statusCode: 401 }),
      ]);
      const mixedApp = createTestApp(mixed);
      const requestIds = async (query: Record<string, string>) =>
        (
          await request(mixedApp).get('/api/logs').query(query).set('x-test-user', 'dave')
        ).body.items
          .map((item: { request_id: string }) => item.request_id)
          .sort();
      expect(await requestIds({ source_format: 'openai' })).toEqual(['req-2', 'req-3']);
      expect(await requestIds({ target_format: 'anthropic' })).toEqual(['req-2']);
      expect(await requestIds({ source_format: 'anthropic', target_format: 'openai' })).toEqual([
        'req-1',
      ]);
      const bad = await request(mixedApp)
        .get('/api/logs?source_format=gemini')
        .set('x-test-user', 'dave');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0].path).toBe('source_format');
      await mixed.close();
    });

    it('clamps the limit to 500 and defaults it to 50', async () => {
      const big = createSqliteAnalyticsStore({ filePath: ':memory:' });
      await big.insertRequestLogs(
        Array.from({ length: 520 }, (_, index) => makeLog(index, 'carol')),
      );
      const bigApp = createTestApp(big);
      const defaulted = await request(bigApp).get('/api/logs').set('x-test-user', 'carol');
      expect(defaulted.body.items).toHaveLength(50);
      const clamped = await request(bigApp)
        .get('/api/logs?limit=100000')
        .set('x-test-user', 'carol');
      expect(clamped.status).toBe(200);
      expect(clamped.body.items).toHaveLength(500);
      const rest = await request(bigApp)
        .get(`/api/logs?limit=500&cursor=${encodeURIComponent(clamped.body.next_cursor)}`)
        .set('x-test-user', 'carol');
      expect(rest.body.items).toHaveLength(20);
      expect(rest.body.next_cursor).toBeNull();
      await big.close();
    });

    it('answers bad queries with per-field 400s', async () => {
      const response = await request(app)
        .get('/api/logs?limit=abc&status_code=99&from=yesterday&cursor=nonsense&colour=red')
        .set('x-test-user', 'alice');
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('request_invalid');
      const paths = response.body.error.details
        .map((detail: { path: string }) => detail.path)
        .sort();
      expect(paths).toEqual(['colour', 'cursor', 'from', 'limit', 'status_code']);
      const reversed = await request(app)
        .get('/api/logs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z')
        .set('x-test-user', 'alice');
      expect(reversed.status).toBe(400);
      expect(reversed.body.error.details).toEqual([
        { path: 'from', message: '`from` must be before `to`.' },
      ]);
    });
  });

  describe('GET /api/logs/{id}', () => {
    it("returns the caller's own log by id or request id, and hides other users' logs", async () => {
      const own = await request(app).get('/api/logs/log-0003').set('x-test-user', 'alice');
      expect(own.status).toBe(200);
      expect(own.body.request_id).toBe('req-3');
      const byRequestId = await request(app).get('/api/logs/req-3').set('x-test-user', 'alice');
      expect(byRequestId.body.id).toBe('log-0003');
      const hidden = await request(app).get('/api/logs/log-0003').set('x-test-user', 'bob');
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('resource_not_found');
      const asSuperuser = await request(app).get('/api/logs/log-0003').set('x-test-user', 'root!');
      expect(asSuperuser.status).toBe(200);
    });
  });

  describe('GET /api/usage', () => {
    it('defaults to the last 24 hours by hour, grouped by client-facing alias', async () => {
      const response = await request(app).get('/api/usage').set('x-test-user', 'alice');
      expect(response.status).toBe(200);
      const keys = response.body.series.map((series: { key: string }) => series.key);
      expect(keys).toEqual(['claude-alias', 'gpt-alias']);
      const [claude] = response.body.series;
      expect(claude.points).toHaveLength(25);
      expect(claude.points[0]).toEqual({
        t: '2026-03-01T12:00:00.000Z',
        requests: 0,
        errors: 0,
        input_tokens: 0,
        output_tokens: 0,
        avg_latency_ms: null,
        p95_latency_ms: null,
      });
      const totals = response.body.series.flatMap(
        (series: { points: { requests: number; errors: number }[] }) => series.points,
      );
      expect(
        totals.reduce((sum: number, point: { requests: number }) => sum + point.requests, 0),
      ).toBe(40);
      expect(totals.reduce((sum: number, point: { errors: number }) => sum + point.errors, 0)).toBe(
        4,
      );
      const busy = claude.points.find((point: { requests: number }) => point.requests > 0);
      expect(busy.avg_latency_ms).toBeGreaterThan(100);
      expect(busy.p95_latency_ms).toBeGreaterThanOrEqual(busy.avg_latency_ms);
    });

    it('groups by key or credential, by minute, within a range', async () => {
      const response = await request(app)
        .get('/api/usage')
        .query({
          granularity: 'minute',
          group_by: 'key',
          from: new Date(now - 2 * 3_600_000).toISOString(),
          to: new Date(now - 2 * 3_600_000 + 10 * 60_000).toISOString(),
        })
        .set('x-test-user', 'alice');
      expect(response.status).toBe(200);
      expect(response.body.series.map((series: { key: string }) => series.key)).toEqual([
        'key-a1',
        'key-a2',
      ]);
      for (const series of response.body.series) {
        expect(series.points).toHaveLength(10);
        expect(
          series.points.reduce(
            (sum: number, point: { requests: number }) => sum + point.requests,
            0,
          ),
        ).toBe(5);
      }
    });

    it('keeps group_by=user for superusers, who see everyone', async () => {
      const forbidden = await request(app)
        .get('/api/usage?group_by=user')
        .set('x-test-user', 'alice');
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.details).toEqual([
        { path: 'group_by', message: 'Superusers only.' },
      ]);
      const byUser = await request(app).get('/api/usage?group_by=user').set('x-test-user', 'root!');
      expect(byUser.body.series.map((series: { key: string }) => series.key)).toEqual([
        'alice',
        'bob',
      ]);
      const bobOnly = await request(app).get('/api/usage').set('x-test-user', 'bob');
      expect(bobOnly.body.series.map((series: { key: string }) => series.key)).toEqual([
        'bob-alias',
      ]);
    });

    it('answers bad queries with per-field 400s', async () => {
      const bad = await request(app)
        .get('/api/usage?granularity=week&group_by=colour')
        .set('x-test-user', 'alice');
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
        'granularity',
        'group_by',
      ]);
      const tooLong = await request(app)
        .get('/api/usage?granularity=minute&from=2026-01-01T00:00:00Z')
        .set('x-test-user', 'alice');
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.details[0].path).toBe('granularity');
      const future = await request(app)
        .get('/api/usage?from=2027-01-01T00:00:00Z')
        .set('x-test-user', 'alice');
      expect(future.status).toBe(400);
      expect(future.body.error.details[0].path).toBe('from');
    });
  });
});
