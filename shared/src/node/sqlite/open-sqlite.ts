/**
 * @module open-sqlite
 * Opens an embedded SQLite database (Node's built-in `node:sqlite`, no native build) in WAL mode
 * and applies versioned migrations. Each component (config store, analytics store…) keeps its own
 * migration list and version counter, so components evolve independently.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface Migration {
  /** 1, 2, 3… in order; never renumber or edit a released migration, add a new one. */
  readonly version: number;
  readonly description: string;
  /** One or more SQL statements. */
  readonly sql: string;
}

export function openSqliteDatabase(filePath: string): DatabaseSync {
  if (filePath !== ':memory:') mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const database = new DatabaseSync(filePath);
  // The busy timeout first: switching to WAL takes a lock, and processes opening one fresh file
  // together (LLMFB_WORKERS) would otherwise fail at once with "database is locked".
  database.exec(`
    PRAGMA busy_timeout = 5000;
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
  `);
  return database;
}

/** Applies the migrations of `component` that the database has not seen yet, each in a transaction. */
export function applyMigrations(
  database: DatabaseSync,
  component: string,
  migrations: readonly Migration[],
): number {
  database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (component, version)
  )`);
  const selectVersion = database.prepare(
    'SELECT MAX(version) AS version FROM schema_migrations WHERE component = ?',
  );
  const appliedVersion = () =>
    (selectVersion.get(component) as { version: number | null } | undefined)?.version ?? 0;
  const current = appliedVersion();
  const pending = [...migrations]
    .sort((a, b) => a.version - b.version)
    .filter((m) => m.version > current);
  const record = database.prepare(
    'INSERT INTO schema_migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)',
  );
  let applied = 0;
  for (const migration of pending) {
    database.exec('BEGIN IMMEDIATE');
    try {
      // Another process opening the same file may have applied it while this one waited.
      if (appliedVersion() >= migration.version) {
        database.exec('COMMIT');
        continue;
      }
      database.exec(migration.sql);
      applied += 1;
      record.run(component, migration.version, migration.description, new Date().toISOString());
      database.exec('COMMIT');
    } catch (error) {
      database.exec('ROLLBACK');
      throw new Error(
        `migration ${component} v${migration.version} failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  return applied;
}
