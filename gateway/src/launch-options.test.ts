/**
 * `npm start` (root and gateway packages) and the gateway image start the gateway with the same
 * Node options: the memory figures in docs/benchmarks.md hold for whichever way it is run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const startScript = (file: string) =>
  (JSON.parse(read(file)) as { scripts: { start: string } }).scripts.start.split(/\s+/);

describe('the gateway launch command', () => {
  const rootStart = startScript('package.json');

  it('starts node with the Node options, then the built entry', () => {
    expect(rootStart[0]).toBe('node');
    expect(rootStart.at(-1)).toBe('gateway/dist/main.js');
    expect(rootStart).toContain('--max-semi-space-size=16');
  });

  it('is the same in the gateway package and in the gateway image', () => {
    const options = rootStart.slice(1, -1);
    expect(startScript('gateway/package.json')).toEqual(['node', ...options, 'dist/main.js']);
    const cmd = /^CMD (\[.*\])$/m.exec(read('infra/docker/gateway.Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...options, 'gateway/dist/main.js']);
  });
});
