#!/usr/bin/env node
// The first request after a pause: what the gateway adds to a streamed request that arrives after
// the process has been idle longer than its key cache TTL (LLMFB_KEY_CACHE_TTL_MS, 1 s), as for a
// client that calls now and then rather than continuously. (a) in bench/proxy.mjs measures the
// opposite case, a gateway kept busy.
//
//   npm run build:server && node bench/after-pause.mjs
// Options: --pauses 30 (requests measured)  --pause-ms 1100  --warmup 10 (s of load first)
//          --main path/to/gateway/dist/main.js (another build)  --floor (the bare floor proxy)
//          --gateway-env KEY=VALUE,...  --node-args="..."
//
// Each pause ends with one direct request to the mock, then one through the gateway; prints the
// median and mean of the gateway's time to response headers and to the first content chunk, and
// the direct path's, in ms.
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import {
  mean,
  median,
  parseArgs,
  send,
  startMock,
  startTarget,
  targets,
} from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
const pauses = Number(args.pauses ?? 30);
const pauseMs = Number(args['pause-ms'] ?? 1100);
const warmupSeconds = Number(args.warmup ?? 10);

const dispatcher = new Agent({ connections: 64, pipelining: 1 });
const mock = await startMock(0, { gapMs: 20, deltas: 3 });
const gateway = await startTarget(mock.url, args);
const { direct, gateway: via } = targets(mock.url, gateway);

/** Times to the response headers and to the first body chunk of one streamed request. */
async function timeStream(target) {
  const started = performance.now();
  const response = await send(target, true, dispatcher);
  const headers = performance.now() - started;
  let firstChunk;
  for await (const chunk of response.body)
    if (chunk.length > 0) firstChunk ??= performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`${target.url} answered ${response.statusCode}`);
  return { headers, firstChunk };
}

// A gateway in service has compiled its request path: warm it up under load first.
const warmUntil = performance.now() + warmupSeconds * 1000;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (performance.now() < warmUntil) await timeStream(via);
  }),
);

const samples = { direct: [], gateway: [] };
for (let index = 0; index < pauses; index += 1) {
  await sleep(pauseMs);
  samples.direct.push(await timeStream(direct));
  samples.gateway.push(await timeStream(via));
}
gateway.stop();
mock.stop();

const describe = (list, field) => {
  const values = list.map((sample) => sample[field]);
  return `median ${median(values).toFixed(2)}, mean ${mean(values).toFixed(2)}`;
};
console.log(
  `${args.floor ? 'floor proxy' : (args.main ?? 'gateway/dist/main.js')}, ${pauses} streamed requests each after ${pauseMs} ms idle (ms):`,
);
for (const [name, list] of Object.entries(samples))
  console.log(
    `  ${name.padEnd(8)} headers ${describe(list, 'headers')}; first chunk ${describe(list, 'firstChunk')}`,
  );
process.exit(0);
