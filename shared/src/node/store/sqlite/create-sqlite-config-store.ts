/**
 * @module create-sqlite-config-store
 * The embedded config store: one SQLite file (`<LLMFB_DATA_DIR>/llmfb.db`, WAL mode) with the
 * `config` migrations applied.
 *
 * @example
 * const store = createSqliteConfigStore({ filePath: path.join(config.LLMFB_DATA_DIR, 'llmfb.db') });
 */
import type { Credential } from '../../../domain/entities';
import type { ConfigStore, ProxyKeyGrant } from '../../../store/config-store';
import { applyMigrations, openSqliteDatabase } from '../../sqlite/open-sqlite';
import { configMigrations } from './config-migrations';
import { createSqliteApiKeyRepository } from './sqlite-api-key-repository';
import { createSqliteCredentialRepository } from './sqlite-credential-repository';
import { createSqliteModelConfigRepository } from './sqlite-model-config-repository';
import { createSqliteRefreshTokenRepository } from './sqlite-refresh-token-repository';
import { mapApiKeyRow, mapCredentialRow, mapModelConfigRow, type SqliteRow } from './sqlite-rows';
import { createSqliteUserRepository } from './sqlite-user-repository';

export interface SqliteConfigStoreOptions {
  /** A file path, or `:memory:` for tests. */
  readonly filePath: string;
}

const credentialColumnNames = [
  'id',
  'user_id',
  'name',
  'provider',
  'api_url',
  'api_key_encrypted',
  'api_key_masked',
  'is_active',
  'is_validated',
  'validation_error',
  'validated_at',
  'validation_model',
  'inject_system_prompt',
  'cli_version',
  'created_at',
  'updated_at',
];
const prefixedCredentialColumns = credentialColumnNames
  .map((name) => `c.${name} AS c_${name}`)
  .join(', ');

export function createSqliteConfigStore(options: SqliteConfigStoreOptions): ConfigStore {
  const database = openSqliteDatabase(options.filePath);
  applyMigrations(database, 'config', configMigrations);

  const selectKeyByHash = database.prepare(`
    SELECT k.*, u.is_active AS u_is_active, u.is_superuser AS u_is_superuser
    FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`);
  const selectGrantModels = database.prepare(`
    SELECT m.*, ${prefixedCredentialColumns}
    FROM model_configs m JOIN credentials c ON c.id = m.credential_id
    WHERE m.user_id = :userId AND m.is_enabled = 1
      AND (:ids = '[]' OR m.id IN (SELECT value FROM json_each(:ids)))
    ORDER BY m.id`);
  const touchKeys = database.prepare(`
    UPDATE api_keys SET last_used_at = :at
    WHERE id IN (SELECT value FROM json_each(:ids)) AND (last_used_at IS NULL OR last_used_at < :at)`);
  const ping = database.prepare('SELECT 1 AS ok');

  return {
    users: createSqliteUserRepository(database),
    refreshTokens: createSqliteRefreshTokenRepository(database),
    credentials: createSqliteCredentialRepository(database),
    modelConfigs: createSqliteModelConfigRepository(database),
    apiKeys: createSqliteApiKeyRepository(database),

    async resolveProxyKey(keyHash): Promise<ProxyKeyGrant | undefined> {
      const keyRow = selectKeyByHash.get(keyHash) as SqliteRow | undefined;
      if (!keyRow) return undefined;
      const key = mapApiKeyRow(keyRow);
      const rows = selectGrantModels.all({
        userId: key.userId,
        ids: JSON.stringify(key.modelConfigIds),
      }) as SqliteRow[];
      const credentials = new Map<string, Credential>();
      return {
        key,
        user: {
          id: key.userId,
          isActive: Number(keyRow.u_is_active) === 1,
          isSuperuser: Number(keyRow.u_is_superuser) === 1,
        },
        models: rows.map((row) => {
          // Configs of one credential share one mapped credential object.
          const credentialId = String(row.credential_id);
          let credential = credentials.get(credentialId);
          if (!credential) {
            credential = mapCredentialRow(row, 'c_');
            credentials.set(credentialId, credential);
          }
          return { config: mapModelConfigRow(row), credential };
        }),
      };
    },
    async touchKeysLastUsed(ids, at) {
      if (ids.length === 0) return;
      touchKeys.run({ ids: JSON.stringify(ids), at: at.toISOString() });
    },
    async checkReady() {
      ping.get();
    },
    async close() {
      if (database.isOpen) database.close();
    },
  };
}
