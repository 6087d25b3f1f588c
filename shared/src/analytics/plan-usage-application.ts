/**
 * @module plan-usage-application
 * The adapter-independent half of `AnalyticsStore.applyUsage` (pure).
 *
 * Exactly-once effect under at-least-once delivery, without multi-document transactions:
 * 1. First copy wins: each request id is claimed once in a facts table/collection with the
 *    position (source, sequence) of the copy that claimed it. Only entries whose position equals
 *    their fact's are "canonical"; a second copy of a request (a producer retry, a spool replay)
 *    sits at another position and is skipped.
 * 2. Per-rollup watermark: every rollup row keeps, per source, the highest sequence folded into
 *    it, updated in the same atomic single-row write as the counters. A canonical entry is folded
 *    only when its sequence is above the watermark, so a redelivered batch (crash between the
 *    store write and the offset commit, a replay from offset 0) is never counted twice — even
 *    when it is cut into batches differently the second time.
 */
import type { UsageEntry } from './analytics-store';
import {
  addRecordInto,
  createEmptyCounters,
  formatRollupId,
  listRollupIdentities,
  type RollupIdentity,
  type UsageCounters,
} from './usage-rollup';

export interface RollupGroup {
  readonly rollupId: string;
  readonly identity: RollupIdentity;
  /** In source order. */
  readonly entries: UsageEntry[];
}

/** Whether an entry is the copy that claimed its request id. */
export function isCanonicalEntry(
  entry: UsageEntry,
  source: string,
  fact: { readonly source: string; readonly sequence: number } | undefined,
): boolean {
  return fact !== undefined && fact.source === source && fact.sequence === entry.sequence;
}

/** Whether two records land in the same rollups (same ids; the caller compares the minute). */
function sameDimensions(left: UsageEntry, right: UsageEntry): boolean {
  return (
    left.userId === right.userId &&
    left.keyId === right.keyId &&
    left.modelConfigId === right.modelConfigId &&
    left.credentialId === right.credentialId &&
    left.model === right.model
  );
}

export function groupEntriesByRollup(entries: readonly UsageEntry[]): Map<string, RollupGroup> {
  const groups = new Map<string, RollupGroup>();
  // Consecutive entries mostly share their rollups (one key and model, the same minute): their
  // groups are reused instead of formatting three identities and ids per entry.
  let previous: { entry: UsageEntry; minute: number; groups: RollupGroup[] } | undefined;
  for (const entry of entries) {
    const minute = Math.floor(Date.parse(entry.startedAt) / 60_000);
    if (previous && previous.minute === minute && sameDimensions(previous.entry, entry)) {
      for (const group of previous.groups) group.entries.push(entry);
      continue;
    }
    const entryGroups: RollupGroup[] = [];
    for (const identity of listRollupIdentities(entry)) {
      const rollupId = formatRollupId(identity);
      let group = groups.get(rollupId);
      if (group) group.entries.push(entry);
      else groups.set(rollupId, (group = { rollupId, identity, entries: [entry] }));
      entryGroups.push(group);
    }
    previous = { entry, minute, groups: entryGroups };
  }
  return groups;
}

export interface RollupIncrement {
  readonly counters: UsageCounters;
  /** The new watermark. */
  readonly maxSequence: number;
  readonly requestIds: readonly string[];
}

/** Folds the entries above the watermark; null when there are none. */
export function foldEntriesAboveWatermark(
  entries: readonly UsageEntry[],
  watermark: number | null,
): RollupIncrement | null {
  const counters = createEmptyCounters();
  let maxSequence = watermark ?? -Infinity;
  const requestIds: string[] = [];
  for (const entry of entries) {
    if (watermark !== null && entry.sequence <= watermark) continue;
    addRecordInto(counters, entry);
    maxSequence = Math.max(maxSequence, entry.sequence);
    requestIds.push(entry.requestId);
  }
  return requestIds.length ? { counters, maxSequence, requestIds } : null;
}
