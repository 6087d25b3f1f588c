# shellcheck shell=bash
# FerretDB v1 (MongoDB wire protocol on SQLite) built from the Go module proxy.
# Sourced by services.sh after lib/common.sh.
#
# Why a build step instead of a bare `go install ...@v1.24.2`: the module on the proxy lacks
# the generated build/version/version.txt, and such a binary panics at start-up. We copy the
# module source, write that file, apply infra/ferretdb/patches/*.patch (see there) and build.

FERRETDB_MODULE="github.com/FerretDB/FerretDB"
FERRETDB_VERSION="v1.24.2"

ferretdb_go_env() {
  env GOMODCACHE="$LLMFB_SERVICES_HOME/go/mod" GOCACHE="$LLMFB_SERVICES_HOME/go/build" \
    GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=0 "$@"
}

# The binary's name carries the version and a hash of the patches, so editing a patch rebuilds.
ferretdb_binary() {
  local key
  key="$(cat "$LLMFB_INFRA_DIR"/ferretdb/patches/*.patch | sha256sum | cut -c1-12)"
  printf '%s/bin/ferretdb-%s-%s' "$LLMFB_SERVICES_HOME" "$FERRETDB_VERSION" "$key"
}

provision_ferretdb() {
  local binary
  binary="$(ferretdb_binary)"
  [[ -x "$binary" ]] && return 0
  command -v go >/dev/null || fail "mongo: Go is needed to build FerretDB $FERRETDB_VERSION (none on PATH)"
  log "mongo: building FerretDB $FERRETDB_VERSION from the Go module proxy (first run only, ~2-4 min)"
  local module_dir
  module_dir="$(ferretdb_go_env go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$module_dir" && -d "$module_dir" ]] || fail "mongo: go mod download $FERRETDB_MODULE@$FERRETDB_VERSION failed"

  local source="$LLMFB_SERVICES_HOME/build/ferretdb-src"
  rm -rf "$source"
  mkdir -p "$(dirname "$source")" "$(dirname "$binary")"
  cp -r "$module_dir" "$source"
  chmod -R u+w "$source"
  printf '%s\n' "$FERRETDB_VERSION" >"$source/build/version/version.txt"
  local patch
  for patch in "$LLMFB_INFRA_DIR"/ferretdb/patches/*.patch; do
    (cd "$source" && patch -s -p1 --forward <"$patch") || fail "mongo: patch $(basename "$patch") does not apply"
  done
  (cd "$source" && quietly ferretdb_go_env go build -trimpath -o "$binary.tmp" ./cmd/ferretdb) ||
    fail "mongo: go build of FerretDB failed (see the Go output above)"
  mv "$binary.tmp" "$binary"
  rm -rf "$source"
}

start_mongo() {
  local dir
  dir="$(service_dir mongo)"
  if running_pid mongo >/dev/null; then
    log "mongo: already running (pid $(running_pid mongo), port $(<"$dir/port"))"
    return 0
  fi
  provision_ferretdb
  require_free_port mongo "$LLMFB_SERVICES_MONGO_PORT" LLMFB_SERVICES_MONGO_PORT
  mkdir -p "$dir/data" "$dir/state"
  printf '%s' "$LLMFB_SERVICES_MONGO_PORT" >"$dir/port"
  log "mongo: starting FerretDB $FERRETDB_VERSION (SQLite) on 127.0.0.1:$LLMFB_SERVICES_MONGO_PORT"
  start_detached mongo "--state-dir=$dir/state" "$(ferretdb_binary)" \
    --handler=sqlite "--sqlite-url=file:$dir/data/" \
    "--listen-addr=127.0.0.1:$LLMFB_SERVICES_MONGO_PORT" \
    --debug-addr=- --telemetry=disable --log-level=warn "--state-dir=$dir/state"
}

mongo_url() {
  printf 'mongodb://127.0.0.1:%s/%s' "$(<"$(service_dir mongo)/port")" "$LLMFB_SERVICES_MONGO_DB"
}
