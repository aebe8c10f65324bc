#!/usr/bin/env bash
# Idempotent toolchain setup for minzheng-calc. Each step is skipped when already satisfied.
#   - rustup target wasm32-unknown-unknown; rustfmt and clippy (scripts/test.sh's lint stage)
#   - wasm-bindgen-cli at exactly the version Cargo.toml pins for wasm-bindgen
#   - wasm-tools (crates.io), whose validator checks the modules against the oldest browsers supported
#   - chromium + chromedriver (Debian apt) for the headless browser tests
#   - node_modules (npm ci: esbuild, binaryen's wasm-opt, playwright-core, axe-core) when missing or older than
#     package-lock.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[setup] %s\n' "$*"; }

# --- Rust target -------------------------------------------------------------
if command -v rustup >/dev/null 2>&1; then
  if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    log "rust target wasm32-unknown-unknown: present"
  else
    log "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  for component in rustfmt clippy; do
    if rustup component list --installed | grep -q "^${component}"; then
      log "rust component $component: present"
    else
      log "adding rust component $component"
      rustup component add "$component"
    fi
  done
else
  log "rustup not found; assuming wasm32-unknown-unknown, rustfmt and clippy are available"
fi

# --- wasm-bindgen-cli, version pinned in Cargo.toml ---------------------------
# Matches  wasm-bindgen = "=0.2.130"  or  wasm-bindgen = { version = "=0.2.130", ... }
WB_VERSION="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[^0-9]*([0-9]+\.[0-9]+\.[0-9]+).*/\1/p' Cargo.toml | head -n1)"
if [[ -z "$WB_VERSION" ]]; then
  echo "[setup] ERROR: could not find the wasm-bindgen version in Cargo.toml" >&2
  exit 1
fi
have_wb=""
if command -v wasm-bindgen >/dev/null 2>&1; then
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
fi
if [[ "$have_wb" == "$WB_VERSION" ]] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  log "wasm-bindgen-cli $WB_VERSION: present"
else
  log "installing wasm-bindgen-cli $WB_VERSION (found: ${have_wb:-none})"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --locked \
    || cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- wasm-tools: the validator of scripts/floor.mjs check (test.sh lint stage) ----
# Only its `validate` command is built (about 3 minutes on 2 cores).
WASM_TOOLS_VERSION=1.263.0
if [[ "$(wasm-tools --version 2>/dev/null | awk '{print $2}')" == "$WASM_TOOLS_VERSION" ]]; then
  log "wasm-tools $WASM_TOOLS_VERSION: present"
else
  log "installing wasm-tools $WASM_TOOLS_VERSION (validate only)"
  cargo install wasm-tools --version "$WASM_TOOLS_VERSION" --locked --no-default-features --features validate
fi

# --- Chromium + chromedriver ---------------------------------------------------
if [[ -x /usr/bin/chromium ]] && command -v chromedriver >/dev/null 2>&1; then
  log "chromium + chromedriver: present"
else
  log "installing chromium + chromedriver (apt)"
  SUDO=""
  if [[ "$(id -u)" != 0 ]] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
fi

# --- node_modules ----------------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install; use it as the stamp.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
else
  log "node_modules: up to date"
fi
