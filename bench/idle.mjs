#!/usr/bin/env node
// What an idle gateway costs: RSS, CPU per second and main-thread wake-ups per second, read from
// /proc (Linux) after one proxied request has opened every connection (upstream pool, event bus).
//
//   node bench/idle.mjs                                            # embedded defaults
//   node bench/idle.mjs --gateway-env KAFKA_BROKERS=127.0.0.1:19092  # production shape (Kafka up)
// Options: --seconds 10 (idle window)  --floor (the floor proxy instead, for reference)
//          --main path/to/gateway/dist/main.js  --node-args="..." (another build, Node options)
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  parseArgs,
  parseEnvPairs,
  readCpuMs,
  readRssMb,
  startMock,
  startTarget,
  targets,
} from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
const seconds = Number(args.seconds ?? 10);
const gatewayEnv = parseEnvPairs(args['gateway-env']);

/** Times the main thread went to sleep waiting for something (each one a later wake-up). */
function wakeUps(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)[1]);
}

const mock = await startMock(0, {});
const target = await startTarget(mock.url, args);
const { gateway: via } = targets(mock.url, target);
const response = await fetch(via.url, {
  method: 'POST',
  headers: via.headers,
  body: via.body(false),
});
await response.text();
if (response.status !== 200) throw new Error(`the warm-up request answered ${response.status}`);
await sleep(3000);

const cpuBefore = readCpuMs(target.pid);
const wakeUpsBefore = wakeUps(target.pid);
await sleep(seconds * 1000);
const cpuPerSecond = (readCpuMs(target.pid) - cpuBefore) / seconds;
const wakeUpsPerSecond = (wakeUps(target.pid) - wakeUpsBefore) / seconds;
const rss = readRssMb(target.pid);
target.stop();
mock.stop();

const what = args.floor
  ? 'the floor proxy'
  : `our gateway (${Object.keys(gatewayEnv).length ? Object.keys(gatewayEnv).join(', ') : 'embedded defaults'})`;
console.log(
  `idle ${what}, ${seconds} s after one request: RSS ${rss.toFixed(0)} MB, CPU ${cpuPerSecond.toFixed(1)} ms/s, main-thread wake-ups ${wakeUpsPerSecond.toFixed(0)}/s`,
);
process.exit(0);
