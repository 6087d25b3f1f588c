# shellcheck shell=bash
# Debian's Chromium for the browser tests (playwright-core drives it; it downloads nothing).
# Sourced by services.sh after lib/common.sh. Installs only; starts nothing.

LLMFB_CHROMIUM_PATH="${LLMFB_CHROMIUM_PATH:-/usr/bin/chromium}"

install_browsers() {
  if [[ -x "$LLMFB_CHROMIUM_PATH" ]]; then
    log "browsers: chromium present at $LLMFB_CHROMIUM_PATH"
    return 0
  fi
  # fonts-liberation: metric-compatible Latin fonts so screenshots have real glyphs.
  apt_install chromium fonts-liberation
  [[ -x "$LLMFB_CHROMIUM_PATH" ]] || fail "browsers: chromium installed but $LLMFB_CHROMIUM_PATH is missing"
  log "browsers: $("$LLMFB_CHROMIUM_PATH" --version 2>/dev/null || echo chromium) installed"
}
