/**
 * @module sqlite-request-logs
 * The request-log half of the SQLite analytics adapter.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { LogPage, LogQuery, RequestLogRecord } from '../../analytics/analytics-store';
import type { Scope } from '../../domain/entities';

interface RequestLogRow {
  id: string;
  request_id: string;
  user_id: string | null;
  key_id: string | null;
  model_config_id: string | null;
  credential_id: string | null;
  method: string;
  path: string;
  model: string | null;
  upstream_model: string | null;
  source_format: RequestLogRecord['sourceFormat'];
  target_format: RequestLogRecord['targetFormat'];
  stream: number;
  status_code: number;
  response_time_ms: number;
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_creation_tokens: number;
  tokens_estimated: number;
  error_message: string | null;
  conversion_notes: string;
  upstream_attempts: number;
  created_at: string;
}

// prettier-ignore
const columns = [
  'id', 'request_id', 'user_id', 'key_id', 'model_config_id', 'credential_id', 'method', 'path',
  'model', 'upstream_model', 'source_format', 'target_format', 'stream', 'status_code',
  'response_time_ms', 'ttft_ms', 'input_tokens', 'output_tokens', 'cache_read_tokens',
  'cache_creation_tokens', 'tokens_estimated', 'error_message', 'conversion_notes',
  'upstream_attempts', 'created_at',
] as const;

function toRow(record: RequestLogRecord): SQLInputValue[] {
  // prettier-ignore
  return [
    record.id, record.requestId, record.userId, record.keyId, record.modelConfigId,
    record.credentialId, record.method, record.path, record.model, record.upstreamModel,
    record.sourceFormat, record.targetFormat, record.stream ? 1 : 0, record.statusCode,
    record.responseTimeMs, record.ttftMs, record.inputTokens, record.outputTokens,
    record.cacheReadTokens, record.cacheCreationTokens, record.tokensEstimated ? 1 : 0,
    record.errorMessage, JSON.stringify(record.conversionNotes), record.upstreamAttempts,
    record.createdAt,
  ];
}

function fromRow(row: RequestLogRow): RequestLogRecord {
  return {
    id: row.id,
    requestId: row.request_id,
    userId: row.user_id,
    keyId: row.key_id,
    modelConfigId: row.model_config_id,
    credentialId: row.credential_id,
    method: row.method,
    path: row.path,
    model: row.model,
    upstreamModel: row.upstream_model,
    sourceFormat: row.source_format,
    targetFormat: row.target_format,
    stream: row.stream === 1,
    statusCode: row.status_code,
    responseTimeMs: row.response_time_ms,
    ttftMs: row.ttft_ms,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheCreationTokens: row.cache_creation_tokens,
    tokensEstimated: row.tokens_estimated === 1,
    errorMessage: row.error_message,
    conversionNotes: JSON.parse(row.conversion_notes) as RequestLogRecord['conversionNotes'],
    upstreamAttempts: row.upstream_attempts,
    createdAt: row.created_at,
  };
}

function buildWhere(query: LogQuery): { sql: string; parameters: SQLInputValue[] } {
  // Each present filter is one `condition` with its parameter (columns are constants, never input).
  const filters: Array<[condition: string, value: SQLInputValue | undefined]> = [
    ['user_id = ?', query.scope === 'all' ? undefined : query.scope.userId],
    ['model_config_id = ?', query.modelConfigId],
    ['key_id = ?', query.keyId],
    ['status_code = ?', query.statusCode],
    ['source_format = ?', query.sourceFormat],
    ['target_format = ?', query.targetFormat],
    ['created_at >= ?', query.from],
    ['created_at < ?', query.to],
  ];
  const present = filters.filter(([, value]) => value !== undefined);
  const clauses = present.map(([condition]) => condition);
  const parameters = present.map(([, value]) => value as SQLInputValue);
  if (query.cursor) {
    clauses.push('(created_at < ? OR (created_at = ? AND id < ?))');
    parameters.push(query.cursor.createdAt, query.cursor.createdAt, query.cursor.id);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', parameters };
}

export function createSqliteRequestLogs(database: DatabaseSync) {
  const insert = database.prepare(
    `INSERT INTO request_logs (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT DO NOTHING`,
  );
  const findOne = database.prepare(
    'SELECT * FROM request_logs WHERE id = ? OR request_id = ? ORDER BY id = ? DESC LIMIT 1',
  );
  const deleteBefore = database.prepare('DELETE FROM request_logs WHERE created_at < ?');

  return {
    insertRequestLogs(records: readonly RequestLogRecord[]): number {
      let inserted = 0;
      database.exec('BEGIN IMMEDIATE');
      try {
        for (const record of records) inserted += Number(insert.run(...toRow(record)).changes);
        database.exec('COMMIT');
      } catch (error) {
        database.exec('ROLLBACK');
        throw error;
      }
      return inserted;
    },

    listRequestLogs(query: LogQuery): LogPage {
      const where = buildWhere(query);
      const rows = database
        .prepare(
          `SELECT * FROM request_logs ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(...where.parameters, query.limit + 1) as unknown as RequestLogRow[];
      const items = rows.slice(0, query.limit).map(fromRow);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor:
          rows.length > query.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      };
    },

    findRequestLog(idOrRequestId: string, scope: Scope): RequestLogRecord | null {
      const row = findOne.get(idOrRequestId, idOrRequestId, idOrRequestId) as unknown as
        RequestLogRow | undefined;
      if (!row) return null;
      if (scope !== 'all' && row.user_id !== scope.userId) return null;
      return fromRow(row);
    },

    deleteRequestLogsBefore(before: Date): number {
      return Number(deleteBefore.run(before.toISOString()).changes);
    },
  };
}
