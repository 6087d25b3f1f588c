#!/usr/bin/env node
// Proxy benchmark (issue 4): direct-to-mock vs through a gateway, in one run on loopback.
//
//   node bench/proxy.mjs                       # starts a pacing mock upstream and our built gateway
//   node bench/proxy.mjs --target URL --key K --model M --mock-port P
//                                              # measures any gateway you pointed at the mock on port P
// Options: --phases a,b,c,d  --duration 8 (s per load step)  --max-streams 4000
//          --warmup 15 (s of load before phase a's rounds and b's steps, and of streaming before
//          phase c's rounds, so V8 has optimised the hot path)
//          --hold-gap-ms 250 (gap between deltas in phase d)
//          --gateway-env KEY=VALUE,KEY=VALUE  extra environment for our gateway, e.g.
//          KAFKA_BROKERS=127.0.0.1:19092 (production shape: events to Kafka, workers elsewhere)
//          --node-args="--max-semi-space-size=32"  Node options for our gateway, after those npm start
//          gives it (gatewayNodeArgs in proxy-harness.mjs)
//          --main path/to/gateway/dist/main.js  another build of our gateway (default: this tree's)
//          --floor  measure bench/floor-proxy.mjs instead: a bare Node.js pass-through hop (no auth,
//          limits, conversion or events), the least any Node.js gateway can add on this machine
//
// Phases (translated path: an OpenAI-format client, an Anthropic-format upstream, so key auth,
// rate limiting, event publishing and cross-format conversion are all on):
//  (a) added latency at concurrency 1 against a zero-delay mock: interleaved rounds of direct and
//      gateway requests, median of the round medians (p50 and p99);
//  (b) sustained req/s against a 20 ms mock while p99 < 1 s and errors < 0.1 %;
//  (c) streams of 64 deltas 20 ms apart: added TTFT p99 and added per-chunk delay p99;
//  (d) the most concurrent streams held with no lost frame, and the gateway's RSS there.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Agent } from 'undici';
import {
  gatewayNodeArgs,
  median,
  ms,
  parseArgs,
  parseEnvPairs,
  percentile,
  samplePeakMemory,
  send,
  splitNodeArgs,
  startMock,
  startTarget,
  targets,
} from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
const phases = new Set((args.phases ?? 'a,b,c,d').split(','));
const stepSeconds = Number(args.duration ?? 8);
const gatewayEnv = parseEnvPairs(args['gateway-env']);
const nodeArgs = splitNodeArgs(args['node-args']);
const gatewayMain = args.main ?? 'gateway/dist/main.js';

const dispatcher = new Agent({ connections: 8192, keepAliveTimeout: 30_000, pipelining: 1 });

async function timeOne(target) {
  const started = performance.now();
  const response = await send(target, false, dispatcher);
  const text = await response.body.text();
  if (response.statusCode !== 200)
    throw new Error(`${target.url} answered ${response.statusCode}: ${text.slice(0, 300)}`);
  return performance.now() - started;
}

async function phaseA(gateway) {
  const mock = await startMock(Number(args['mock-port'] ?? 0) || 0);
  const own = gateway ?? (await startTarget(mock.url, args));
  const { direct, gateway: via } = targets(mock.url, own);
  // As in (b) and (c), a gateway in service runs warm: at concurrency 1 V8 is still optimising the
  // request path after thousands of requests (our gateway's main thread spent ~970 µs per request
  // in requests 300–3,300 and ~500 µs from 16,000 on), so the rounds start after a load warm-up.
  await runAutocannon(via.url, via.headers, via.body(false), 50, Number(args.warmup ?? 15));
  for (let index = 0; index < 300; index += 1) {
    await timeOne(direct);
    await timeOne(via);
  }
  const rounds = 15;
  const perRound = 200;
  const added50 = [];
  const added99 = [];
  const d50 = [];
  const g50 = [];
  for (let round = 0; round < rounds; round += 1) {
    const directTimes = [];
    const gatewayTimes = [];
    for (let index = 0; index < perRound; index += 1) {
      directTimes.push(await timeOne(direct));
      gatewayTimes.push(await timeOne(via));
    }
    d50.push(median(directTimes));
    g50.push(median(gatewayTimes));
    added50.push(median(gatewayTimes) - median(directTimes));
    added99.push(percentile(gatewayTimes, 99) - percentile(directTimes, 99));
  }
  if (!gateway) own.stop();
  mock.stop();
  return {
    directP50: median(d50),
    gatewayP50: median(g50),
    addedP50: median(added50),
    addedP99: median(added99),
  };
}

async function runAutocannon(url, headers, body, connections, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method: 'POST', headers, body, connections, duration, pipelining: 1, timeout: 10 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function phaseB(gateway) {
  const mock = await startMock(0, { ttftMs: 20 });
  const own = gateway ?? (await startTarget(mock.url, args));
  const { gateway: via } = targets(mock.url, own);
  const steps = (args.connections ?? '50,100,200,300,400').split(',').map(Number);
  // V8 is still compiling hot functions a few seconds into a run (about 300 optimisations in the
  // 6 s after a 3 s warm-up were traced); a gateway in service runs warm.
  await runAutocannon(via.url, via.headers, via.body(false), 100, Number(args.warmup ?? 15));
  const results = [];
  for (const connections of steps) {
    const result = await runAutocannon(
      via.url,
      via.headers,
      via.body(false),
      connections,
      stepSeconds,
    );
    const total = result.requests.total + result.errors + result.timeouts;
    const errors = result.errors + result.timeouts + result.non2xx;
    results.push({
      connections,
      rps: result.requests.average,
      p99: result.latency.p99,
      errorRate: total ? errors / total : 1,
    });
  }
  if (!gateway) own.stop();
  mock.stop();
  const passing = results.filter((result) => result.p99 < 1000 && result.errorRate < 0.001);
  return { steps: results, best: passing.sort((a, b) => b.rps - a.rps)[0] };
}

/** Reads one SSE stream; returns arrival times (ms since start) of content frames and the count. */
async function readStream(target) {
  const started = performance.now();
  const response = await send(target, true, dispatcher);
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`status ${response.statusCode}`);
  }
  const arrivals = [];
  let buffer = '';
  let done = false;
  for await (const chunk of response.body) {
    const now = performance.now() - started;
    buffer += chunk.toString('utf8');
    let boundary;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      if (
        frame.includes('"text_delta"') ||
        (frame.includes('"content":"') && !frame.includes('"content":""'))
      )
        arrivals.push(now);
      if (frame.includes('[DONE]') || frame.includes('message_stop')) done = true;
    }
  }
  return {
    arrivals,
    done,
    firstAt: started + (arrivals[0] ?? 0),
    lastAt: started + (arrivals.at(-1) ?? 0),
  };
}

function chunkLateness(arrivals, gapMs) {
  if (arrivals.length === 0) return [];
  return arrivals.map((arrival, index) => arrival - (arrivals[0] + index * gapMs));
}

async function phaseC(gateway) {
  const gapMs = 20;
  const mock = await startMock(0, { gapMs, deltas: 64 });
  const own = gateway ?? (await startTarget(mock.url, args));
  const { direct, gateway: via } = targets(mock.url, own);
  const concurrency = Number(args['stream-concurrency'] ?? 20);
  const rounds = 5;
  const measure = async (target) => {
    const results = await Promise.all(
      Array.from({ length: concurrency }, (_, index) =>
        sleep((index * gapMs) / concurrency).then(() => readStream(target)),
      ),
    );
    return {
      ttft: results.map((result) => result.arrivals[0]),
      lateness: results.flatMap((result) => chunkLateness(result.arrivals, gapMs)),
      frames: results.map((result) => result.arrivals.length),
    };
  };
  // As in (b), a gateway in service runs warm: a fresh one is still compiling its stream path
  // through the rounds (V8's --trace-opt counted 10–40 optimisations in each round without this).
  const warmUntil = performance.now() + Number(args.warmup ?? 15) * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < warmUntil) await readStream(via);
    }),
  );
  await measure(direct);
  await measure(via);
  const addedTtft = [];
  const addedChunk = [];
  let frames = 0;
  for (let round = 0; round < rounds; round += 1) {
    const d = await measure(direct);
    const g = await measure(via);
    addedTtft.push(percentile(g.ttft, 99) - percentile(d.ttft, 99));
    addedChunk.push(percentile(g.lateness, 99) - percentile(d.lateness, 99));
    frames = Math.min(...g.frames);
  }
  if (!gateway) own.stop();
  mock.stop();
  return {
    concurrency,
    addedTtftP99: median(addedTtft),
    addedChunkP99: median(addedChunk),
    framesPerStream: frames,
  };
}

async function phaseD(gateway) {
  const deltas = 64;
  const gapMs = Number(args['hold-gap-ms'] ?? 250);
  const mock = await startMock(0, { gapMs, deltas });
  const own = gateway ?? (await startTarget(mock.url, args));
  const { gateway: via } = targets(mock.url, own);
  const levels = (args.streams ?? '500,1000,2000,3000,4000')
    .split(',')
    .map(Number)
    .filter((n) => n <= Number(args['max-streams'] ?? 4000));
  const results = [];
  for (const streams of levels) {
    const memory = samplePeakMemory(own);
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: streams }, () => readStream(via)),
    );
    const { peakRssMb, heapAtPeak } = memory.stop();
    const complete = outcomes.filter(
      (outcome) =>
        outcome.status === 'fulfilled' &&
        outcome.value.done &&
        outcome.value.arrivals.length === deltas,
    ).length;
    // Streams actually open at once: the peak overlap of [first frame, last frame] intervals
    // (a pool cap in the gateway would queue streams and show up here, not as lost frames).
    const edges = outcomes
      .filter((outcome) => outcome.status === 'fulfilled' && outcome.value.arrivals.length > 0)
      .flatMap(({ value }) => [
        [value.firstAt, 1],
        [value.lastAt, -1],
      ])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let concurrent = 0;
    for (const [, step] of edges) concurrent = Math.max(concurrent, (open += step));
    results.push({
      streams,
      complete,
      concurrent,
      lost: streams - complete,
      seconds: (performance.now() - started) / 1000,
      peakRssMb,
      heapAtPeak,
    });
    if (complete < streams || concurrent < streams) break;
    await sleep(1000);
  }
  if (!gateway) own.stop();
  mock.stop();
  const held = results
    .filter((result) => result.lost === 0 && result.concurrent === result.streams)
    .at(-1);
  return { levels: results, held, gapMs, deltas };
}

async function main() {
  const external = args.target
    ? {
        base: args.target.replace(/\/$/, ''),
        key: args.key,
        model: args.model ?? 'bench',
        pid: Number(args.pid) || undefined,
        stop() {},
      }
    : undefined;
  console.log(
    `LLMFormBridge proxy benchmark — ${os.cpus().length} cores, Node ${process.version}, target ${external ? external.base : args.floor ? 'the floor proxy (bench/floor-proxy.mjs)' : `our gateway (node ${[...gatewayNodeArgs, ...nodeArgs, gatewayMain].join(' ')}${Object.keys(gatewayEnv).length ? ` with ${Object.keys(gatewayEnv).join(', ')}` : ', embedded defaults'})`}`,
  );
  if (phases.has('a')) {
    const a = await phaseA(external);
    console.log(
      `(a) concurrency 1, zero-delay mock: direct p50 ${ms(a.directP50)}, through ${args.floor ? 'the floor proxy' : 'the gateway'} p50 ${ms(a.gatewayP50)}; added p50 ${ms(a.addedP50)}, added p99 ${ms(a.addedP99)} (median of 15 interleaved rounds)`,
    );
  }
  if (phases.has('b')) {
    const b = await phaseB(external);
    for (const step of b.steps)
      console.log(
        `    ${String(step.connections).padStart(4)} connections: ${step.rps.toFixed(0)} req/s, p99 ${step.p99} ms, errors ${(step.errorRate * 100).toFixed(3)} %`,
      );
    console.log(
      `(b) 20 ms mock: sustained ${b.best ? `${b.best.rps.toFixed(0)} req/s at ${b.best.connections} connections (p99 ${b.best.p99} ms)` : 'no step met p99 < 1 s and errors < 0.1 %'}`,
    );
  }
  if (phases.has('c')) {
    const c = await phaseC(external);
    console.log(
      `(c) ${c.concurrency} concurrent streams (starts spread over one gap) of 64 deltas 20 ms apart: added TTFT p99 ${ms(c.addedTtftP99)}, added per-chunk p99 ${ms(c.addedChunkP99)} (${c.framesPerStream} frames per stream)`,
    );
  }
  if (phases.has('d')) {
    const d = await phaseD(external);
    for (const level of d.levels)
      console.log(
        `    ${String(level.streams).padStart(5)} streams: ${level.complete} complete, ${level.lost} lost, ${level.concurrent} open at once, ${level.seconds.toFixed(1)} s, peak RSS ${level.peakRssMb.toFixed(0)} MB${level.heapAtPeak ? ` (${level.heapAtPeak})` : ''}`,
      );
    console.log(
      `(d) ${d.deltas} deltas ${d.gapMs} ms apart, most concurrent streams with no lost frame: ${d.held ? `${d.held.streams} (peak RSS ${d.held.peakRssMb.toFixed(0)} MB)` : 'none'}`,
    );
  }
  await dispatcher.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
