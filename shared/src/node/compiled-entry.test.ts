import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findCompiledEntry } from './compiled-entry';

describe('findCompiledEntry', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'llmfb-entry-'));
  const built = path.join(root, 'pkg', 'dist', 'node', 'bus');
  mkdirSync(built, { recursive: true });
  writeFileSync(path.join(built, 'thread.js'), '');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the entry beside a compiled module', () => {
    expect(findCompiledEntry(path.join(built, 'starter.js'), 'thread')).toBe(
      path.join(built, 'thread.js'),
    );
  });

  it('finds the entry under the package’s dist/ for a module running from src/', () => {
    const source = path.join(root, 'pkg', 'src', 'node', 'bus', 'starter.ts');
    expect(findCompiledEntry(source, 'thread')).toBe(path.join(built, 'thread.js'));
  });

  it('answers undefined when the entry has not been built', () => {
    expect(findCompiledEntry(path.join(built, 'starter.js'), 'other')).toBeUndefined();
    expect(
      findCompiledEntry(path.join(root, 'pkg', 'lib', 'starter.ts'), 'thread'),
    ).toBeUndefined();
  });
});
