/**
 * Helpers for the workers' integration tests against the real services of infra/scripts: an
 * isolated pipeline (own topic prefix, own MongoDB database), the same publisher the proxy uses,
 * store snapshots for comparisons, worker child processes, and stopping/starting Kafka.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import {
  silentLogger,
  topics,
  type AnalyticsStore,
  type Logger,
  type RequestCompletedData,
  type RequestLogRecord,
  type UsageRollup,
} from '@llmfb/shared';
import {
  connectMongo,
  createEventBus,
  createMongoAnalyticsStore,
  loadConfig,
  type Config,
  type ConfiguredEventBus,
} from '@llmfb/shared/node';
import {
  makeRequestCompletedEnvelope,
  makeUsageRecordedEnvelope,
  type SampleOptions,
} from '../../shared/test/event-fixtures';
import { sumRollups, type Totals } from '../../shared/test/analytics-store-contract';

export { sumRollups };

/** Silent unless LLMFB_TEST_LOG_LEVEL is set (e.g. `info`): then JSON lines on stderr. */
export function createTestLogger(): Logger {
  const level = process.env.LLMFB_TEST_LOG_LEVEL;
  return level ? (pino({ level }, pino.destination(2)) as unknown as Logger) : silentLogger;
}

export const repositoryRoot = path.resolve(__dirname, '..', '..');

export function requireServiceEnv(): { kafkaBrokers: string; mongoUri: string } {
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  const mongoUri = process.env.MONGODB_URI;
  if (!kafkaBrokers || !mongoUri) {
    throw new Error(
      'KAFKA_BROKERS and MONGODB_URI must be set (the integration global setup does)',
    );
  }
  return { kafkaBrokers, mongoUri };
}

export interface IsolatedPipeline {
  readonly prefix: string;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  readonly config: Config;
  /** A MongoDB URI of a database of its own. */
  databaseUri(name: string): string;
  cleanUp(): Promise<void>;
}

export function createIsolatedPipeline(label: string): IsolatedPipeline {
  const { kafkaBrokers, mongoUri } = requireServiceEnv();
  const id = randomUUID().slice(0, 8);
  const prefix = `it-${label}-${id}.`;
  const dataDir = mkdtempSync(path.join(tmpdir(), `llmfb-${label}-`));
  const databases: string[] = [];
  const databaseUri = (name: string) => {
    const url = new URL(mongoUri);
    url.pathname = `/${label.replace(/[^a-z0-9]/gi, '_')}_${id}_${name}`;
    databases.push(url.toString());
    return url.toString();
  };
  const env = {
    KAFKA_BROKERS: kafkaBrokers,
    LLMFB_KAFKA_TOPIC_PREFIX: prefix,
    LLMFB_KAFKA_PARTITIONS: '3',
    LLMFB_DATA_DIR: dataDir,
    LLMFB_LOG_LEVEL: 'silent',
    // The fixtures' requests are months old: keep the retention sweep away from them.
    LLMFB_LOG_RETENTION_DAYS: '36500',
  };
  return {
    prefix,
    dataDir,
    env,
    config: loadConfig(env),
    databaseUri,
    async cleanUp() {
      for (const uri of databases) {
        const connection = await connectMongo(uri).catch(() => undefined);
        await connection?.db?.dropDatabase().catch(() => undefined);
        await connection?.close();
      }
      const kafka = new Kafka({
        clientId: 'cleanup',
        brokers: kafkaBrokers.split(','),
        logLevel: logLevel.NOTHING,
      });
      const admin = kafka.admin();
      await admin.connect();
      const names = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
      await admin.deleteTopics({ topics: names }).catch(() => undefined);
      await admin.disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The publisher the proxy uses (createEventBus with KAFKA_BROKERS). */
export async function createPublishingBus(
  pipeline: IsolatedPipeline,
  dataDir = pipeline.dataDir,
): Promise<ConfiguredEventBus> {
  const bus = createEventBus(
    loadConfig({ ...pipeline.env, LLMFB_DATA_DIR: dataDir }),
    silentLogger,
  );
  await bus.connect();
  return bus;
}

/** What the proxy publishes for one request: the log event and the usage event, keyed by api key. */
export function publishRequest(
  bus: ConfiguredEventBus,
  index: number,
  options: SampleOptions,
): void {
  const completed = makeRequestCompletedEnvelope(index, options);
  const key = completed.data.keyId ?? completed.data.requestId;
  bus.publish(topics.requestCompleted, key, completed);
  bus.publish(topics.usageRecorded, key, makeUsageRecordedEnvelope(index, options));
}

export async function openMongoStore(uri: string): Promise<AnalyticsStore> {
  const connection = await connectMongo(uri);
  return createMongoAnalyticsStore({ connection, retentionDays: 36500, ownsConnection: true });
}

/**
 * Cheap progress probes straight on the collections (the store's paged reads sort the whole
 * collection on FerretDB's SQLite backend, too slow to poll).
 */
export async function openProgressProbe(uri: string) {
  const connection = await connectMongo(uri);
  const database = connection.db;
  if (!database) throw new Error('no database');
  return {
    countLogs: () => database.collection('request_logs').countDocuments(),
    async countRolledUp(granularity: 'minute' | 'hour' | 'day'): Promise<number> {
      const documents = await database
        .collection<{ requests: number }>('usage_rollups')
        .find({ granularity }, { projection: { requests: 1 } })
        .toArray();
      return documents.reduce((sum, document) => sum + document.requests, 0);
    },
    close: () => connection.close(),
  };
}

export async function listAllLogs(store: AnalyticsStore): Promise<RequestLogRecord[]> {
  const rows: RequestLogRecord[] = [];
  let cursor: Parameters<AnalyticsStore['listRequestLogs']>[0]['cursor'];
  for (;;) {
    const page = await store.listRequestLogs({ scope: 'all', limit: 50_000, cursor });
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
}

export async function countLogs(store: AnalyticsStore): Promise<number> {
  return (await listAllLogs(store)).length;
}

export interface StoreSnapshot {
  readonly logs: RequestLogRecord[];
  readonly rollups: Record<'minute' | 'hour' | 'day', readonly UsageRollup[]>;
}

export async function snapshotStore(store: AnalyticsStore): Promise<StoreSnapshot> {
  const range = {
    scope: 'all' as const,
    from: '2000-01-01T00:00:00.000Z',
    to: '2100-01-01T00:00:00.000Z',
  };
  const sortRollups = (rollups: readonly UsageRollup[]) =>
    [...rollups].sort((left, right) => JSON.stringify(left).localeCompare(JSON.stringify(right)));
  return {
    logs: (await listAllLogs(store)).sort((left, right) =>
      left.requestId.localeCompare(right.requestId),
    ),
    rollups: {
      minute: sortRollups(await store.listUsageRollups({ ...range, granularity: 'minute' })),
      hour: sortRollups(await store.listUsageRollups({ ...range, granularity: 'hour' })),
      day: sortRollups(await store.listUsageRollups({ ...range, granularity: 'day' })),
    },
  };
}

export function sumRequests(requests: readonly RequestCompletedData[]): Totals {
  return requests.reduce(
    (totals, data) => ({
      requests: totals.requests + 1,
      errors: totals.errors + (data.statusCode >= 400 ? 1 : 0),
      inputTokens: totals.inputTokens + data.inputTokens,
      outputTokens: totals.outputTokens + data.outputTokens,
      latencySumMs: totals.latencySumMs + data.responseTimeMs,
    }),
    { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, latencySumMs: 0 },
  );
}

export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  options: { timeoutMs: number; what: string; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    if (process.env.LLMFB_TEST_LOG_LEVEL) process.stderr.write(`waiting for ${options.what}\n`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** Until `count` log rows are stored and `count` requests are rolled up at every granularity. */
export async function waitUntilStored(
  probe: Awaited<ReturnType<typeof openProgressProbe>>,
  count: number,
): Promise<void> {
  const options = { timeoutMs: 400_000, intervalMs: 1000 };
  await waitFor(async () => (await probe.countLogs()) >= count, { ...options, what: 'log rows' });
  for (const granularity of ['day', 'hour', 'minute'] as const) {
    await waitFor(async () => (await probe.countRolledUp(granularity)) >= count, {
      ...options,
      what: `usage rolled up by ${granularity}`,
    });
  }
}

function newestMtime(directory: string): number {
  let newest = 0;
  for (const name of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, name.name);
    newest = Math.max(newest, name.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Compiles the workers (and shared) when workers/dist is missing or older than the sources. */
export function ensureWorkersBuilt(): string {
  const entry = path.join(repositoryRoot, 'workers', 'dist', 'main.js');
  const sourcesChanged = Math.max(
    newestMtime(path.join(repositoryRoot, 'workers', 'src')),
    newestMtime(path.join(repositoryRoot, 'shared', 'src')),
  );
  if (!existsSync(entry) || statSync(entry).mtimeMs < sourcesChanged) {
    try {
      execFileSync(
        process.execPath,
        [path.join(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'workers'],
        {
          cwd: repositoryRoot,
          stdio: 'pipe',
        },
      );
    } catch {
      // Type errors elsewhere in shared/ still emit JavaScript; the entry check below decides.
    }
  }
  if (!existsSync(entry)) throw new Error('workers/dist/main.js could not be built');
  return entry;
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  exited: Promise<number | null>;
}

export function startWorkerProcess(
  entry: string,
  role: string,
  env: Record<string, string>,
): WorkerProcess {
  let output = '';
  const child = spawn(process.execPath, [entry, role], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LLMFB_WORKER_METRICS_PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** The pid file services.sh keeps for Kafka (LLMFB_SERVICES_HOME/run/kafka/pid). */
function kafkaPidFile(): string {
  const home =
    process.env.LLMFB_SERVICES_HOME ??
    path.join(
      process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? '/root', '.cache'),
      'llmfb',
    );
  return path.join(home, 'run', 'kafka', 'pid');
}

/** Stops the broker services.sh started (SIGTERM, as `services.sh down` does) and waits for it to exit. */
export async function stopKafka(): Promise<void> {
  const pid = Number(readFileSync(kafkaPidFile(), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('no Kafka pid recorded by services.sh');
  process.kill(pid, 'SIGTERM');
  await waitFor(
    () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    },
    { timeoutMs: 60_000, what: 'Kafka to stop', intervalMs: 200 },
  );
}

/** Starts it again through services.sh (which starts only what is not running); never blocks the loop. */
export async function startKafka(): Promise<void> {
  const { KAFKA_BROKERS: _brokers, MONGODB_URI: _mongo, REDIS_URL: _redis, ...env } = process.env;
  await promisify(execFile)(
    'bash',
    [path.join(repositoryRoot, 'infra', 'scripts', 'services.sh'), 'up'],
    {
      env: { ...env, LLMFB_SERVICES_SKIP_BROWSERS: '1' },
      timeout: 300_000,
    },
  );
}
