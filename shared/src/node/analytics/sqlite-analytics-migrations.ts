/**
 * @module sqlite-analytics-migrations
 * Schema of the embedded analytics database (`<LLMFB_DATA_DIR>/analytics.db`, component
 * `analytics`). Timestamps are `toISOString()` text, which sorts chronologically.
 */
import type { Migration } from '../sqlite/open-sqlite';

export const analyticsMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'request logs, usage facts, usage rollups and their watermarks',
    sql: `
      CREATE TABLE request_logs (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL UNIQUE,
        user_id TEXT,
        key_id TEXT,
        model_config_id TEXT,
        credential_id TEXT,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        model TEXT,
        upstream_model TEXT,
        source_format TEXT NOT NULL,
        target_format TEXT,
        stream INTEGER NOT NULL,
        status_code INTEGER NOT NULL,
        response_time_ms REAL NOT NULL,
        ttft_ms REAL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL,
        cache_creation_tokens INTEGER NOT NULL,
        tokens_estimated INTEGER NOT NULL,
        error_message TEXT,
        conversion_notes TEXT NOT NULL,
        upstream_attempts INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX request_logs_by_time ON request_logs (created_at DESC, id DESC);
      CREATE INDEX request_logs_by_user ON request_logs (user_id, created_at DESC, id DESC);

      CREATE TABLE usage_facts (
        request_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        recorded_at TEXT NOT NULL
      );
      CREATE INDEX usage_facts_by_time ON usage_facts (recorded_at);

      CREATE TABLE usage_rollups (
        rollup_id TEXT PRIMARY KEY,
        granularity TEXT NOT NULL,
        bucket_start TEXT NOT NULL,
        user_id TEXT,
        key_id TEXT,
        model_config_id TEXT,
        credential_id TEXT,
        model TEXT,
        requests INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        latency_sum_ms REAL NOT NULL,
        latency_max_ms REAL NOT NULL,
        histogram TEXT NOT NULL
      );
      CREATE INDEX usage_rollups_by_bucket ON usage_rollups (granularity, bucket_start);

      CREATE TABLE usage_rollup_watermarks (
        rollup_id TEXT NOT NULL,
        source TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        PRIMARY KEY (rollup_id, source)
      );
    `,
  },
];
