#!/usr/bin/env bash
# README command 1: set up the toolchain, build the site and the offline single file, then serve www/.
#   PORT=8080 (default) — PORT=0 picks a free port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
SKIP_SETUP=1 bash scripts/build.sh
echo
echo "[dev] offline single file: $(pwd)/dist/minzheng-calc.html"
echo "[dev]                      file://$(pwd)/dist/minzheng-calc.html"
exec node scripts/serve.mjs www
