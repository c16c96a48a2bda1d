#!/usr/bin/env bash
# Builds dist/, plain static files that work from any folder of any host:
#
#   som_playground_bg.wasm  the core, the map half (cargo --features map, wasm-bindgen, wasm-opt -Oz)
#   som_playground.js       its wasm-bindgen glue (--target web), loaded by the worker and ready()
#   som_csv_bg.wasm         the CSV reader (the same crate, --features csv): a second module the
#   som_csv.js              worker loads only when a CSV is opened; its glue
#   som-playground.js       the <som-playground> element: one ES module, every view bundled in
#   som-worker.js           the engine's Worker: one per element, sharing the compiled wasm
#   index.html page.css frame.js embed.js style.css   the standalone page and its files
#   package.json            `npm pack dist` makes the npm package of the element
#
# File names are stable (no hashes), so course pages and the npm package can name them.
# OUT=dir builds into another folder (the e2e tests take it as E2E_DIST=dir).
set -euo pipefail
cd "$(dirname "$0")/.."
# node_modules/.bin first: binaryen's wasm-opt 132, never Debian's 108 (it breaks the wasm).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

# WASM_FROM / WASM_CSV_FROM: already built .wasm files (map, CSV module) to use instead (e.g.
# from another checkout). The CSV module builds in its own target folder, so neither build
# invalidates the other's cache.
target=${CARGO_TARGET_DIR:-target}
wasm=${WASM_FROM:-$target/wasm32-unknown-unknown/release/som_playground.wasm}
wasm_csv=${WASM_CSV_FROM:-$target/csv-module/wasm32-unknown-unknown/release/som_playground.wasm}
build() { cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features "$@"; }
[ -n "${WASM_FROM:-}" ] || build --features map
[ -n "${WASM_CSV_FROM:-}" ] || build --features csv --target-dir "$target/csv-module"
out=${OUT:-dist}
glue=$(mktemp -d)
trap 'rm -rf "$glue"' EXIT
rm -rf "$out"
mkdir -p "$out"
# bindgen IN NAME: the glue NAME.js and NAME_bg.wasm, the latter through wasm-opt: the features
# rustc 1.95 enables for wasm32 by default, plus SIMD (.cargo/config.toml); -Oz until nothing
# shrinks, without debug info or the producers section.
bindgen() {
  wasm-bindgen --target web --no-typescript --out-dir "$glue" --out-name "$2" "$1"
  wasm-opt -Oz --converge --strip-debug --strip-producers \
    --enable-simd --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$glue/$2_bg.wasm" -o "$out/$2_bg.wasm"
  cp "$glue/$2.js" "$out/"
}
bindgen "$wasm" som_playground
bindgen "$wasm_csv" som_csv
bundle() { esbuild "$1" --bundle --format=esm --minify --target=es2022 --log-level=warning --outfile="$2"; }
bundle www/js/element.js "$out/som-playground.js"
bundle www/js/engine/worker.js "$out/som-worker.js"
cp www/index.html www/pitfalls.html www/page.css www/style.css www/pitfall.css www/frame.js www/embed.js www/package.json "$out/"
echo "build.sh: $out/ ($(du -sh "$out" | cut -f1)); wasm $(gzip -9c "$out/som_playground_bg.wasm" | wc -c) bytes gzipped, CSV module $(gzip -9c "$out/som_csv_bg.wasm" | wc -c)" >&2
