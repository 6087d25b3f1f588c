import { applyMigrations, openSqliteDatabase } from './open-sqlite';

describe('applyMigrations', () => {
  const migrations = [
    { version: 1, description: 'things', sql: 'CREATE TABLE things (id TEXT PRIMARY KEY)' },
    { version: 2, description: 'name', sql: 'ALTER TABLE things ADD COLUMN name TEXT' },
  ];

  it('applies pending migrations once, per component', () => {
    const database = openSqliteDatabase(':memory:');
    expect(applyMigrations(database, 'core', migrations)).toBe(2);
    expect(applyMigrations(database, 'core', migrations)).toBe(0);
    expect(
      applyMigrations(database, 'other', [
        { version: 1, description: 'x', sql: 'CREATE TABLE x (a INTEGER)' },
      ]),
    ).toBe(1);
    database.prepare('INSERT INTO things (id, name) VALUES (?, ?)').run('a', 'b');
    expect(database.prepare('SELECT name FROM things').get()).toEqual({ name: 'b' });
  });

  it('rolls back a failing migration and names it', () => {
    const database = openSqliteDatabase(':memory:');
    expect(() =>
      applyMigrations(database, 'core', [
        { version: 1, description: 'bad', sql: 'CREATE TABLE t (a); SELEC nonsense' },
      ]),
    ).toThrow(/core v1/);
    expect(
      database.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get(),
    ).toBeUndefined();
  });
});
