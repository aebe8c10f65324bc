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

echo "[build] cargo build --release --target wasm32-unknown-unknown --lib"
cargo build --release --target wasm32-unknown-unknown --lib

echo "[build] wasm-bindgen --target web → $PKG"
rm -rf "$PKG"
wasm-bindgen --target web --out-dir "$PKG" --no-typescript "$RAW_WASM"

# wasm-opt must accept every feature rustc's code generation used (see scripts/wasm-opt-flags.sh).
opt_flags="$(bash scripts/wasm-opt-flags.sh)"
read -r -a OPT_FLAGS <<< "$opt_flags"
echo "[build] wasm-opt -Oz ${OPT_FLAGS[*]}"
node_modules/.bin/wasm-opt -Oz "${OPT_FLAGS[@]}" "$OUT_WASM" -o "$OUT_WASM.opt"
mv "$OUT_WASM.opt" "$OUT_WASM"

# The batch module (批量测算: spreadsheet import/export, src/web_batch.rs) is a second wasm module, loaded by
# www/batch.js only when first used. Same crate, `--no-default-features --features batch`; cargo writes the
# same file name, so the page's raw wasm is copied aside first (for the size report below).
# It is the engine and rules (about 52 KB of its gzip: the page's own module has them too, and two wasm modules
# cannot share code), the batch logic, CSV (src/batch/delimited.rs) and XLSX read and written by
# src/batch/{xlsx,zip,xml}.rs on miniz_oxide's deflate (about 47 KB of its gzip); GBK/GB18030 text is decoded by
# the browser's TextDecoder, so no encoding tables. The zip, calamine, rust_xlsxwriter and encoding_rs crates it
# used to carry made it 1,709,901 B (763,511 B gzip); they are now only dev-dependencies for the native tests.
# scripts/build-single.mjs inlines it into the single file LZMA-compressed over the page's module (the page's bytes
# are the compressor's preset dictionary: liblzma through python3's ctypes; a delta against the page's module, then
# python3's lzma module or gzip, where that is missing).
BATCH=minzheng_batch
PAGE_RAW_WASM="target/wasm32-unknown-unknown/release/${CRATE}.page.wasm"
BATCH_RAW_WASM="target/wasm32-unknown-unknown/release/${BATCH}.wasm"
BATCH_WASM="$PKG/${BATCH}_bg.wasm"
cp "$RAW_WASM" "$PAGE_RAW_WASM"
# Built for speed (opt-level 3, not the page's "z"), measured in headless Chromium on 40,000 rows:
#   opt-level 3    288 KB, 121 KB gzip; compute 345–447 ms, XLSX read 313–343 ms
#   opt-level "s"  274 KB, 115 KB gzip; compute 558–613 ms, XLSX read 599 ms
#   opt-level "z"  251 KB, 109 KB gzip; compute 605–636 ms, XLSX read 874 ms
# 5–11 KB of gzip is not worth 1.5–1.8× the time: the budget is 40,000 rows read and computed within a second.
# Measured again 2026-11-29 through the page: at "z" the single file's batch block is 14 kB smaller, but compute takes
# 905–957 ms (1,344–1,385 ms in all) against 531–598 ms at 3; "z" with rust_decimal at 3 still 785 ms, and larger.
echo "[build] cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features batch (opt-level 3)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features batch
cp "$RAW_WASM" "$BATCH_RAW_WASM"
RAW_WASM="$PAGE_RAW_WASM"
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
