#!/bin/sh
# Turns Docker/compose secrets into environment variables, then runs the command.
# A secret mounted as /run/secrets/NAME, where NAME is one of the variables the services read
# (LLMFB_*, MONGODB_URI, REDIS_URL, KAFKA_BROKERS), becomes $NAME unless $NAME is already set.
# Secrets so stay out of the image, the compose file and `docker inspect`.
set -eu

secrets_dir="${LLMFB_SECRETS_DIR:-/run/secrets}"
if [ -d "$secrets_dir" ]; then
  for file in "$secrets_dir"/*; do
    [ -f "$file" ] || continue
    name="$(basename "$file")"
    case "$name" in
      *[!A-Z0-9_]*) continue ;;
      LLMFB_* | MONGODB_URI | REDIS_URL | KAFKA_BROKERS) ;;
      *) continue ;;
    esac
    if [ -z "$(printenv "$name" || true)" ]; then
      value="$(cat "$file")"
      export "$name=$value"
    fi
  done
fi

exec "$@"
