#!/usr/bin/env node
// Interleaved A/B of two gateway builds on the translated path, in one run against one mock: on
// this small, noisy VM the same build measured minutes apart differs by 10–20 %, more than most
// single changes, so a change is judged against its baseline side by side.
//
//   git worktree add /tmp/base <commit> && (cd /tmp/base && npm ci && npm run build:server)
//   node bench/proxy-ab.mjs --baseline /tmp/base/gateway/dist/main.js
//
// Options: --rounds 6 (alternating blocks per build)  --duration 5 (s per load block)
//          --connections 200  --sequential 500 (requests per block at concurrency 1)
//          --deltas 4 (deltas per streamed answer at concurrency 1)
//          --warmup 15 (s of load per build before the load blocks: V8 is still optimising
//          hot functions after a few seconds)
//          --load-body json|stream (what the load blocks request; a stream has --deltas deltas)
//          --node-args="..." / --baseline-node-args="..." (Node options for each build; with
//          --baseline gateway/dist/main.js this compares Node settings on one build)
//          --gateway-env KEY=VALUE,... (environment for both, e.g. KAFKA_BROKERS=127.0.0.1:19092)
//          --baseline-env KEY=VALUE,... (more for the baseline only: compares settings on one build)
//
// Prints, for each build: CPU per request at concurrency 1 (JSON and stream), and under load
// (autocannon against a 20 ms mock) the req/s of each block and the CPU per request — all CPU
// read from /proc/<pid>/task/*/stat, so the gateway's worker and GC threads count too (Linux) —
// and the main thread's share: one thread serves every request, so under load its CPU per request
// bounds the req/s of one process.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Agent } from 'undici';
import {
  mean,
  parseArgs,
  parseEnvPairs,
  readCpuMs,
  readThreadCpuMs,
  send,
  splitNodeArgs,
  startMock,
  startOwnGateway,
  targets,
} from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
if (!args.baseline) {
  console.error('usage: node bench/proxy-ab.mjs --baseline <other build>/gateway/dist/main.js');
  process.exit(2);
}
const rounds = Number(args.rounds ?? 6);
const seconds = Number(args.duration ?? 5);
const connections = Number(args.connections ?? 200);
const sequential = Number(args.sequential ?? 500);
const deltas = Number(args.deltas ?? 4);
const warmupSeconds = Number(args.warmup ?? 15);
const loadStream = (args['load-body'] ?? 'json') === 'stream';
/** Each build's entry and Node options, in the shape `startOwnGateway` takes. */
const gatewayEnv = parseEnvPairs(args['gateway-env']);
const builds = {
  baseline: {
    main: args.baseline,
    nodeArgs: splitNodeArgs(args['baseline-node-args']),
    env: { ...gatewayEnv, ...parseEnvPairs(args['baseline-env']) },
  },
  current: {
    main: 'gateway/dist/main.js',
    nodeArgs: splitNodeArgs(args['node-args']),
    env: gatewayEnv,
  },
};
const describeBuild = ({ main, nodeArgs, env }) =>
  [...Object.entries(env).map(([key, value]) => `${key}=${value}`), ...nodeArgs, main].join(' ');

/** Both builds against one mock, seeded alike. */
async function startBuilds(mockUrl) {
  const gateways = {};
  for (const name of Object.keys(builds))
    gateways[name] = await startOwnGateway(mockUrl, builds[name]);
  return gateways;
}

const agent = new Agent({ connections: 8 });
async function runSequential(target, stream, count) {
  for (let index = 0; index < count; index += 1) {
    const response = await send(target, stream, agent);
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`${response.statusCode}: ${text}`);
  }
}

function runLoad(target, duration) {
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: target.headers,
        body: target.body(loadStream),
        connections,
        duration,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

/** Alternates `block(name)` between the builds, `rounds` times, the order flipped every round. */
async function interleave(block) {
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 ? ['baseline', 'current'] : ['current', 'baseline'];
    for (const name of order) await block(name);
  }
}

async function sequentialPhase(stream) {
  const mock = await startMock(0, { deltas });
  const gateways = await startBuilds(mock.url);
  const target = (name) => targets(mock.url, gateways[name]).gateway;
  for (const name of Object.keys(builds)) await runSequential(target(name), stream, 1000);
  const cpu = { baseline: 0, current: 0 };
  await interleave(async (name) => {
    const before = readCpuMs(gateways[name].pid);
    await runSequential(target(name), stream, sequential);
    cpu[name] += readCpuMs(gateways[name].pid) - before;
  });
  for (const gateway of Object.values(gateways)) gateway.stop();
  mock.stop();
  return Object.fromEntries(
    Object.entries(cpu).map(([name, total]) => [name, total / (sequential * rounds)]),
  );
}

async function loadPhase() {
  const mock = await startMock(0, { ttftMs: 20, deltas });
  const gateways = await startBuilds(mock.url);
  const target = (name) => targets(mock.url, gateways[name]).gateway;
  for (const name of Object.keys(builds)) await runLoad(target(name), warmupSeconds);
  const totals = {
    baseline: { cpu: 0, main: 0, requests: 0, rps: [] },
    current: { cpu: 0, main: 0, requests: 0, rps: [] },
  };
  await interleave(async (name) => {
    const { pid } = gateways[name];
    const before = readCpuMs(pid);
    const mainBefore = readThreadCpuMs(pid, pid);
    const result = await runLoad(target(name), seconds);
    totals[name].cpu += readCpuMs(pid) - before;
    totals[name].main += readThreadCpuMs(pid, pid) - mainBefore;
    totals[name].requests += result.requests.total;
    totals[name].rps.push(Math.round(result.requests.average));
    await sleep(1500);
  });
  for (const gateway of Object.values(gateways)) gateway.stop();
  mock.stop();
  return totals;
}

console.log(
  `LLMFormBridge proxy A/B — ${os.cpus().length} cores, Node ${process.version}; baseline ${describeBuild(builds.baseline)}, current ${describeBuild(builds.current)}`,
);
const json = await sequentialPhase(false);
const streamed = await sequentialPhase(true);
for (const name of Object.keys(builds))
  console.log(
    `${name.padEnd(8)} concurrency 1: CPU ${json[name].toFixed(3)} ms per JSON request, ${streamed[name].toFixed(3)} ms per stream (${deltas} deltas)`,
  );
const load = await loadPhase();
for (const [name, total] of Object.entries(load)) {
  console.log(
    `${name.padEnd(8)} ${connections} connections, 20 ms mock, ${loadStream ? `streams of ${deltas} deltas` : 'JSON'}: ${total.rps.join(' ')} req/s (mean ${mean(total.rps).toFixed(0)}), CPU ${((total.cpu / total.requests) * 1000).toFixed(0)} µs per request (main thread ${((total.main / total.requests) * 1000).toFixed(0)} µs)`,
  );
}
await agent.close();
process.exit(0);
