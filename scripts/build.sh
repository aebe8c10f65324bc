#!/usr/bin/env bash
# Build the site (www/pkg) and the single-file offline page (dist/minzheng-calc.html).
#   cargo (release, wasm32) → wasm-bindgen --target web → wasm-opt -Oz → scripts/build-single.mjs
# Set SKIP_SETUP=1 to skip scripts/setup.sh (test.sh/dev.sh run it once themselves).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${SKIP_SETUP:-0}" != 1 ]]; then bash scripts/setup.sh; fi

CRATE=minzheng_calc
RAW_WASM="target/wasm32-unknown-unknown/release/${CRATE}.wasm"
PKG=www/pkg
OUT_WASM="$PKG/${CRATE}_bg.wasm"
SINGLE=dist/minzheng-calc.html

echo "[build] cargo build --release --target wasm32-unknown-unknown -p minzheng-web"
cargo build --release --target wasm32-unknown-unknown -p minzheng-web

echo "[build] wasm-bindgen --target web → $PKG"
rm -rf "$PKG"
wasm-bindgen --target web --out-dir "$PKG" --no-typescript "$RAW_WASM"

# wasm-opt must accept every feature rustc's code generation used (see scripts/wasm-opt-flags.sh).
opt_flags="$(bash scripts/wasm-opt-flags.sh)"
read -r -a OPT_FLAGS <<< "$opt_flags"
echo "[build] wasm-opt -Oz ${OPT_FLAGS[*]}"
node_modules/.bin/wasm-opt -Oz "${OPT_FLAGS[@]}" "$OUT_WASM" -o "$OUT_WASM.opt"
mv "$OUT_WASM.opt" "$OUT_WASM"

# The batch module (批量测算: spreadsheet import/export, crates/web-batch over crates/batch) is a second wasm
# module, loaded by www/batch.js after start-up. It is built for speed (the release-batch profile, opt-level 3:
# see Cargo.toml), not for size: it is not on the page's start-up path.
BATCH=minzheng_batch
BATCH_RAW_WASM="target/wasm32-unknown-unknown/release-batch/minzheng_batch_wasm.wasm"
BATCH_WASM="$PKG/${BATCH}_bg.wasm"
echo "[build] cargo build --profile release-batch --target wasm32-unknown-unknown -p minzheng-web-batch"
cargo build --profile release-batch --target wasm32-unknown-unknown -p minzheng-web-batch
echo "[build] wasm-bindgen --target web --out-name $BATCH → $PKG"
wasm-bindgen --target web --out-dir "$PKG" --out-name "$BATCH" --no-typescript "$BATCH_RAW_WASM"
echo "[build] wasm-opt -Oz ${OPT_FLAGS[*]} ($BATCH)"
node_modules/.bin/wasm-opt -Oz "${OPT_FLAGS[@]}" "$BATCH_WASM" -o "$BATCH_WASM.opt"
mv "$BATCH_WASM.opt" "$BATCH_WASM"

echo "[build] node scripts/build-single.mjs → $SINGLE"
node scripts/build-single.mjs

# The service worker's file list and version (a hash of the hosted files), after every other file is written.
echo "[build] node scripts/sw-precache.mjs → www/sw-precache.js"
node scripts/sw-precache.mjs

size_line() {
  local f="$1"
  printf '[build]   %9s B raw  %8s B gzip -9   %s\n' "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" "$f"
}
echo "[build] sizes:"
size_line "$RAW_WASM"
size_line "$OUT_WASM"
size_line "$PKG/${CRATE}.js"
size_line "$SINGLE"
size_line "$BATCH_RAW_WASM"
size_line "$BATCH_WASM"
size_line "$PKG/${BATCH}.js"
