#!/usr/bin/env bash
# README "Benchmarks": sizes, first result, keystroke, engine ns per locality, side by side with plain
# JavaScript floating point, 40,000-row batch; checks the budgets (PASS/FAIL per budget, exit 0 either way).
# Builds first when the site or the single file is missing (a clean clone); BUILD=1 forces a build.
# Set BENCH_SKIP_CARGO=1 to skip the criterion run (≈30 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${BUILD:-0}" == 1 || ! -f dist/minzheng-calc.html || ! -f www/pkg/minzheng_page_bg.wasm ]]; then
  bash scripts/build.sh
elif [[ ! -d node_modules/playwright-core || ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  bash scripts/setup.sh
fi
node bench/page-bench.mjs || echo "[bench] the benchmark could not finish (exit $?)"
exit 0
