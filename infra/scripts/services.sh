#!/usr/bin/env bash
# Real services for the integration tests, on loopback, without Docker:
#   Kafka 4 (KRaft, jars from Maven Central), FerretDB (MongoDB protocol, SQLite backend,
#   built from the Go module proxy), Redis (Debian package), plus Debian's Chromium.
#
# Usage: infra/scripts/services.sh up|down|status|env|browsers
#   up        provision what is missing, start what is not running, wait until each answers,
#             print KAFKA_BROKERS=, MONGODB_URI=, REDIS_URL= (and LLMFB_CHROMIUM_PATH=) on stdout
#   down      stop what `up` started (SIGTERM, SIGKILL after LLMFB_SERVICES_STOP_GRACE seconds)
#   status    report each service on stderr; exit 0 when all are up, 3 otherwise
#   env       print the KEY=VALUE lines of the running services; exit 3 if one is not up
#   browsers  install Chromium if /usr/bin/chromium is missing (starts nothing)
#
# stdout carries only KEY=VALUE lines; everything else goes to stderr. A service already named
# by the environment (KAFKA_BROKERS, MONGODB_URI, REDIS_URL) is used as given and not started.
# Ports, cache location and timeouts are overridable: see lib/common.sh and docs/infra.md.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$SCRIPT_DIR/lib/kafka.sh"
# shellcheck source=lib/mongo.sh
source "$SCRIPT_DIR/lib/mongo.sh"
# shellcheck source=lib/redis.sh
source "$SCRIPT_DIR/lib/redis.sh"
# shellcheck source=lib/browsers.sh
source "$SCRIPT_DIR/lib/browsers.sh"

SERVICES=(kafka mongo redis)

# The environment variable through which each service reaches the application.
env_name() {
  case "$1" in
    kafka) printf 'KAFKA_BROKERS' ;;
    mongo) printf 'MONGODB_URI' ;;
    redis) printf 'REDIS_URL' ;;
    *) fail "unknown service $1" ;;
  esac
}

external_url() { printf '%s' "${!1:-}"; }

local_url() { "${1}_url"; }

with_lock() {
  mkdir -p "$LLMFB_RUN_DIR"
  exec 9>"$LLMFB_RUN_DIR/services.lock"
  flock -w 900 9 || fail "another services.sh has held $LLMFB_RUN_DIR/services.lock for 15 minutes"
}

# Runs one function per argument in parallel; fails if any of them failed.
run_in_parallel() {
  local -a pids=()
  local step failed=0
  for step in "$@"; do
    "$step" &
    pids+=("$!")
  done
  local pid
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  ((failed == 0)) || fail "provisioning failed (see the messages above)"
}

provision_redis() { command -v redis-server >/dev/null || apt_install redis-server; }

command_up() {
  with_lock
  local started=$SECONDS
  local -a wanted=() provision=()
  local service
  for service in "${SERVICES[@]}"; do
    if [[ -n "$(external_url "$(env_name "$service")")" ]]; then
      log "$service: using $(env_name "$service") from the environment; not starting ours"
    else
      wanted+=("$service")
      running_pid "$service" >/dev/null || provision+=("provision_$service")
    fi
  done
  # apt-get steps share the dpkg lock, so Chromium and Redis install in one lane.
  provision_packages() {
    [[ "${LLMFB_SERVICES_SKIP_BROWSERS:-}" == 1 ]] || install_browsers
    [[ " ${provision[*]} " == *" provision_redis "* ]] && provision_redis
    return 0
  }
  local -a lanes=(provision_packages)
  [[ " ${provision[*]} " == *" provision_kafka "* ]] && lanes+=(provision_kafka)
  [[ " ${provision[*]} " == *" provision_mongo "* ]] && lanes+=(provision_ferretdb)
  run_in_parallel "${lanes[@]}"

  for service in "${wanted[@]}"; do "start_$service"; done
  wait_until_ready
  log "all services answer ($((SECONDS - started))s)"
  print_env
}

# Probes every service in parallel; on failure shows that service's log tail and stops it.
wait_until_ready() {
  local -a names=() pids=()
  local service url pid
  for service in "${SERVICES[@]}"; do
    url="$(external_url "$(env_name "$service")")"
    pid=""
    if [[ -z "$url" ]]; then
      pid="$(running_pid "$service")" || {
        show_log_tail "$service"
        fail "$service exited right after start"
      }
      url="$(local_url "$service")"
    fi
    probe "$service" "$url" "$pid" &
    names+=("$service")
    pids+=("$!")
  done
  local index failed=()
  for index in "${!pids[@]}"; do
    wait "${pids[$index]}" || failed+=("${names[$index]}")
  done
  ((${#failed[@]} == 0)) && return 0
  for service in "${failed[@]}"; do
    [[ -n "$(external_url "$(env_name "$service")")" ]] && continue
    show_log_tail "$service"
    stop_service "$service" 10
  done
  fail "did not come up: ${failed[*]}"
}

# Prints KEY=VALUE for every service that is external or running; returns 3 if one is neither.
print_env() {
  local service name url missing=0
  for service in "${SERVICES[@]}"; do
    name="$(env_name "$service")"
    url="$(external_url "$name")"
    if [[ -z "$url" ]]; then
      if running_pid "$service" >/dev/null; then
        url="$(local_url "$service")"
      else
        log "$service: not running (run \`$0 up\`)"
        missing=1
        continue
      fi
    fi
    printf '%s=%s\n' "$name" "$url"
  done
  [[ -x "$LLMFB_CHROMIUM_PATH" ]] && printf 'LLMFB_CHROMIUM_PATH=%s\n' "$LLMFB_CHROMIUM_PATH"
  ((missing == 0)) || return 3
}

command_down() {
  with_lock
  stop_service kafka "$LLMFB_SERVICES_STOP_GRACE" &
  local kafka_stop=$!
  stop_service mongo 10
  stop_service redis 10
  wait "$kafka_stop"
}

command_status() {
  local service name pid all_up=0
  for service in "${SERVICES[@]}"; do
    name="$(env_name "$service")"
    if [[ -n "$(external_url "$name")" ]]; then
      log "$service: external, $name=$(external_url "$name")"
    elif pid="$(running_pid "$service")"; then
      log "$service: running, pid $pid, $name=$(local_url "$service"), log $(service_dir "$service")/$service.log"
    else
      log "$service: stopped"
      all_up=3
    fi
  done
  if [[ -x "$LLMFB_CHROMIUM_PATH" ]]; then log "browsers: $LLMFB_CHROMIUM_PATH"; else log "browsers: chromium not installed"; fi
  return "$all_up"
}

case "${1:-}" in
  up) command_up ;;
  down) command_down ;;
  status) command_status ;;
  env) print_env ;;
  browsers) install_browsers ;;
  *)
    printf 'usage: %s up|down|status|env|browsers\n' "$0" >&2
    exit 2
    ;;
esac
