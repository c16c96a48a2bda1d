#!/usr/bin/env bash
# The benchmark: builds the release page, then times this project's wasm in headless Chromium next
# to ml-som (same page, same data, same map) and MiniSom (Python, same machine, same rows), the
# native core beside its wasm, the 10,000-row BMU search, Play at 64×64 in the real page (frames/s,
# steps/s, click delay), the gzipped payload and the time to interactive. Prints markdown tables
# (progress goes to stderr). Not part of the tests: it prints figures and asserts nothing.
#
#   bash scripts/bench.sh            the full run (about 4 minutes on 2 cores)
#   bash scripts/bench.sh --quick    10×10 and 64×64 only, one run each
#   bash scripts/bench.sh --profile DIR   also saves Chrome CPU profiles of Play to DIR
#
# docs/benchmark.md has the figures, the profiles and what they showed.
set -euo pipefail
cd "$(dirname "$0")/.."
# node_modules/.bin first: binaryen's wasm-opt 132, never Debian's 108.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never NO_COLOR=1

bash scripts/setup.sh >&2
site=target/bench/site
rm -rf "$site"
mkdir -p "$site"

echo "bench: scripts/build.sh" >&2
bash scripts/build.sh >&2
cp -r dist "$site/app"
echo "bench: cargo bench --bench native --no-run" >&2
native=$(cargo bench --bench native --no-run --message-format=json 2>/dev/null \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
[ -x "$native" ] || { echo "bench: could not build benches/native.rs" >&2; native=""; }

cp bench/page/index.html bench/page/bench.js bench/page/data.js "$site/"
node bench/make-mlsom.mjs "$site/ml-som.js"
node bench/run.mjs "$site" "$native" "$@"
