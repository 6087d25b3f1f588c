#!/usr/bin/env node
// Events benchmark (issue 6), on the compiled output (`npm run build:server` first) and the real
// services (`npm run infra:up`; KAFKA_BROKERS / MONGODB_URI are read from the environment or from
// `infra/scripts/services.sh env`).
//
//   node bench/events.mjs                   # worker stores into SQLite (the worker's own file)
//   node bench/events.mjs --store mongo     # worker stores into MONGODB_URI (FerretDB here)
// Options: --events 50000 (ingest phase)  --rate 500 --seconds 20 (lag phase)
//
// (1) Ingest: N request.completed events are published first (through the same publisher the
//     proxy uses), then ONE worker process (`node workers/dist/main.js logs`) is started and the
//     bench reads its /metrics until all N are written: events per second ingested.
// (2) Lag: with that worker caught up, events are published at a steady rate; each row's
//     appearance in the store is observed (polling every 25 ms) and compared with its publish
//     time: end-to-end lag p50/p95/p99 from publish to stored row.
// Everything lives under a fresh topic prefix and database, removed at the end.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .flatMap((arg, index, list) =>
      arg.startsWith('--')
        ? [[arg.slice(2), list[index + 1]?.startsWith('--') ? 'true' : list[index + 1]]]
        : [],
    ),
);
const store = args.store ?? 'sqlite';
const ingestEvents = Number(args.events ?? 50_000);
const rate = Number(args.rate ?? 500);
const lagSeconds = Number(args.seconds ?? 20);

function readServiceEnv() {
  if (process.env.KAFKA_BROKERS && (store !== 'mongo' || process.env.MONGODB_URI))
    return process.env;
  const output = execFileSync('bash', [path.join(root, 'infra/scripts/services.sh'), 'env'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const env = { ...process.env };
  for (const line of output.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URI)=(.+)$/.exec(line.trim());
    if (match) env[match[1]] ??= match[2];
  }
  if (!env.KAFKA_BROKERS) throw new Error('no KAFKA_BROKERS: run `npm run infra:up` first');
  return env;
}

const { createEventBus, loadConfig, connectMongo } = require(
  path.join(root, 'shared/dist/node/index.js'),
);
const { topics } = require(path.join(root, 'shared/dist/index.js'));
const { Kafka, logLevel } = require('kafkajs');

const serviceEnv = readServiceEnv();
const runId = randomUUID().slice(0, 8);
const prefix = `bench-${runId}.`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'llmfb-bench-events-'));
const mongoUri = (() => {
  if (store !== 'mongo') return undefined;
  const url = new URL(serviceEnv.MONGODB_URI);
  url.pathname = `/bench_events_${runId}`;
  return url.toString();
})();
const baseEnv = {
  KAFKA_BROKERS: serviceEnv.KAFKA_BROKERS,
  LLMFB_KAFKA_TOPIC_PREFIX: prefix,
  LLMFB_KAFKA_PARTITIONS: '6',
  LLMFB_LOG_RETENTION_DAYS: '36500',
  LLMFB_LOG_LEVEL: 'info',
};

function makeEnvelope(index, startedAt) {
  const key = index % 6;
  const requestId = `bench-${runId}-${index}`;
  return {
    id: `${requestId}:completed`,
    type: 'request.completed',
    version: 1,
    occurredAt: startedAt,
    data: {
      requestId,
      userId: `user-${key % 3}`,
      keyId: `key-${key}`,
      modelConfigId: `mc-${key % 4}`,
      credentialId: `cred-${key % 2}`,
      method: 'POST',
      path: '/v1/chat/completions',
      model: `alias-${key % 4}`,
      upstreamModel: `upstream-${key % 4}`,
      sourceFormat: 'openai',
      targetFormat: 'anthropic',
      stream: index % 2 === 0,
      statusCode: index % 20 === 0 ? 502 : 200,
      responseTimeMs: 20 + (index % 900),
      ttftMs: 5 + (index % 200),
      inputTokens: 100 + (index % 400),
      outputTokens: 10 + (index % 300),
      cacheReadTokens: 0,
      cacheCreationTokens: 0,
      tokensEstimated: false,
      errorMessage: index % 20 === 0 ? 'upstream failed' : null,
      conversionNotes: [],
      upstreamAttempts: 1,
      startedAt,
    },
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

function startWorker() {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...baseEnv,
    LLMFB_DATA_DIR: dataDir,
    LLMFB_WORKER_METRICS_PORT: '0',
    HOST: '127.0.0.1',
  };
  if (mongoUri) env.MONGODB_URI = mongoUri;
  const child = spawn(process.execPath, [path.join(root, 'workers/dist/main.js'), 'logs'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /"metricsPort":(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${code}): ${output.slice(-2000)}`)),
    );
  });
  return { child, port };
}

async function readWritten(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const read = (name) =>
    Number(new RegExp(`^${name}\\{worker="log-writer"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return read('llmfb_worker_events_written_total') + read('llmfb_worker_events_skipped_total');
}

/**
 * Reports which of the pending request ids are stored now. SQLite: the rows with new rowids
 * (exact). MongoDB: reading FerretDB while the worker writes is too slow to poll, so the worker's
 * own `written` counter stands in: when it has grown by k, the k oldest pending events count as
 * stored (the partitions are consumed side by side, so this is an estimate).
 */
async function createRowWatcher(port) {
  if (!mongoUri) {
    let database;
    let lastRowid = 0;
    return {
      method: 'exact, SQLite rowids polled every 25 ms',
      async next() {
        database ??= new DatabaseSync(path.join(dataDir, 'analytics.db'), { readOnly: true });
        const rows = database
          .prepare('SELECT rowid, request_id FROM request_logs WHERE rowid > ? ORDER BY rowid')
          .all(lastRowid);
        if (rows.length) lastRowid = rows[rows.length - 1].rowid;
        return rows.map((row) => row.request_id);
      },
      close: async () => database?.close(),
    };
  }
  let baseline;
  let counted = 0;
  return {
    method: "estimated from the worker's written counter, scraped every 25 ms",
    async next(pending) {
      const written = await readWritten(port);
      baseline ??= written;
      const fresh = written - baseline - counted;
      if (fresh <= 0) return [];
      const ids = [];
      for (const requestId of pending) {
        if (ids.length >= fresh) break;
        ids.push(requestId);
      }
      counted += ids.length;
      return ids;
    },
    close: async () => {},
  };
}

function percentile(sorted, quantile) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
}

async function main() {
  const bus = createEventBus(
    loadConfig({
      ...baseEnv,
      LLMFB_LOG_LEVEL: 'silent',
      LLMFB_DATA_DIR: path.join(dataDir, 'publisher'),
    }),
    silent,
  );
  await bus.connect();
  console.log(
    `store: ${store}${mongoUri ? ` (${mongoUri})` : ' (worker-local SQLite file)'}; kafka ${serviceEnv.KAFKA_BROKERS}; ${os.cpus().length} cores`,
  );

  // (1) ingest throughput of one worker process
  const startedAt = new Date().toISOString();
  for (let index = 0; index < ingestEvents; index += 1) {
    const envelope = makeEnvelope(index, startedAt);
    bus.publish(topics.requestCompleted, envelope.data.keyId, envelope);
    if (index % 5000 === 4999) await sleep(1);
  }
  while (bus.readState().queued > 0) await sleep(20);
  const worker = startWorker();
  const port = await worker.port;
  // Rate over the observed window only: from the first poll that sees rows to the last one.
  let firstAt;
  let writtenAtFirst = 0;
  let written = 0;
  while (written < ingestEvents) {
    written = await readWritten(port);
    if (written > 0 && firstAt === undefined) {
      firstAt = performance.now();
      writtenAtFirst = written;
    }
    await sleep(20);
  }
  const ingestSeconds = (performance.now() - firstAt) / 1000;
  const ingestRate = Math.round((ingestEvents - writtenAtFirst) / ingestSeconds);
  console.log(
    `ingest: ${ingestEvents} events (${ingestEvents - writtenAtFirst} timed) by one worker process: ${ingestRate} events/s (target >= 5000/s)`,
  );

  // (2) end-to-end lag at a steady rate: publishing runs on its own timer, observing on its own
  // loop, so a slow store query never delays publishing.
  const watcher = await createRowWatcher(port);
  await watcher.next([]);
  const publishedAt = new Map();
  const lags = [];
  const total = rate * lagSeconds;
  let published = 0;
  const begin = performance.now();
  const publisher = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * rate));
    for (; published < due; published += 1) {
      const envelope = makeEnvelope(ingestEvents + published, new Date().toISOString());
      publishedAt.set(envelope.data.requestId, performance.now());
      bus.publish(topics.requestCompleted, envelope.data.keyId, envelope);
    }
  }, 5);
  while (published < total || publishedAt.size > 0) {
    for (const requestId of await watcher.next(publishedAt.keys())) {
      const at = publishedAt.get(requestId);
      if (at !== undefined) {
        lags.push(performance.now() - at);
        publishedAt.delete(requestId);
      }
    }
    if (performance.now() - begin > (lagSeconds + 120) * 1000) {
      throw new Error(`${publishedAt.size} rows never arrived`);
    }
    await sleep(25);
  }
  clearInterval(publisher);
  lags.sort((left, right) => left - right);
  const format = (ms) => `${Math.round(ms)} ms`;
  console.log(
    `lag at ${rate} events/s for ${lagSeconds} s (${lags.length} events, publish -> stored, ${watcher.method}): p50 ${format(percentile(lags, 0.5))}, p95 ${format(percentile(lags, 0.95))}, p99 ${format(percentile(lags, 0.99))}, max ${format(lags[lags.length - 1])} (target p95 < 2000 ms)`,
  );

  await watcher.close();
  worker.child.kill('SIGTERM');
  await new Promise((resolve) => worker.child.once('exit', resolve));
  await bus.close();
}

async function cleanUp() {
  const kafka = new Kafka({
    clientId: 'bench-cleanup',
    brokers: serviceEnv.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
  await admin.deleteTopics({ topics: names }).catch(() => undefined);
  await admin.disconnect();
  if (mongoUri) {
    const connection = await connectMongo(mongoUri);
    await connection.db.dropDatabase();
    await connection.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
}

main()
  .then(cleanUp)
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(error);
    await cleanUp().catch(() => undefined);
    process.exit(1);
  });
