/**
 * @module compiled-entry
 * Worker threads start from compiled JavaScript. This finds a thread entry beside the module that
 * starts it: in the same `dist/` directory when that module is compiled, or at the same place
 * under the package's `dist/` when it runs from source (`src/…/*.ts` under jest).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `<entryName>.js` for the module at `moduleFilename` (its `__filename`), if it has been built. */
export function findCompiledEntry(moduleFilename: string, entryName: string): string | undefined {
  let directory = path.dirname(moduleFilename);
  if (moduleFilename.endsWith('.ts')) {
    const marker = `${path.sep}src${path.sep}`;
    const at = `${directory}${path.sep}`.lastIndexOf(marker);
    if (at < 0) return undefined;
    directory = path.join(directory.slice(0, at), 'dist', directory.slice(at + marker.length));
  }
  const candidate = path.join(directory, `${entryName}.js`);
  return existsSync(candidate) ? candidate : undefined;
}
