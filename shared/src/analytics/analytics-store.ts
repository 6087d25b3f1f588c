/**
 * @module analytics-store
 * The analytics store port: request logs (one row per proxied request, unique `requestId`) and
 * usage rollups (minute/hour/day buckets). Adapters: SQLite (embedded) and MongoDB; one contract
 * test suite runs against both.
 *
 * Both writes are idempotent under at-least-once delivery: a replayed request log is ignored
 * (unique `requestId`), and a replayed usage entry is never counted twice (see `applyUsage`).
 */
import type { Scope } from '../domain/entities';
import type { ConversionNote } from '../convert/types';
import type { Granularity, RollupIdentity, UsageCounters } from './usage-rollup';

export type WireFormat = 'openai' | 'anthropic';

/** One proxied request, as the log writer stores it and the logs API reads it. */
export interface RequestLogRecord {
  /** The id of the event that produced the row: stable across replays. */
  readonly id: string;
  readonly requestId: string;
  readonly userId: string | null;
  readonly keyId: string | null;
  readonly modelConfigId: string | null;
  readonly credentialId: string | null;
  readonly method: string;
  readonly path: string;
  /** The model name the client sent (an alias). */
  readonly model: string | null;
  readonly upstreamModel: string | null;
  readonly sourceFormat: WireFormat;
  readonly targetFormat: WireFormat | null;
  readonly stream: boolean;
  readonly statusCode: number;
  readonly responseTimeMs: number;
  readonly ttftMs: number | null;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
  readonly tokensEstimated: boolean;
  readonly errorMessage: string | null;
  readonly conversionNotes: readonly ConversionNote[];
  readonly upstreamAttempts: number;
  /** ISO 8601 UTC with milliseconds (`toISOString()`): when the request arrived. */
  readonly createdAt: string;
}

/** Where the logs list resumes: the last row of the previous page. */
export interface LogCursor {
  readonly createdAt: string;
  readonly id: string;
}

export interface LogQuery {
  readonly scope: Scope;
  /** 1..500. */
  readonly limit: number;
  readonly cursor?: LogCursor;
  readonly modelConfigId?: string;
  readonly keyId?: string;
  readonly statusCode?: number;
  /** The format the client spoke. */
  readonly sourceFormat?: WireFormat;
  /** The format the upstream spoke. */
  readonly targetFormat?: WireFormat;
  /** Inclusive, ISO 8601 UTC. */
  readonly from?: string;
  /** Exclusive, ISO 8601 UTC. */
  readonly to?: string;
}

export interface LogPage {
  /** Newest first (`createdAt` descending, then `id` descending). */
  readonly items: readonly RequestLogRecord[];
  readonly nextCursor: LogCursor | null;
}

/** One usage event to fold into the rollups. */
export interface UsageRecord {
  readonly requestId: string;
  readonly userId: string | null;
  readonly keyId: string | null;
  readonly modelConfigId: string | null;
  readonly credentialId: string | null;
  /** The client-facing alias. */
  readonly model: string | null;
  /** ISO 8601: the rollup bucket is taken from it. */
  readonly startedAt: string;
  readonly isError: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
}

export interface UsageEntry extends UsageRecord {
  /** Position in its source: strictly increasing within one source (a Kafka offset). */
  readonly sequence: number;
}

export interface UsageBatch {
  /**
   * One totally ordered stream of entries, e.g. `<topic>:<partition>`. A batch comes from one
   * source and its entries are in source order.
   */
  readonly source: string;
  readonly entries: readonly UsageEntry[];
}

export interface UsageApplyResult {
  /** Entries counted now. */
  readonly applied: number;
  /** Entries ignored: already counted (replay) or a second copy of a request already counted. */
  readonly skipped: number;
}

/** A stored rollup row: identity plus counters. */
export interface UsageRollup extends RollupIdentity, UsageCounters {}

export type UsageGroupBy = 'model' | 'key' | 'credential' | 'user';

export interface UsageAggregateQuery {
  readonly scope: Scope;
  readonly granularity: Granularity;
  /** Inclusive bucket start, ISO 8601 UTC. */
  readonly from: string;
  /** Exclusive. */
  readonly to: string;
}

export interface PurgeResult {
  readonly requestLogs: number;
  readonly usageFacts: number;
}

export interface AnalyticsStore {
  /** Inserts the rows whose `requestId` is new; rows already stored are ignored. */
  insertRequestLogs(records: readonly RequestLogRecord[]): Promise<{ readonly inserted: number }>;
  listRequestLogs(query: LogQuery): Promise<LogPage>;
  /** By `id`, or else by `requestId`; null when absent or outside the scope. */
  findRequestLog(idOrRequestId: string, scope: Scope): Promise<RequestLogRecord | null>;
  /**
   * Retention: deletes request logs created before `before`, and the usage facts (request-id
   * claims) recorded before it. Rollups are kept.
   */
  purgeBefore(before: Date): Promise<PurgeResult>;

  /**
   * Folds usage entries into the minute, hour and day rollups, exactly once per request id and
   * per source position, whatever is replayed and wherever a previous attempt crashed.
   */
  applyUsage(batch: UsageBatch): Promise<UsageApplyResult>;
  /** The rollup rows of one granularity whose bucket starts in [from, to), within the scope. */
  listUsageRollups(query: UsageAggregateQuery): Promise<readonly UsageRollup[]>;

  /** Resolves when the store answers (readiness). */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}
