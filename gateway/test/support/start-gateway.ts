/**
 * @module start-gateway
 * Starts the BUILT gateway (`npm start`'s command line) as a child process on a free port with a
 * fresh data dir, the way `npm start` runs it, and waits for /healthz. For tests that need a real
 * process: the contract smoke, multi-process rate limits, the console e2e.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface StartedGateway {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** The monorepo root: the nearest directory up from the working directory whose package is ours. */
function findRepoRoot(start = process.cwd()): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    const manifest = path.join(directory, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'llmformbridge'
    ) {
      return directory;
    }
    if (path.dirname(directory) === directory)
      throw new Error(`not inside the LLMFormBridge repository: ${start}`);
  }
}

export const repoRoot = findRepoRoot();

/** The Node options `npm start` gives the gateway (the root start script, between `node` and the script). */
export const gatewayNodeArgs: readonly string[] = (
  JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  }
).scripts.start
  .split(/\s+/)
  .slice(1, -1);

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startGateway(
  env: Record<string, string> = {},
  { timeoutMs = 20_000 } = {},
): Promise<StartedGateway> {
  const port = await findFreePort();
  const dataDir = env.LLMFB_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'llmfb-gateway-'));
  const main = path.join(repoRoot, 'gateway', 'dist', 'main.js');
  const child = spawn(process.execPath, [...gatewayNodeArgs, main], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LLMFB_DATA_DIR: dataDir,
      LLMFB_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not answer /healthz within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (!env.LLMFB_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
