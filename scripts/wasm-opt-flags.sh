#!/usr/bin/env bash
# Prints the wasm-opt --enable-… flags for the wasm features rustc's code generation uses (scripts/build.mjs and
# scripts/size-profile.sh). Release builds are stripped (strip = true), so the target_features section is gone and
# wasm-opt cannot detect them: they come from rustc's target config; the always-needed baseline is kept explicitly.
set -euo pipefail
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
echo "${OPT_FLAGS[*]}"
