#!/usr/bin/env bash
# README command 2: set up, build, lint, then run every test suite:
#   lint: the browser floor (node scripts/floor.mjs check), cargo fmt --check and cargo clippy -D warnings on every
#         crate and target (native, wasm32, the fuzz crate)
#   1. cargo test --workspace                       (native: every crate's unit, golden, property, batch tests)
#   2. cargo test --target wasm32-unknown-unknown -p minzheng-web   (wasm-bindgen-test in headless Chromium)
#   3. node --test tests/browser/                   (Playwright-driven page tests: served site + file:// single file)
# Exits non-zero if any stage fails (later test stages still run so one run shows every failure;
# if setup or build fails nothing else runs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

FAILED=()
declare -a SUMMARY=()

header() { printf '\n==================== %s ====================\n' "$*"; }

# run_stage NAME CMD... — runs CMD, records pass/fail and duration, never aborts the script.
run_stage() {
  local name="$1"; shift
  header "$name"
  echo "\$ $*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  local dt=$((SECONDS - t0))
  if [[ $rc -eq 0 ]]; then
    SUMMARY+=("PASS  ${dt}s  $name")
  else
    SUMMARY+=("FAIL  ${dt}s  $name (exit $rc)")
    FAILED+=("$name")
  fi
  return $rc
}

summary() {
  header "summary"
  printf '%s\n' "${SUMMARY[@]}"
  if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "FAILED: ${FAILED[*]}"
    exit 1
  fi
  echo "all stages passed"
}

run_stage "setup" bash scripts/setup.sh || summary
run_stage "build (wasm + single file)" env SKIP_SETUP=1 bash scripts/build.sh || summary

# Lint: formatting and clippy's warnings fail CI, on every crate and target. The fuzz crate is a workspace of its
# own (fuzz/Cargo.toml), so it is checked by its own manifest.
# The oldest browsers supported (scripts/floor.mjs, README "Browsers"): both modules validate with exactly their
# WebAssembly features, and every script shipped parses in them as it is.
run_stage "floor: the build needs nothing newer than the oldest browsers supported" node scripts/floor.mjs check || true
run_stage "cargo fmt --check" \
  bash -c 'cargo fmt --all -- --check && cargo fmt --manifest-path fuzz/Cargo.toml -- --check' || true
run_stage "cargo clippy --workspace --all-targets (native)" \
  cargo clippy --workspace --all-targets -- -D warnings || true
run_stage "cargo clippy --target wasm32-unknown-unknown (web crates)" \
  cargo clippy --target wasm32-unknown-unknown -p minzheng-page -p minzheng-web -p minzheng-web-page -p minzheng-web-batch \
  -p minzheng-web-legacy -p minzheng-web-words --all-targets -- -D warnings || true
run_stage "cargo clippy (fuzz crate)" \
  cargo clippy --manifest-path fuzz/Cargo.toml --all-targets --features batch -- -D warnings || true

run_stage "cargo test --workspace (native)" cargo test --workspace || true

# wasm-bindgen-test: .cargo/config.toml sets runner = "wasm-bindgen-test-runner"; the runner drives
# chromedriver, reading ./webdriver.json for the headless/no-sandbox Chromium flags.
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
run_stage "cargo test --target wasm32-unknown-unknown -p minzheng-web (headless Chromium)" \
  cargo test --target wasm32-unknown-unknown -p minzheng-web || true

run_stage "browser tests (node --test tests/browser/)" node --test tests/browser/ || true

summary
