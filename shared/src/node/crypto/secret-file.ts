/**
 * @module secret-file
 * Secrets generated once into the data dir (embedded mode): created with 0600 permissions, never
 * overwritten, and re-read by every later start.
 */
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Reads the file, or creates it with `create()` (mode 0600) when it does not exist yet. */
export function readOrCreateSecretFile(filePath: string, create: () => string): string {
  try {
    return readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place: another process starting at the
  // same moment (LLMFB_WORKERS) never reads a half-written file, and the first link wins.
  const staged = `${filePath}.${process.pid}.tmp`;
  try {
    writeFileSync(staged, create(), { mode: 0o600 });
    chmodSync(staged, 0o600);
    linkSync(staged, filePath);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  } finally {
    rmSync(staged, { force: true });
  }
  return readFileSync(filePath, 'utf8');
}
