#!/usr/bin/env node
// Runs every benchmark in bench/ one after the other (npm run bench). Each prints its own figures.
// Needs the build (`npm run build:server`); bench/events needs Kafka and a Mongo server
// (`npm run infra:up` and its env).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = [
  'convert.mjs',
  'breaker.mjs',
  'proxy.mjs',
  'after-pause.mjs',
  'idle.mjs',
  'held-bodies.mjs',
  'rollups.mjs',
  'events.mjs',
].filter((name) => existsSync(path.join(here, name)));
let failed = 0;
for (const name of scripts) {
  console.log(`\n## bench/${name}`);
  const result = spawnSync(process.execPath, [path.join(here, name), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
