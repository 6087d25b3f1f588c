/**
 * The embedded analytics thread is a second V8 isolate in every `npm start` gateway: each module
 * it loads is parsed, compiled and kept in that isolate's heap. It needs the analytics store, a
 * bus and the workers; the packages' root entry points would also bring the conversion core, the
 * limiter and the metrics registry (~10 MB of idle RSS). This loads exactly what the BUILT thread
 * entry requires, in a fresh process, and checks what came along.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const entry = path.resolve(__dirname, '../dist/embedded/analytics-thread.js');

const listModules = `
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const entry = process.argv[1];
const load = createRequire(entry);
for (const [, id] of readFileSync(entry, 'utf8').matchAll(/require\\("([^"]+)"\\)/g)) {
  if (!id.startsWith('node:')) load(id);
}
process.stdout.write(JSON.stringify(Object.keys(require.cache)));
`;

describe('embedded analytics thread', () => {
  it('loads the store, bus and workers without the conversion core, limiter or metrics', () => {
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', listModules, entry], { encoding: 'utf8' }),
    ) as string[];
    const has = (fragment: string) => loaded.some((file) => file.includes(fragment));

    expect(has('/workers/dist/log-writer.js')).toBe(true);
    expect(has('/workers/dist/usage-roller.js')).toBe(true);
    expect(has('/shared/dist/node/analytics/sqlite-analytics-store.js')).toBe(true);
    expect(has('/shared/dist/node/bus/in-process-event-bus.js')).toBe(true);

    expect(has('/shared/dist/convert/')).toBe(false);
    expect(has('/node_modules/prom-client/')).toBe(false);
    expect(has('/node_modules/rate-limiter-flexible/')).toBe(false);
    expect(has('/node_modules/kafkajs/')).toBe(false);
    expect(has('/node_modules/mongoose/')).toBe(false);
    expect(loaded.length).toBeLessThan(200);
  });
});
