// Memory per held stream when requests carry an agent's long conversation: what the gateway keeps
// of a request's body while its answer streams (issue 4, phase d with real-sized bodies).
//
//   npm run build:server && node bench/held-bodies.mjs [--body-kb 100] [--streams 500]
//
// Starts the pacing mock (40 deltas 250 ms apart) and our gateway, opens --streams translated
// streams at once, each with a conversation of about --body-kb KB (many ~1 KB turns), and prints
// the gateway's idle RSS, its peak RSS, the peak per stream, and V8's heap and external memory at
// the peak (prom-client's process metrics).
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import {
  parseArgs,
  readRssMb,
  samplePeakMemory,
  startMock,
  startOwnGateway,
  targets,
} from './proxy-harness.mjs';

const args = parseArgs(process.argv.slice(2));
const bodyKb = Number(args['body-kb'] ?? 100);
const streams = Number(args.streams ?? 500);

const dispatcher = new Agent({ connections: 8192, keepAliveTimeout: 30_000, pipelining: 1 });
const mock = await startMock(0, { gapMs: 250, deltas: 40 });
const gateway = await startOwnGateway(mock.url);
const { gateway: target } = targets(mock.url, gateway);

const messages = [{ role: 'system', content: 'Be brief. '.repeat(200) }];
let characters = messages[0].content.length;
for (let turn = 0; characters < bodyKb * 1024; turn += 1) {
  const content = `Turn ${turn}: ${'lorem ipsum dolor sit amet '.repeat(36)}`;
  messages.push({ role: turn % 2 ? 'assistant' : 'user', content });
  characters += content.length;
}
if (messages.at(-1).role !== 'user') messages.push({ role: 'user', content: 'Go on.' });
const body = JSON.stringify({ model: gateway.model, stream: true, max_tokens: 256, messages });

async function readStream() {
  const response = await request(target.url, {
    method: 'POST',
    headers: target.headers,
    body,
    dispatcher,
  });
  for await (const chunk of response.body) void chunk;
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
}

for (let index = 0; index < 20; index += 1) await readStream();
await sleep(1000);
const idle = readRssMb(gateway.pid);
const memory = samplePeakMemory(gateway);
const outcomes = await Promise.allSettled(Array.from({ length: streams }, () => readStream()));
const { peakRssMb: peak, heapAtPeak: atPeak } = memory.stop();
const complete = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
console.log(
  `${streams} streams with a ${(body.length / 1024).toFixed(0)} KB conversation each (${messages.length} turns), ${complete} complete: gateway RSS idle ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (${(((peak - idle) * 1024) / streams).toFixed(0)} KB per stream); at the peak ${atPeak}`,
);
gateway.stop();
mock.stop();
await dispatcher.close();
process.exit(0);
