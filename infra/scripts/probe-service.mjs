#!/usr/bin/env node
/**
 * Waits until one service answers a real request, using the same client libraries as the
 * code under test: Kafka (kafkajs DescribeCluster), MongoDB (mongodb driver `ping`), Redis
 * (node-redis PING).
 *
 * Usage: node probe-service.mjs [--timeout SECONDS] [--pid PID] kafka|mongo|redis URL
 * Exit 0 when the service answered; 1 on timeout, when the watched process exits, or on
 * bad arguments. Progress and the last error go to stderr.
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import { MongoClient } from 'mongodb';
import { createClient } from 'redis';

const ATTEMPT_TIMEOUT_MS = 3000;
const RETRY_DELAY_MS = 300;

async function probeKafka(brokers) {
  const kafka = new kafkajs.Kafka({
    clientId: 'llmfb-services-probe',
    brokers: brokers.split(',').map((broker) => broker.trim()),
    connectionTimeout: ATTEMPT_TIMEOUT_MS,
    requestTimeout: ATTEMPT_TIMEOUT_MS,
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('cluster reports no brokers yet');
    return `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function probeMongo(uri) {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: ATTEMPT_TIMEOUT_MS,
    connectTimeoutMS: ATTEMPT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    const build = await client.db('admin').command({ buildInfo: 1 });
    return `server version ${String(build.version)}`;
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function probeRedis(url) {
  const client = createClient({
    url,
    socket: { connectTimeout: ATTEMPT_TIMEOUT_MS, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const reply = await client.ping();
    if (reply !== 'PONG') throw new Error(`PING answered ${String(reply)}`);
    return 'PONG';
  } finally {
    if (client.isOpen) await client.close().catch(() => undefined);
  }
}

const probes = { kafka: probeKafka, mongo: probeMongo, redis: probeRedis };

function isProcessAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function describeError(error) {
  return error instanceof Error ? error.message : String(error);
}

async function waitForService({ name, target, timeoutSeconds, pid }) {
  const probeOnce = probes[name];
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (pid !== undefined && !isProcessAlive(pid)) {
      process.stderr.write(`[probe] ${name}: process ${pid} exited before answering\n`);
      return false;
    }
    try {
      const detail = await probeOnce(target);
      process.stderr.write(`[probe] ${name} at ${target} is ready (${detail})\n`);
      return true;
    } catch (error) {
      lastError = describeError(error);
    }
    await sleep(RETRY_DELAY_MS);
  }
  process.stderr.write(
    `[probe] ${name} at ${target} did not answer within ${timeoutSeconds}s; last error: ${lastError}\n`,
  );
  return false;
}

function readArguments() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { timeout: { type: 'string', default: '120' }, pid: { type: 'string' } },
  });
  const [name, target] = positionals;
  const timeoutSeconds = Number(values.timeout);
  const pid = values.pid === undefined ? undefined : Number(values.pid);
  if (!name || !(name in probes) || !target || positionals.length !== 2) {
    throw new Error('usage: probe-service.mjs [--timeout S] [--pid PID] kafka|mongo|redis URL');
  }
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new Error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
  }
  if (pid !== undefined && !Number.isInteger(pid)) {
    throw new Error(`--pid must be an integer, got ${values.pid}`);
  }
  return { name, target, timeoutSeconds, pid };
}

// Explicit exit: a half-open client socket from a failed attempt must not keep us alive.
try {
  const isReady = await waitForService(readArguments());
  process.exit(isReady ? 0 : 1);
} catch (error) {
  process.stderr.write(`[probe] ${describeError(error)}\n`);
  process.exit(1);
}
