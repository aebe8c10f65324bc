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

# wasm-opt must accept every feature rustc's code generation used (release has strip = true, so the
# target_features section is gone and wasm-opt cannot detect them). Take them from rustc's target
# config; the always-needed baseline is kept explicitly.
declare -A FEATURE_FLAG=(
  [bulk-memory]=--enable-bulk-memory [nontrapping-fptoint]=--enable-nontrapping-float-to-int
  [sign-ext]=--enable-sign-ext [mutable-globals]=--enable-mutable-globals
  [reference-types]=--enable-reference-types [multivalue]=--enable-multivalue
  [simd128]=--enable-simd [relaxed-simd]=--enable-relaxed-simd [tail-call]=--enable-tail-call
  [extended-const]=--enable-extended-const [exception-handling]=--enable-exception-handling
  [atomics]=--enable-threads
)
OPT_FLAGS=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals)
# shellcheck disable=SC2086
for f in $(rustc --print cfg --target wasm32-unknown-unknown ${RUSTFLAGS:-} \
           | sed -nE 's/^target_feature="([^"]+)"$/\1/p'); do
  flag="${FEATURE_FLAG[$f]:-}"
  if [[ -n "$flag" && " ${OPT_FLAGS[*]} " != *" $flag "* ]]; then OPT_FLAGS+=("$flag"); fi
done
echo "[build] wasm-opt -Oz ${OPT_FLAGS[*]}"
node_modules/.bin/wasm-opt -Oz "${OPT_FLAGS[@]}" "$OUT_WASM" -o "$OUT_WASM.opt"
mv "$OUT_WASM.opt" "$OUT_WASM"

echo "[build] node scripts/build-single.mjs → $SINGLE"
node scripts/build-single.mjs

size_line() {
  local f="$1"
  printf '[build]   %9s B raw  %8s B gzip -9   %s\n' "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)" "$f"
}
echo "[build] sizes:"
size_line "$RAW_WASM"
size_line "$OUT_WASM"
size_line "$PKG/${CRATE}.js"
size_line "$SINGLE"
