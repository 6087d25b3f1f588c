/**
 * @module config-migrations
 * The config store's schema, versioned in code (component `config` of `applyMigrations`). Never
 * edit a released migration: add the next version.
 */
import type { Migration } from '../../sqlite/open-sqlite';

export const configMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'users, refresh tokens, credentials, model configs, api keys',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1,
        is_superuser INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE refresh_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
      CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        provider TEXT NOT NULL CHECK (provider IN ('openai', 'anthropic')),
        api_url TEXT NOT NULL,
        api_key_encrypted TEXT NOT NULL,
        api_key_masked TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1,
        is_validated INTEGER NOT NULL DEFAULT 0,
        validation_error TEXT,
        validated_at TEXT,
        validation_model TEXT,
        inject_system_prompt INTEGER NOT NULL DEFAULT 1,
        cli_version TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (user_id, name)
      );
      CREATE TABLE model_configs (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        credential_id TEXT NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
        model_name TEXT NOT NULL,
        alias TEXT NOT NULL,
        target_format TEXT NOT NULL CHECK (target_format IN ('openai', 'anthropic')),
        is_enabled INTEGER NOT NULL DEFAULT 1,
        rate_limit INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (credential_id, model_name, target_format)
      );
      CREATE INDEX model_configs_user ON model_configs (user_id, is_enabled);
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        model_config_ids TEXT NOT NULL DEFAULT '[]',
        rate_limit INTEGER,
        expires_at TEXT,
        is_active INTEGER NOT NULL DEFAULT 1,
        strict INTEGER NOT NULL DEFAULT 0,
        last_used_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX api_keys_user ON api_keys (user_id);
    `,
  },
];
