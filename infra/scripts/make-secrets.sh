#!/usr/bin/env bash
# Generates the secrets docker-compose.yml mounts (infra/secrets/*, git-ignored):
#   llmfb_encryption_key          AES-256-GCM master key, `<keyId>:<base64 32 bytes>`
#   llmfb_jwt_private_key.pem     RS256 key pair for admin access tokens (2048-bit RSA)
#   llmfb_jwt_public_key.pem
#   mongo_root_password           MongoDB root user (container initialisation only)
#   mongo_app_password            MongoDB user `llmfb` (readWrite on db llmfb)
#   mongodb_uri                   the URI the services use, with that password
#   grafana_admin_password        Grafana `admin`
# Existing files are kept (rotating the encryption key needs the old one: see docs/infra.md);
# --force regenerates everything. Usage: infra/scripts/make-secrets.sh [--force] [DIR]
set -euo pipefail

force=0
if [[ "${1:-}" == "--force" ]]; then
  force=1
  shift
fi
dir="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/secrets}"
command -v openssl >/dev/null || { echo "make-secrets: openssl is required" >&2; exit 1; }
mkdir -p "$dir"
chmod 0700 "$dir"

# The containers run as other users (node, mongodb, grafana) and compose bind-mounts these
# files as they are, so they must be world-readable; the directory above stays 0700.
store_secret() {
  local name="$1" value="$2"
  (umask 022 && printf '%s\n' "$value" >"$dir/$name")
  chmod 0644 "$dir/$name"
  echo "make-secrets: wrote $dir/$name" >&2
}

# Writes a secret unless it exists (and --force was not given).
ensure_secret() {
  local name="$1" value="$2"
  if [[ -e "$dir/$name" && $force -eq 0 ]]; then
    echo "make-secrets: keeping existing $dir/$name" >&2
  else
    store_secret "$name" "$value"
  fi
}

random_password() { openssl rand -hex 24; }

ensure_secret llmfb_encryption_key "k$(date +%Y%m):$(openssl rand -base64 32)"

# The JWT pair is written together, so the two halves always match.
if [[ -e "$dir/llmfb_jwt_private_key.pem" && $force -eq 0 ]]; then
  echo "make-secrets: keeping existing JWT key pair in $dir" >&2
else
  private_key="$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null)"
  store_secret llmfb_jwt_private_key.pem "$private_key"
  store_secret llmfb_jwt_public_key.pem "$(printf '%s\n' "$private_key" | openssl pkey -pubout)"
fi

ensure_secret mongo_root_password "$(random_password)"
ensure_secret mongo_app_password "$(random_password)"
app_password="$(tr -d '\n' <"$dir/mongo_app_password")"
# Derived from the password file, so it is rewritten whenever that file exists.
store_secret mongodb_uri "mongodb://llmfb:${app_password}@mongo:27017/llmfb?authSource=llmfb"
ensure_secret grafana_admin_password "$(random_password)"
