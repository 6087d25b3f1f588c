# shellcheck shell=bash
# Shared settings and process helpers for infra/scripts/services.sh.
# Sourced, never run. Everything human-readable goes to stderr; stdout is reserved for the
# KEY=VALUE lines that callers (jest global setup, CI) parse.

LLMFB_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LLMFB_INFRA_DIR="$LLMFB_REPO_ROOT/infra"

# Caches (downloads, builds) and runtime state (data, logs, pids) live outside the work tree.
LLMFB_SERVICES_HOME="${LLMFB_SERVICES_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/llmfb}"
LLMFB_RUN_DIR="$LLMFB_SERVICES_HOME/run"

# Non-default loopback ports (below the ephemeral range), so a system Kafka/Mongo/Redis and
# the kernel's client ports never collide with ours.
LLMFB_SERVICES_KAFKA_PORT="${LLMFB_SERVICES_KAFKA_PORT:-19092}"
LLMFB_SERVICES_KAFKA_CONTROLLER_PORT="${LLMFB_SERVICES_KAFKA_CONTROLLER_PORT:-19093}"
LLMFB_SERVICES_MONGO_PORT="${LLMFB_SERVICES_MONGO_PORT:-27117}"
LLMFB_SERVICES_REDIS_PORT="${LLMFB_SERVICES_REDIS_PORT:-16379}"
LLMFB_SERVICES_MONGO_DB="${LLMFB_SERVICES_MONGO_DB:-llmfb_test}"
LLMFB_SERVICES_KAFKA_HEAP="${LLMFB_SERVICES_KAFKA_HEAP:-512m}"
LLMFB_SERVICES_READY_TIMEOUT="${LLMFB_SERVICES_READY_TIMEOUT:-120}"
LLMFB_SERVICES_STOP_GRACE="${LLMFB_SERVICES_STOP_GRACE:-30}"

# Toolchains installed outside the default PATH (Go's tarball install, `go install` targets):
# appended, so whatever the caller's PATH names first still wins.
for tool_dir in /usr/local/go/bin "$HOME/go/bin"; do
  [[ -d "$tool_dir" && ":$PATH:" != *":$tool_dir:"* ]] && PATH="$PATH:$tool_dir"
done
unset tool_dir
export PATH

log() { printf '[services] %s\n' "$*" >&2; }
fail() {
  printf '[services] ERROR: %s\n' "$*" >&2
  exit 1
}

# Runs a command with its stdout sent to stderr, so tool chatter never reaches our stdout.
quietly() { "$@" 1>&2; }

service_dir() { printf '%s/%s' "$LLMFB_RUN_DIR" "$1"; }

# Prints the pid of a service we started, if that process is still alive and is ours.
# A pid file alone is not trusted: the pid may have been reused, so the process's command
# line must still contain the marker recorded next to it when it was started.
running_pid() {
  local dir pid marker
  dir="$(service_dir "$1")"
  [[ -f "$dir/pid" && -f "$dir/marker" ]] || return 1
  pid="$(<"$dir/pid")"
  marker="$(<"$dir/marker")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  printf '%s' "$pid"
}

# start_detached NAME MARKER COMMAND... — starts COMMAND in its own session with stdin from
# /dev/null and output appended to the service log, so no caller's pipe is held open and a
# Ctrl-C in the caller's terminal does not reach it. Records pid and marker.
start_detached() {
  local name="$1" marker="$2" dir
  shift 2
  dir="$(service_dir "$name")"
  mkdir -p "$dir"
  rm -f "$dir/pid"
  [[ -f "$dir/$name.log" ]] && mv -f "$dir/$name.log" "$dir/$name.log.1"
  printf '%s' "$marker" >"$dir/marker"
  # shellcheck disable=SC2016 # $$ and $0/$@ belong to the inner shell.
  # 9>&- : the service must not inherit the lock descriptor of `up`, or it would hold the lock
  # for its whole life and every later `up`/`down` would wait for it.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$dir/pid" "$@" >>"$dir/$name.log" 2>&1 </dev/null 9>&- &
  local waited=0
  until [[ -s "$dir/pid" ]]; do
    sleep 0.05
    waited=$((waited + 1))
    ((waited < 100)) || fail "$name did not start (no pid after 5 s); see $dir/$name.log"
  done
}

# stop_service NAME GRACE_SECONDS — SIGTERM, then SIGKILL after the grace period.
stop_service() {
  local name="$1" grace="$2" pid dir
  dir="$(service_dir "$name")"
  if ! pid="$(running_pid "$name")"; then
    rm -f "$dir/pid"
    log "$name: not running"
    return 0
  fi
  log "$name: stopping pid $pid (SIGTERM, SIGKILL after ${grace}s)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: still alive after ${grace}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/pid"
  log "$name: stopped"
}

# Whether something already listens on 127.0.0.1:PORT.
is_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuses to start a service on a port that someone else holds.
require_free_port() {
  local name="$1" port="$2" variable="$3"
  if is_port_busy "$port"; then
    fail "$name: port $port on 127.0.0.1 is taken by another process; set $variable to a free port"
  fi
}

# Prints the last lines of a service's log to stderr (for start-up failures).
show_log_tail() {
  local name="$1" file
  file="$(service_dir "$name")/$name.log"
  [[ -f "$file" ]] || return 0
  printf '[services] ---- last lines of %s ----\n' "$file" >&2
  tail -n 40 "$file" >&2
  printf '[services] ---- end of %s ----\n' "$file" >&2
}

# apt_install PACKAGE... — installs Debian packages (root, or sudo without a password).
apt_install() {
  local -a sudo=()
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
      fail "need root (or password-less sudo) to apt-get install $*"
    fi
    sudo=(sudo -n)
  fi
  local -a install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get
    -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@")
  log "apt-get install $*"
  if ! quietly "${install[@]}"; then
    log "apt-get install failed; refreshing the package lists and retrying"
    quietly "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q || fail "apt-get update failed"
    quietly "${install[@]}" || fail "apt-get install $* failed"
  fi
}

# The project's Node 24 (the `node` devDependency) and the client libraries the probe uses.
node_binary() {
  local node="$LLMFB_REPO_ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || node="$(command -v node || true)"
  [[ -n "$node" ]] || fail "node not found; run \`npm ci\` at the repository root first"
  local package
  for package in kafkajs mongodb redis; do
    [[ -d "$LLMFB_REPO_ROOT/node_modules/$package" ]] ||
      fail "node_modules/$package is missing; run \`npm ci\` at the repository root first"
  done
  printf '%s' "$node"
}

# probe NAME URL [PID] — waits until the service answers a real request (Kafka: DescribeCluster,
# Mongo: ping, Redis: PING). With a PID, gives up at once if that process dies.
probe() {
  local name="$1" url="$2" pid="${3:-}" node
  node="$(node_binary)"
  local -a args=("$LLMFB_INFRA_DIR/scripts/probe-service.mjs" --timeout "$LLMFB_SERVICES_READY_TIMEOUT")
  [[ -n "$pid" ]] && args+=(--pid "$pid")
  NODE_NO_WARNINGS=1 "$node" "${args[@]}" "$name" "$url" 1>&2
}
