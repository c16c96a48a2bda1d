#!/usr/bin/env bash
# Size of the shipped wasm by build settings: opt-level z / s / 3, lto on / off, SIMD128 on / off,
# then wasm-bindgen and wasm-opt (none, -Oz, -O3), gzipped with gzip -9, of the map module (the
# page's wasm: --no-default-features --features map; the CSV module is not counted). Prints a markdown table.
# Builds in target/size-matrix (never touches dist/ or target/release). About 1 minute per row.
#   bash bench/sizes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR=$PWD/target/size-matrix CARGO_TERM_COLOR=never
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
feats="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd"
gz() { gzip -9c "$1" | wc -c | awk '{printf "%.1f", $1 / 1024}'; }
echo "| opt-level | lto | simd128 | wasm-bindgen output, gz KB | + wasm-opt -Oz, gz KB (raw KB) | + wasm-opt -O3, gz KB |"
echo "|---|---|---|---:|---:|---:|"
for cfg in "z true off" "s true off" "3 true off" "z false off" "s false off" "z true on" "s true on" "3 true on"; do
  set -- $cfg
  flags=""
  [ "$3" = on ] && flags="-C target-feature=+simd128"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$1 CARGO_PROFILE_RELEASE_LTO=$2 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features --features map >&2
  rm -rf "$out"/*
  wasm-bindgen --target web --out-dir "$out" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/som_playground.wasm"
  w="$out/som_playground_bg.wasm"
  wasm-opt -Oz $feats "$w" -o "$out/oz.wasm"
  wasm-opt -O3 $feats "$w" -o "$out/o3.wasm"
  echo "| $1 | $2 | $3 | $(gz "$w") | $(gz "$out/oz.wasm") ($(wc -c <"$out/oz.wasm" | awk '{printf "%.0f", $1/1024}')) | $(gz "$out/o3.wasm") |"
done
