/**
 * @module mongo-usage-rollups
 * The usage half of the MongoDB adapter, correct without multi-document transactions (FerretDB
 * has none): request ids are claimed in `usage_facts` (first copy wins), then each rollup
 * document is updated by one atomic single-document write that adds the counters AND raises the
 * source's watermark, conditional on the watermark read just before (optimistic concurrency).
 * A write that lost a race is re-planned from a fresh read. See plan-usage-application.ts.
 */
import type { mongo } from 'mongoose';
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
  type RollupGroup,
  type RollupIncrement,
} from '../../analytics/plan-usage-application';
import { latencyBucketCount, type Granularity } from '../../analytics/usage-rollup';
import { ensureTtlIndex, readInsertedDespiteDuplicates } from './mongo-request-logs';

export interface UsageFactDocument {
  _id: string;
  source: string;
  sequence: number;
  recordedAt: Date;
}

export interface RollupDocument {
  _id: string;
  granularity: Granularity;
  bucketStart: Date;
  userId: string | null;
  keyId: string | null;
  modelConfigId: string | null;
  credentialId: string | null;
  model: string | null;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  latencySumMs: number;
  latencyMaxMs: number;
  /** `b0`…`b18`: histogram counts (fields, not an array, so `$inc` works on any server). */
  histogram: Record<string, number>;
  /** Highest sequence folded in, per source (field names sanitised). */
  watermarks: Record<string, number>;
}

const maxPlanRounds = 10;
/**
 * Writes per bulkWrite command. FerretDB 1.24 (SQLite backend) never answers an update command of
 * 100 or more statements; smaller commands also keep its single-writer lock short for readers.
 */
const writesPerCommand = 50;

/** A field-name-safe form of a source (`topic:partition`): no dots, no `$`. */
export function toWatermarkField(source: string): string {
  return source.replace(/[^A-Za-z0-9_-]/g, '_');
}

function toHistogramFields(histogram: readonly number[]): Record<string, number> {
  const fields: Record<string, number> = {};
  for (let index = 0; index < latencyBucketCount; index += 1)
    fields[`b${index}`] = histogram[index] ?? 0;
  return fields;
}

function fromDocument(document: RollupDocument): UsageRollup {
  return {
    granularity: document.granularity,
    bucketStart: document.bucketStart.toISOString(),
    userId: document.userId,
    keyId: document.keyId,
    modelConfigId: document.modelConfigId,
    credentialId: document.credentialId,
    model: document.model,
    requests: document.requests,
    errors: document.errors,
    inputTokens: document.inputTokens,
    outputTokens: document.outputTokens,
    latencySumMs: document.latencySumMs,
    latencyMaxMs: document.latencyMaxMs,
    histogram: Array.from(
      { length: latencyBucketCount },
      (_, index) => document.histogram[`b${index}`] ?? 0,
    ),
  };
}

function buildWrite(
  group: RollupGroup,
  increment: RollupIncrement,
  watermarkField: string,
  current: { exists: boolean; watermark: number | null },
): mongo.AnyBulkWriteOperation<RollupDocument> {
  const { counters } = increment;
  if (!current.exists) {
    return {
      insertOne: {
        document: {
          _id: group.rollupId,
          ...group.identity,
          bucketStart: new Date(group.identity.bucketStart),
          requests: counters.requests,
          errors: counters.errors,
          inputTokens: counters.inputTokens,
          outputTokens: counters.outputTokens,
          latencySumMs: counters.latencySumMs,
          latencyMaxMs: counters.latencyMaxMs,
          histogram: toHistogramFields(counters.histogram),
          watermarks: { [watermarkField]: increment.maxSequence },
        },
      },
    };
  }
  const path = `watermarks.${watermarkField}`;
  const increments: Record<string, number> = {
    requests: counters.requests,
    errors: counters.errors,
    inputTokens: counters.inputTokens,
    outputTokens: counters.outputTokens,
    latencySumMs: counters.latencySumMs,
  };
  counters.histogram.forEach((count, index) => {
    if (count > 0) increments[`histogram.b${index}`] = count;
  });
  return {
    updateOne: {
      filter: {
        _id: group.rollupId,
        [path]: current.watermark === null ? { $exists: false } : current.watermark,
      } as mongo.Filter<RollupDocument>,
      update: {
        $inc: increments,
        $max: { latencyMaxMs: counters.latencyMaxMs },
        $set: { [path]: increment.maxSequence },
      } as mongo.UpdateFilter<RollupDocument>,
    },
  };
}

export function createMongoUsageRollups(
  facts: mongo.Collection<UsageFactDocument>,
  rollups: mongo.Collection<RollupDocument>,
) {
  async function claimFacts(batch: UsageBatch): Promise<Map<string, UsageFactDocument>> {
    const recordedAt = new Date();
    const documents = new Map<string, UsageFactDocument>();
    for (const entry of batch.entries) {
      if (!documents.has(entry.requestId)) {
        documents.set(entry.requestId, {
          _id: entry.requestId,
          source: batch.source,
          sequence: entry.sequence,
          recordedAt,
        });
      }
    }
    try {
      await facts.insertMany([...documents.values()], { ordered: false });
      return documents;
    } catch (error) {
      readInsertedDespiteDuplicates(error);
    }
    const stored = await facts.find({ _id: { $in: [...documents.keys()] } }).toArray();
    return new Map(stored.map((document) => [document._id, document]));
  }

  /** One round: read watermarks, write what is above them; false when nothing was left. */
  async function applyRound(
    groups: readonly RollupGroup[],
    watermarkField: string,
    applied: Set<string>,
  ): Promise<boolean> {
    const current = await rollups
      .find(
        { _id: { $in: groups.map((group) => group.rollupId) } },
        { projection: { [`watermarks.${watermarkField}`]: 1 } },
      )
      .toArray();
    const byId = new Map(current.map((document) => [document._id, document]));
    const writes: mongo.AnyBulkWriteOperation<RollupDocument>[] = [];
    const planned: RollupIncrement[] = [];
    for (const group of groups) {
      const document = byId.get(group.rollupId);
      const watermark = document?.watermarks?.[watermarkField] ?? null;
      const increment = foldEntriesAboveWatermark(group.entries, watermark);
      if (!increment) continue;
      writes.push(buildWrite(group, increment, watermarkField, { exists: !!document, watermark }));
      planned.push(increment);
    }
    if (writes.length === 0) return false;
    let succeeded = 0;
    for (let start = 0; start < writes.length; start += writesPerCommand) {
      try {
        const result = await rollups.bulkWrite(writes.slice(start, start + writesPerCommand), {
          ordered: false,
        });
        succeeded += result.insertedCount + result.matchedCount;
      } catch (error) {
        readInsertedDespiteDuplicates(error);
      }
    }
    if (succeeded === writes.length) {
      for (const increment of planned)
        for (const requestId of increment.requestIds) applied.add(requestId);
      return false;
    }
    // Some write lost a race (another consumer of the same source): re-plan from a fresh read.
    // Request ids of writes that did succeed are found applied (above the watermark) next round.
    for (const increment of planned)
      for (const requestId of increment.requestIds) applied.add(requestId);
    return true;
  }

  return {
    async ensureIndexes(retentionSeconds: number): Promise<void> {
      await ensureTtlIndex(facts, 'recorded_at_ttl', 'recordedAt', retentionSeconds);
      await rollups.createIndex({ granularity: 1, bucketStart: 1 }, { name: 'by_bucket' });
      await rollups.createIndex(
        { granularity: 1, userId: 1, bucketStart: 1 },
        { name: 'by_user_bucket' },
      );
    },

    async applyUsage(batch: UsageBatch): Promise<UsageApplyResult> {
      if (batch.entries.length === 0) return { applied: 0, skipped: 0 };
      const claimed = await claimFacts(batch);
      const canonical = batch.entries.filter((entry) =>
        isCanonicalEntry(entry, batch.source, claimed.get(entry.requestId)),
      );
      const groups = [...groupEntriesByRollup(canonical).values()];
      const watermarkField = toWatermarkField(batch.source);
      const applied = new Set<string>();
      let round = 0;
      while (groups.length > 0 && (await applyRound(groups, watermarkField, applied))) {
        round += 1;
        if (round >= maxPlanRounds)
          throw new Error('usage rollup writes kept conflicting; batch will be retried');
      }
      return { applied: applied.size, skipped: batch.entries.length - applied.size };
    },

    async listUsageRollups(query: UsageAggregateQuery): Promise<UsageRollup[]> {
      const filter: mongo.Filter<RollupDocument> = {
        granularity: query.granularity,
        bucketStart: { $gte: new Date(query.from), $lt: new Date(query.to) },
        ...(query.scope === 'all' ? {} : { userId: query.scope.userId }),
      };
      const documents = await rollups
        .find(filter, { projection: { watermarks: 0 } })
        .sort({ bucketStart: 1, _id: 1 })
        .toArray();
      return documents.map(fromDocument);
    },

    async deleteUsageFactsBefore(before: Date): Promise<number> {
      return (await facts.deleteMany({ recordedAt: { $lt: before } })).deletedCount;
    },
  };
}
