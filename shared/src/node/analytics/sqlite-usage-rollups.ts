/**
 * @module sqlite-usage-rollups
 * The usage half of the SQLite analytics adapter. One `applyUsage` call is one transaction, and
 * it follows the same claim-then-watermark algorithm as the MongoDB adapter
 * (plan-usage-application.ts), so both adapters behave identically under replays.
 */
import type { DatabaseSync } from 'node:sqlite';
import type {
  UsageAggregateQuery,
  UsageApplyResult,
  UsageBatch,
  UsageRollup,
} from '../../analytics/analytics-store';
import {
  foldEntriesAboveWatermark,
  groupEntriesByRollup,
  isCanonicalEntry,
} from '../../analytics/plan-usage-application';
import { addCounters, createEmptyCounters, type Granularity } from '../../analytics/usage-rollup';

interface RollupRow {
  rollup_id: string;
  granularity: Granularity;
  bucket_start: string;
  user_id: string | null;
  key_id: string | null;
  model_config_id: string | null;
  credential_id: string | null;
  model: string | null;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  latency_sum_ms: number;
  latency_max_ms: number;
  histogram: string;
}

function fromRollupRow(row: RollupRow): UsageRollup {
  return {
    granularity: row.granularity,
    bucketStart: row.bucket_start,
    userId: row.user_id,
    keyId: row.key_id,
    modelConfigId: row.model_config_id,
    credentialId: row.credential_id,
    model: row.model,
    requests: row.requests,
    errors: row.errors,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    latencySumMs: row.latency_sum_ms,
    latencyMaxMs: row.latency_max_ms,
    histogram: JSON.parse(row.histogram) as number[],
  };
}

export function createSqliteUsageRollups(database: DatabaseSync) {
  const claimFact = database.prepare(
    `INSERT INTO usage_facts (request_id, source, sequence, recorded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  const readFact = database.prepare(
    'SELECT source, sequence FROM usage_facts WHERE request_id = ?',
  );
  const readRollup = database.prepare('SELECT * FROM usage_rollups WHERE rollup_id = ?');
  const readWatermark = database.prepare(
    'SELECT sequence FROM usage_rollup_watermarks WHERE rollup_id = ? AND source = ?',
  );
  const writeWatermark = database.prepare(
    `INSERT INTO usage_rollup_watermarks (rollup_id, source, sequence) VALUES (?, ?, ?)
     ON CONFLICT (rollup_id, source) DO UPDATE SET sequence = excluded.sequence`,
  );
  const writeRollup = database.prepare(
    `INSERT INTO usage_rollups (rollup_id, granularity, bucket_start, user_id, key_id,
       model_config_id, credential_id, model, requests, errors, input_tokens, output_tokens,
       latency_sum_ms, latency_max_ms, histogram)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (rollup_id) DO UPDATE SET requests = excluded.requests, errors = excluded.errors,
       input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
       latency_sum_ms = excluded.latency_sum_ms, latency_max_ms = excluded.latency_max_ms,
       histogram = excluded.histogram`,
  );
  const deleteFactsBefore = database.prepare('DELETE FROM usage_facts WHERE recorded_at < ?');

  function applyInTransaction(batch: UsageBatch): UsageApplyResult {
    const recordedAt = new Date().toISOString();
    const canonical = batch.entries.filter((entry) => {
      const claimed = claimFact.run(entry.requestId, batch.source, entry.sequence, recordedAt);
      // Our insert went in: the fact is this entry's. Else read whose it is.
      if (Number(claimed.changes) === 1) return true;
      const fact = readFact.get(entry.requestId) as
        { source: string; sequence: number } | undefined;
      return isCanonicalEntry(entry, batch.source, fact);
    });
    const applied = new Set<string>();
    for (const group of groupEntriesByRollup(canonical).values()) {
      const mark = readWatermark.get(group.rollupId, batch.source) as
        { sequence: number } | undefined;
      const increment = foldEntriesAboveWatermark(group.entries, mark?.sequence ?? null);
      if (!increment) continue;
      const row = readRollup.get(group.rollupId) as unknown as RollupRow | undefined;
      const total = addCounters(
        row ? fromRollupRow(row) : createEmptyCounters(),
        increment.counters,
      );
      const { identity } = group;
      writeRollup.run(
        group.rollupId,
        identity.granularity,
        identity.bucketStart,
        identity.userId,
        identity.keyId,
        identity.modelConfigId,
        identity.credentialId,
        identity.model,
        total.requests,
        total.errors,
        total.inputTokens,
        total.outputTokens,
        total.latencySumMs,
        total.latencyMaxMs,
        JSON.stringify(total.histogram),
      );
      writeWatermark.run(group.rollupId, batch.source, increment.maxSequence);
      for (const requestId of increment.requestIds) applied.add(requestId);
    }
    return { applied: applied.size, skipped: batch.entries.length - applied.size };
  }

  return {
    applyUsage(batch: UsageBatch): UsageApplyResult {
      database.exec('BEGIN IMMEDIATE');
      try {
        const result = applyInTransaction(batch);
        database.exec('COMMIT');
        return result;
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
    },

    listUsageRollups(query: UsageAggregateQuery): UsageRollup[] {
      const scoped = query.scope !== 'all';
      const rows = database
        .prepare(
          `SELECT * FROM usage_rollups WHERE granularity = ? AND bucket_start >= ?
             AND bucket_start < ? ${scoped ? 'AND user_id = ?' : ''}
           ORDER BY bucket_start, rollup_id`,
        )
        .all(
          query.granularity,
          query.from,
          query.to,
          ...(query.scope === 'all' ? [] : [query.scope.userId]),
        ) as unknown as RollupRow[];
      return rows.map(fromRollupRow);
    },

    /** Facts only need to outlive the window in which a second copy of a request can arrive. */
    deleteUsageFactsBefore(before: Date): number {
      return Number(deleteFactsBefore.run(before.toISOString()).changes);
    },
  };
}
