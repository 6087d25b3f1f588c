// Circuit-breaker cost per call (gateway/dist/proxy/credential-breakers.js, opossum), with a full
// rolling window: the success path, and the failure path, where opossum reads the window's
// statistics to decide whether to open. That is what an upstream outage costs per request.
//
//   npm run build:server && node bench/breaker.mjs [--calls 20000]
//
// --calls is the number of successful calls already in the 10 s window (20,000 ≈ 2,000 req/s).
import { createRequire } from 'node:module';
import { parseArgs } from './proxy-harness.mjs';

const require = createRequire(import.meta.url);
const { createCredentialBreakers } = require('../gateway/dist/proxy/credential-breakers.js');
const { GatewayError } = require('../shared/dist/index.js');

const args = parseArgs(process.argv.slice(2));
const calls = Number(args.calls ?? 20_000);
const failures = 2_000;

const cpuMicros = (since) => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

const breakers = createCredentialBreakers({
  // High enough that the breaker stays closed: every failure takes the full decision path.
  volumeThreshold: Number.MAX_SAFE_INTEGER,
  errorThresholdPercentage: 50,
  resetTimeoutMs: 30_000,
});
const ok = () => Promise.resolve(1);
const upstreamDown = () =>
  Promise.reject(
    new GatewayError({ code: 'upstream.unreachable', status: 502, retryable: true, message: 'x' }),
  );

let since = process.cpuUsage();
for (let index = 0; index < calls; index += 1) await breakers.run('c1', ok);
const success = cpuMicros(since) / calls;
since = process.cpuUsage();
for (let index = 0; index < failures; index += 1)
  await breakers.run('c1', upstreamDown).catch(() => undefined);
const failure = cpuMicros(since) / failures;
breakers.shutdown();

console.log(
  `breaker, ${calls} calls in the window: ${success.toFixed(1)} µs CPU per successful call, ${failure.toFixed(1)} µs per failed call`,
);
