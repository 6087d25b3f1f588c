// Usage-rollup cost per usage-recorded event in the embedded analytics store
// (shared/dist/node/analytics, SQLite): `applyUsage` claims each request id, groups the batch by
// rollup (minute, hour and day) and folds it into the rollup rows, one transaction per batch —
// the work the usage roller does for every proxied request.
//
//   npm run build:server && node bench/rollups.mjs [--batches 1200] [--batch-size 45] [--keys 1]
//
// --batch-size 45 is what the analytics thread gets per message at ~1,800 req/s (25 ms); --keys
// spreads the entries over that many keys (1: one key and model, the bench's case).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './proxy-harness.mjs';

const require = createRequire(import.meta.url);
const { createSqliteAnalyticsStore } = require('../shared/dist/node/analytics/index.js');

const args = parseArgs(process.argv.slice(2));
const batches = Number(args.batches ?? 1200);
const batchSize = Number(args['batch-size'] ?? 45);
const keys = Number(args.keys ?? 1);
const warmBatches = Math.floor(batches / 6);

const directory = mkdtempSync(path.join(os.tmpdir(), 'llmfb-rollups-'));
const store = createSqliteAnalyticsStore({ filePath: path.join(directory, 'analytics.db') });
const start = Date.now();
let sequence = 0;
const makeBatch = () => ({
  source: 'bench:0',
  entries: Array.from({ length: batchSize }, () => {
    const key = sequence % keys;
    const entry = {
      requestId: `request-${sequence}`,
      sequence,
      userId: 'user-1',
      keyId: `key-${key}`,
      modelConfigId: `model-config-${key}`,
      credentialId: 'credential-1',
      model: 'bench',
      // ~2,500 requests per second of traffic: batches cross minute boundaries now and then.
      startedAt: new Date(start + sequence * 0.4).toISOString(),
      isError: sequence % 50 === 0,
      inputTokens: 25,
      outputTokens: 8,
      latencyMs: 20 + (sequence % 7),
    };
    sequence += 1;
    return entry;
  }),
});
const work = Array.from({ length: batches }, makeBatch);

for (const batch of work.slice(0, warmBatches)) await store.applyUsage(batch);
const since = process.cpuUsage();
for (const batch of work.slice(warmBatches)) await store.applyUsage(batch);
const used = process.cpuUsage(since);
const entries = (batches - warmBatches) * batchSize;
console.log(
  `applyUsage (SQLite), batches of ${batchSize}, ${keys} key(s): ` +
    `${((used.user + used.system) / entries).toFixed(2)} µs of CPU per entry over ${entries} entries`,
);
await store.close();
rmSync(directory, { recursive: true, force: true });
