/* eslint-disable @typescript-eslint/no-require-imports */
// Starts (or reuses) the real services the integration tests talk to and exports their URLs.
// `infra/scripts/services.sh up` is idempotent and prints KEY=VALUE lines for the env it set.
// A failure here fails the integration run: these tests never skip for want of a service.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const script = path.join(__dirname, '..', 'scripts', 'services.sh');
  const output = execFileSync('bash', [script, 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  for (const line of output.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URI|REDIS_URL)=(.+)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2];
  }
  for (const name of ['KAFKA_BROKERS', 'MONGODB_URI', 'REDIS_URL']) {
    if (!process.env[name]) throw new Error(`infra/scripts/services.sh up did not provide ${name}`);
  }
};
