#!/usr/bin/env bash
# Build the hosted site (www/, www/pkg) and the single offline file (dist/minzheng-calc.html): scripts/build.mjs
# does every step (cargo → wasm-bindgen → wasm-opt → esbuild and the single file → the service worker's list).
# Set SKIP_SETUP=1 to skip scripts/setup.sh (test.sh/dev.sh run it once themselves).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${SKIP_SETUP:-0}" != 1 ]]; then bash scripts/setup.sh; fi
exec node scripts/build.mjs "$@"
