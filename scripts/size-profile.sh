#!/usr/bin/env bash
# README "Benchmarks": what each wasm module carries, a tool to look with when a module grows (nothing gates on it).
# www/pkg holds the shipped modules, stripped of their function names; this builds each again with the names kept,
# into target/size-profile (cargo's own strip = none; the same floor flags, wasm-bindgen and wasm-opt -Oz steps as
# scripts/build.mjs, wasm-opt with -g), then bench/wasm-size.mjs prints for each: the sections, the biggest
# functions, code by crate and by module of the workspace's crates, and what the data section holds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v wasm-bindgen >/dev/null 2>&1 || [[ ! -x node_modules/.bin/wasm-opt ]]; then bash scripts/setup.sh; fi
if [[ ! -f www/pkg/minzheng_page_bg.wasm ]]; then SKIP_SETUP=1 bash scripts/build.sh; fi

OUT=target/size-profile
opt_flags="$(bash scripts/wasm-opt-flags.sh)"
read -r -a OPT_FLAGS <<< "$opt_flags"
mkdir -p "$OUT/pkg"

# build_named OUT-NAME PROFILE PACKAGE LIB-NAME: one module, built as scripts/build.mjs builds it, names kept.
build_named() {
  local name="$1" profile="$2" package="$3" lib="$4"
  echo "[size-profile] cargo build --profile $profile --target wasm32-unknown-unknown -p $package (names kept)"
  CARGO_TARGET_DIR="$OUT" CARGO_PROFILE_RELEASE_STRIP=none CARGO_PROFILE_RELEASE_BATCH_STRIP=none \
    cargo build --quiet --profile "$profile" --target wasm32-unknown-unknown -p "$package" --config "$(node scripts/floor.mjs cargo-config)"
  node scripts/floor.mjs strip "$OUT/wasm32-unknown-unknown/$profile/$lib.wasm" "$OUT/$lib.floor.wasm"
  wasm-bindgen --target web --out-dir "$OUT/pkg" --out-name "$name" --no-typescript "$OUT/$lib.floor.wasm"
  node_modules/.bin/wasm-opt -Oz -g "${OPT_FLAGS[@]}" "$OUT/pkg/${name}_bg.wasm" -o "$OUT/pkg/${name}_bg.wasm"
}
build_named minzheng_page release minzheng-web-page minzheng_page_wasm
build_named minzheng_calc release minzheng-web minzheng_calc
build_named minzheng_batch release-batch minzheng-web-batch minzheng_batch_wasm
build_named minzheng_words release minzheng-web-words minzheng_words_wasm

node bench/wasm-size.mjs \
  "page module=$OUT/pkg/minzheng_page_bg.wasm:www/pkg/minzheng_page_bg.wasm" \
  "public module=$OUT/pkg/minzheng_calc_bg.wasm:www/pkg/minzheng_calc_bg.wasm" \
  "batch module=$OUT/pkg/minzheng_batch_bg.wasm:www/pkg/minzheng_batch_bg.wasm" \
  "words module=$OUT/pkg/minzheng_words_bg.wasm:www/pkg/minzheng_words_bg.wasm"
