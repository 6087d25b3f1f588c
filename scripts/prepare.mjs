// npm runs this after `npm ci` / `npm install` at the root: build everything so that `npm start`
// serves at once. LLMFB_SKIP_BUILD=1 skips it (Docker builds and dependency edits during development).
import { spawnSync } from 'node:child_process';

if (process.env.LLMFB_SKIP_BUILD === '1') process.exit(0);
const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
