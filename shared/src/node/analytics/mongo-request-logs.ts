/**
 * @module mongo-request-logs
 * The request-log half of the MongoDB analytics adapter (`request_logs`): `_id` is the event id,
 * `requestId` is unique, `createdAt` is a Date (TTL index).
 */
import type { mongo } from 'mongoose';
import type { LogPage, LogQuery, RequestLogRecord } from '../../analytics/analytics-store';
import type { Scope } from '../../domain/entities';

export type RequestLogDocument = Omit<RequestLogRecord, 'id' | 'createdAt'> & {
  _id: string;
  createdAt: Date;
};

/** Duplicate-key errors are expected (idempotent inserts); anything else is rethrown. */
export function readInsertedDespiteDuplicates(error: unknown): number {
  const candidate = error as {
    code?: number;
    writeErrors?: { code?: number }[] | { code?: number };
    result?: { insertedCount?: number };
    insertedCount?: number;
  };
  const writeErrors = Array.isArray(candidate.writeErrors)
    ? candidate.writeErrors
    : candidate.writeErrors
      ? [candidate.writeErrors]
      : [];
  const isOnlyDuplicates =
    writeErrors.length > 0
      ? writeErrors.every((item) => item.code === 11000)
      : candidate.code === 11000;
  if (!isOnlyDuplicates) throw error;
  return candidate.insertedCount ?? candidate.result?.insertedCount ?? 0;
}

function toDocument(record: RequestLogRecord): RequestLogDocument {
  const { id, createdAt, ...rest } = record;
  return { _id: id, ...rest, createdAt: new Date(createdAt) };
}

function fromDocument(document: RequestLogDocument): RequestLogRecord {
  const { _id, createdAt, ...rest } = document;
  return {
    id: _id,
    requestId: rest.requestId,
    userId: rest.userId,
    keyId: rest.keyId,
    modelConfigId: rest.modelConfigId,
    credentialId: rest.credentialId,
    method: rest.method,
    path: rest.path,
    model: rest.model,
    upstreamModel: rest.upstreamModel,
    sourceFormat: rest.sourceFormat,
    targetFormat: rest.targetFormat,
    stream: rest.stream,
    statusCode: rest.statusCode,
    responseTimeMs: rest.responseTimeMs,
    ttftMs: rest.ttftMs,
    inputTokens: rest.inputTokens,
    outputTokens: rest.outputTokens,
    cacheReadTokens: rest.cacheReadTokens,
    cacheCreationTokens: rest.cacheCreationTokens,
    tokensEstimated: rest.tokensEstimated,
    errorMessage: rest.errorMessage,
    conversionNotes: rest.conversionNotes,
    upstreamAttempts: rest.upstreamAttempts,
    createdAt: createdAt.toISOString(),
  };
}

function buildFilter(query: LogQuery): mongo.Filter<RequestLogDocument> {
  const clauses: mongo.Filter<RequestLogDocument>[] = [];
  if (query.scope !== 'all') clauses.push({ userId: query.scope.userId });
  if (query.modelConfigId !== undefined) clauses.push({ modelConfigId: query.modelConfigId });
  if (query.keyId !== undefined) clauses.push({ keyId: query.keyId });
  if (query.statusCode !== undefined) clauses.push({ statusCode: query.statusCode });
  if (query.sourceFormat !== undefined) clauses.push({ sourceFormat: query.sourceFormat });
  if (query.targetFormat !== undefined) clauses.push({ targetFormat: query.targetFormat });
  if (query.from !== undefined) clauses.push({ createdAt: { $gte: new Date(query.from) } });
  if (query.to !== undefined) clauses.push({ createdAt: { $lt: new Date(query.to) } });
  if (query.cursor) {
    const at = new Date(query.cursor.createdAt);
    clauses.push({
      $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: query.cursor.id } }],
    });
  }
  return clauses.length ? { $and: clauses } : {};
}

export function createMongoRequestLogs(collection: mongo.Collection<RequestLogDocument>) {
  return {
    async ensureIndexes(retentionSeconds: number): Promise<void> {
      await collection.createIndex({ requestId: 1 }, { unique: true, name: 'request_id_unique' });
      await collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'by_time' });
      await collection.createIndex({ userId: 1, createdAt: -1, _id: -1 }, { name: 'by_user_time' });
      await ensureTtlIndex(collection, 'created_at_ttl', 'createdAt', retentionSeconds);
    },

    async insertRequestLogs(records: readonly RequestLogRecord[]): Promise<number> {
      if (records.length === 0) return 0;
      try {
        const result = await collection.insertMany(records.map(toDocument), { ordered: false });
        return result.insertedCount;
      } catch (error) {
        return readInsertedDespiteDuplicates(error);
      }
    },

    async listRequestLogs(query: LogQuery): Promise<LogPage> {
      const documents = await collection
        .find(buildFilter(query))
        .sort({ createdAt: -1, _id: -1 })
        .limit(query.limit + 1)
        .toArray();
      const items = documents.slice(0, query.limit).map(fromDocument);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          documents.length > query.limit && last
            ? { createdAt: last.createdAt, id: last.id }
            : null,
      };
    },

    async findRequestLog(idOrRequestId: string, scope: Scope): Promise<RequestLogRecord | null> {
      const document =
        (await collection.findOne({ _id: idOrRequestId })) ??
        (await collection.findOne({ requestId: idOrRequestId }));
      if (!document) return null;
      if (scope !== 'all' && document.userId !== scope.userId) return null;
      return fromDocument(document);
    },

    async deleteRequestLogsBefore(before: Date): Promise<number> {
      return (await collection.deleteMany({ createdAt: { $lt: before } })).deletedCount;
    },
  };
}

/**
 * A TTL index with the wanted expiry; an existing one with another expiry is replaced. Servers
 * that refuse TTL indexes still get the periodic purge (`purgeBefore`).
 */
export async function ensureTtlIndex<T extends mongo.Document>(
  collection: mongo.Collection<T>,
  name: string,
  field: string,
  expireAfterSeconds: number,
): Promise<boolean> {
  const existing = (await collection.indexes().catch(() => [])).find(
    (index) => index.name === name,
  );
  if (existing && existing.expireAfterSeconds !== expireAfterSeconds) {
    await collection.dropIndex(name);
  }
  try {
    await collection.createIndex({ [field]: 1 } as mongo.IndexSpecification, {
      name,
      expireAfterSeconds,
    });
    return true;
  } catch {
    return false;
  }
}
