# shellcheck shell=bash
# Our own redis-server instance (Debian package), never the system service.
# Sourced by services.sh after lib/common.sh.

start_redis() {
  local dir
  dir="$(service_dir redis)"
  if running_pid redis >/dev/null; then
    log "redis: already running (pid $(running_pid redis), port $(<"$dir/port"))"
    return 0
  fi
  command -v redis-server >/dev/null || apt_install redis-server
  require_free_port redis "$LLMFB_SERVICES_REDIS_PORT" LLMFB_SERVICES_REDIS_PORT
  mkdir -p "$dir/data"
  printf '%s' "$LLMFB_SERVICES_REDIS_PORT" >"$dir/port"
  log "redis: starting on 127.0.0.1:$LLMFB_SERVICES_REDIS_PORT"
  # redis-server rewrites its process title; the template keeps our marker in it, so the
  # marker is found both before and after the rewrite.
  local marker="llmfb-services-redis-$LLMFB_SERVICES_REDIS_PORT"
  start_detached redis "$marker" redis-server \
    --proc-title-template "{title} {listen-addr} $marker" \
    --bind 127.0.0.1 --port "$LLMFB_SERVICES_REDIS_PORT" --protected-mode yes --daemonize no --supervised no --dir "$dir/data" --save '' --appendonly no \
    --maxmemory 256mb --maxmemory-policy noeviction --logfile ''
}

redis_url() { printf 'redis://127.0.0.1:%s' "$(<"$(service_dir redis)/port")"; }
