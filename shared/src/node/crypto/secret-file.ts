/**
 * @module secret-file
 * Secrets generated once into the data dir (embedded mode): created with 0600 permissions, never
 * overwritten, and re-read by every later start.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Reads the file, or creates it with `create()` (mode 0600) when it does not exist yet. */
export function readOrCreateSecretFile(filePath: string, create: () => string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  try {
    // `wx`: another process that got there first wins; we then read its secret.
    writeFileSync(filePath, create(), { mode: 0o600, flag: 'wx' });
    chmodSync(filePath, 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  return readFileSync(filePath, 'utf8');
}
