// Shared by the proxy benchmarks (bench/proxy.mjs, bench/proxy-ab.mjs, bench/idle.mjs,
// bench/after-pause.mjs, bench/held-bodies.mjs): the pacing mock upstream, a gateway build started
// on the embedded defaults and seeded with a key for the mock, the requests of the translated path,
// /proc readers and small statistics helpers.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The Node options `npm start` gives the gateway (between `node` and the script in the root
 * package.json's start script): our gateway is measured as it ships. `--node-args` add to them
 * (a later V8 flag wins, e.g. `--max-semi-space-size=0` for V8's own sizing).
 */
export const gatewayNodeArgs = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .slice(1, -1);
const children = [];
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/**
 * `--name value` and `--name=value` pairs (a flag followed by another flag or by nothing is
 * `'true'`; a value that starts with `--` itself, such as Node options, needs the `=` form).
 */
export function parseArgs(list) {
  const parsed = {};
  for (let index = 0; index < list.length; index += 1) {
    const arg = list[index];
    if (!arg.startsWith('--')) continue;
    const equals = arg.indexOf('=');
    if (equals > 0) parsed[arg.slice(2, equals)] = arg.slice(equals + 1);
    else {
      const next = list[index + 1];
      parsed[arg.slice(2)] = next === undefined || next.startsWith('--') ? 'true' : list[++index];
    }
  }
  return parsed;
}

/** `KEY=VALUE,KEY=VALUE` (`--gateway-env`) as an environment object. */
export function parseEnvPairs(text = '') {
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Node options given as one space-separated string (`--node-args="--a --b"`). */
export const splitNodeArgs = (value) => (value ?? '').split(' ').filter(Boolean);

export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
export const median = (values) => percentile(values, 50);
export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
export const ms = (value) => `${value.toFixed(3)} ms`;
export async function startProcess(command, argv, env, readyPattern) {
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = readyPattern.exec(output);
      if (match) resolve({ child, match });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}:\n${output}`)));
  });
}

export async function startMock(port, { ttftMs = 0, gapMs = 0, deltas = 4 } = {}) {
  const { child, match } = await startProcess(
    process.execPath,
    [
      'gateway/test/support/mock-upstream.ts',
      '--port',
      String(port),
      '--ttft-ms',
      String(ttftMs),
      '--gap-ms',
      String(gapMs),
      '--deltas',
      String(deltas),
      '--answer-chars',
      String(deltas * 4),
    ],
    {},
    /MOCK_UPSTREAM_URL=(\S+)/,
  );
  return { child, url: match[1], stop: () => child.kill('SIGTERM') };
}

async function jsonCall(base, method, urlPath, body, token) {
  const response = await fetch(base + urlPath, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400)
    throw new Error(`${method} ${urlPath} → ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/**
 * Starts a gateway build (`main`, default this checkout's gateway/dist/main.js) on the embedded
 * defaults with `env` and the Node options `nodeArgs` added, registers an admin and seeds a
 * credential for the mock, a model config (alias `bench`) and a proxy key.
 */
export async function startOwnGateway(
  mockUrl,
  { main = 'gateway/dist/main.js', env = {}, nodeArgs = [] } = {},
) {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'llmfb-bench-'));
  const { child } = await startProcess(
    process.execPath,
    [...gatewayNodeArgs, ...nodeArgs, main],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LLMFB_DATA_DIR: dataDir,
      LLMFB_LOG_LEVEL: 'info',
      LLMFB_ALLOW_PRIVATE_UPSTREAMS: 'true',
      MONGODB_URI: '',
      KAFKA_BROKERS: '',
      REDIS_URL: '',
      LLMFB_WORKERS: '1',
      ...env,
    },
    /gateway listening/,
  );
  const base = `http://127.0.0.1:${port}`;
  const admin = { username: 'bench', email: 'bench@example.com', password: 'bench-password-1' };
  await jsonCall(base, 'POST', '/api/auth/register', admin);
  const { access_token: token } = await jsonCall(base, 'POST', '/api/auth/login', {
    username: admin.username,
    password: admin.password,
  });
  const credential = await jsonCall(
    base,
    'POST',
    '/api/credentials',
    { name: 'mock', provider: 'anthropic', api_key: 'sk-ant-bench-0000000000', api_url: mockUrl },
    token,
  );
  const model = await jsonCall(
    base,
    'POST',
    '/api/models',
    {
      credential_id: credential.id,
      model_name: 'claude-sonnet-4-5',
      target_format: 'openai',
      alias: 'bench',
      rate_limit: 1_000_000,
    },
    token,
  );
  const key = await jsonCall(
    base,
    'POST',
    '/api/keys',
    { name: 'bench', model_config_ids: [model.id], rate_limit: 1_000_000 },
    token,
  );
  return {
    base,
    key: key.key,
    model: 'bench',
    pid: child.pid,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts bench/floor-proxy.mjs in front of the mock: the least a Node.js hop adds, to set our
 * gateway's figures against. It forwards the OpenAI-format request on the same path, so the
 * mock answers in the OpenAI format.
 */
export async function startFloorProxy(mockUrl, { nodeArgs = [] } = {}) {
  const { child, match } = await startProcess(
    process.execPath,
    [...nodeArgs, 'bench/floor-proxy.mjs', '--upstream', mockUrl],
    {},
    /floor proxy listening on (\S+)/,
  );
  return {
    base: match[1],
    key: 'floor',
    model: 'bench',
    pid: child.pid,
    stop: () => child.kill('SIGTERM'),
  };
}

/**
 * What a benchmark measures, from its command line: the floor proxy with `--floor`, else our
 * gateway build `--main` (default this checkout's) with `--gateway-env` and `--node-args`.
 */
export function startTarget(mockUrl, args) {
  const nodeArgs = splitNodeArgs(args['node-args']);
  return args.floor
    ? startFloorProxy(mockUrl, { nodeArgs })
    : startOwnGateway(mockUrl, {
        main: args.main ?? 'gateway/dist/main.js',
        env: parseEnvPairs(args['gateway-env']),
        nodeArgs,
      });
}

export function readRssMb(pid) {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** CPU milliseconds used so far by one thread of `pid` (Linux). */
export function readThreadCpuMs(pid, thread) {
  const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU milliseconds used so far by every thread of `pid`. */
export function readCpuMs(pid) {
  let total = 0;
  for (const thread of readdirSync(`/proc/${pid}/task`)) total += readThreadCpuMs(pid, thread);
  return total;
}

/**
 * Samples a gateway's RSS every 200 ms; at each new peak reads its V8 heap and external memory
 * from its /metrics. `stop()` returns the peak and those figures.
 */
export function samplePeakMemory(gateway) {
  let peakRssMb = 0;
  let heapAtPeak = '';
  const timer = setInterval(() => {
    const rss = readRssMb(gateway.pid);
    if (rss <= peakRssMb) return;
    peakRssMb = rss;
    if (!gateway.pid) return;
    fetch(`${gateway.base}/metrics`)
      .then((response) => response.text())
      .then((text) => {
        if (!text.includes('nodejs_heap_size_used_bytes')) return;
        const mb = (name) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) / 2 ** 20;
        heapAtPeak = `heap used ${mb('nodejs_heap_size_used_bytes').toFixed(0)} MB of ${mb('nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${mb('nodejs_external_memory_bytes').toFixed(0)} MB`;
      })
      .catch(() => {});
  }, 200);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssMb, heapAtPeak };
    },
  };
}

const userMessage = 'Summarise the plot of Hamlet in one sentence.';
const anthropicBody = (stream) =>
  JSON.stringify({
    model: 'claude-sonnet-4-5',
    max_tokens: 256,
    stream,
    messages: [{ role: 'user', content: userMessage }],
  });
const openaiBody = (model, stream) =>
  JSON.stringify({
    model,
    stream,
    max_tokens: 256,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: userMessage },
    ],
  });

export function targets(mockUrl, gateway) {
  return {
    direct: {
      url: `${mockUrl}/v1/messages`,
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'sk-ant-bench',
        'anthropic-version': '2023-06-01',
      },
      body: anthropicBody,
    },
    gateway: {
      url: `${gateway.base}/v1/chat/completions`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.key}` },
      body: (stream) => openaiBody(gateway.model, stream),
    },
  };
}

/** One request to a target of `targets()`: a streamed one when `stream`. */
export function send(target, stream, dispatcher) {
  return request(target.url, {
    method: 'POST',
    headers: target.headers,
    body: target.body(stream),
    dispatcher,
  });
}
