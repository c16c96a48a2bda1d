#!/usr/bin/env bash
# Builds dist/, plain static files that work from any folder of any host:
#
#   som_playground_bg.wasm  the core (cargo, wasm-bindgen, then wasm-opt -Oz)
#   som_playground.js       its wasm-bindgen glue (--target web), loaded by the worker and ready()
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

# WASM_FROM: an already built .wasm to use instead (e.g. from another checkout).
wasm=${WASM_FROM:-${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/som_playground.wasm}
[ -n "${WASM_FROM:-}" ] || cargo build --quiet --release --lib --target wasm32-unknown-unknown
out=${OUT:-dist}
glue=$(mktemp -d)
trap 'rm -rf "$glue"' EXIT
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$glue" "$wasm"
# The features rustc 1.95 enables for wasm32 by default, plus SIMD (.cargo/config.toml);
# -Oz until nothing shrinks, without debug info or the producers section.
wasm-opt -Oz --converge --strip-debug --strip-producers \
  --enable-simd --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
  --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
  "$glue/som_playground_bg.wasm" -o "$out/som_playground_bg.wasm"
cp "$glue/som_playground.js" "$out/"
bundle() { esbuild "$1" --bundle --format=esm --minify --target=es2022 --log-level=warning --outfile="$2"; }
bundle www/js/element.js "$out/som-playground.js"
bundle www/js/engine/worker.js "$out/som-worker.js"
cp www/index.html www/pitfalls.html www/page.css www/style.css www/pitfall.css www/frame.js www/embed.js www/package.json "$out/"
echo "build.sh: $out/ ($(du -sh "$out" | cut -f1)); wasm $(gzip -9c "$out/som_playground_bg.wasm" | wc -c) bytes gzipped" >&2
