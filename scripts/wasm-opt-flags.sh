#!/usr/bin/env bash
# Prints the wasm-opt feature flags (scripts/size-profile.sh): the WebAssembly features of the oldest browsers
# supported, from scripts/floor.mjs, as scripts/build.mjs uses them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node scripts/floor.mjs wasm-opt-flags
