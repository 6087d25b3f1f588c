#!/usr/bin/env bash
# The whole test suite, as CI runs it (`npm test`; .ci/run calls `npm ci && npm test`).
# Provisions and starts the real services (Kafka, FerretDB, Redis) and Chromium through
# infra/scripts/services.sh, then: lint, typecheck, build, unit tests, integration tests
# (incl. the API.md contract smoke against a fresh gateway), console tests and the browser e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step "services (Kafka, FerretDB, Redis, Chromium)"
services_env=$(bash infra/scripts/services.sh up)
while IFS='=' read -r name value; do
  case "$name" in KAFKA_BROKERS|MONGODB_URI|REDIS_URL) export "$name=$value" ;; esac
done <<< "$services_env"
echo "KAFKA_BROKERS=$KAFKA_BROKERS MONGODB_URI=$MONGODB_URI REDIS_URL=$REDIS_URL"

step "lint"
npm run lint

step "typecheck"
npm run typecheck

step "compose files"
if ! command -v docker-compose >/dev/null 2>&1; then
  (apt-get install -y -q docker-compose >/dev/null 2>&1 || sudo apt-get install -y -q docker-compose >/dev/null 2>&1) || true
fi
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q
  docker-compose -f docker-compose.yml --profile monitoring config -q
  echo "docker-compose config: ok"
else
  echo "docker-compose is not installable here; compose files not checked" >&2
  exit 1
fi

step "build"
npm run build:server
ui_index=admin-ui/dist/admin-ui/browser/index.html
if [ ! -f "$ui_index" ] || [ -n "$(find admin-ui/src admin-ui/angular.json admin-ui/package.json -newer "$ui_index" -print -quit)" ]; then
  npm run build:ui
else
  echo "console build is up to date"
fi

step "unit tests"
npm run test:unit -- --ci

step "integration tests (real Kafka, FerretDB, Redis; contract smoke)"
npm run test:int -- --ci --runInBand

step "console component tests"
npm run test:ui -- --ci

step "browser end-to-end tests"
npm run test:e2e

echo
echo "all tests passed in $(( $(date +%s) - started )) s"
