#!/usr/bin/env bash
# The benchmark: builds the page (scripts/build.sh), then in headless Chromium times this project's
# wasm next to ml-som (same page, same data, same map, interleaved) and MiniSom (Python, same
# machine, same rows), the native core beside its wasm, the 10,000-row BMU search, Play in the
# real page at 64×64 and 32×32 (steps/s beside the raw core's in the same page, frames/s, the
# longest main-thread task, clicks), navigation → interactive on localhost and on throttled
# "school Wi-Fi", and the gzipped size of every file. Prints markdown tables, every ratio beside
# its two figures, and the targets met and missed (progress goes to stderr). Not part of the
# tests: it prints figures and asserts nothing.
#
#   bash scripts/bench.sh                  the full run (about 5 minutes; up to 9 on a busy 2-core machine)
#   QUICK=1 bash scripts/bench.sh          10×10 and 64×64, 2 runs each, 3 s of Play (2–2.5 minutes)
#   bash scripts/bench.sh --profile DIR    also saves Chrome CPU profiles of Play (the page's thread;
#                                          DIR relative to the repository)
#
#   BENCH_ONLY=load bash scripts/bench.sh  only the load: navigation → interactive (localhost and
#                                          "school Wi-Fi", 3 loads each) and the files' sizes, with
#                                          bench/load.mjs (under a minute; no peers, no Play)
#
#   BENCH_DIST=dir     benchmark an existing build (a dist/ folder) instead of running scripts/build.sh
#   BENCH_NATIVE=path  use this bench/native.rs binary; BENCH_NATIVE=none skips the native core
#                      (by default it is built with `cargo bench --bench native --no-run`)
#
# docs/benchmark.md has the figures, the profiles and what they showed.
set -euo pipefail
# Paths given relative to where the command was typed.
[ -z "${BENCH_DIST:-}" ] || BENCH_DIST=$(cd "$BENCH_DIST" && pwd)
case "${BENCH_NATIVE:-}" in "" | none | /*) ;; *) BENCH_NATIVE=$PWD/$BENCH_NATIVE ;; esac
cd "$(dirname "$0")/.."
# node_modules/.bin first: binaryen's wasm-opt 132, never Debian's 108.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never NO_COLOR=1

site=target/bench/site
rm -rf "$site"
mkdir -p "$site"

if [ -n "${BENCH_DIST:-}" ]; then
  [ -f "$BENCH_DIST/index.html" ] || { echo "bench: BENCH_DIST=$BENCH_DIST has no index.html" >&2; exit 2; }
  echo "bench: using the build in $BENCH_DIST" >&2
  cp -r "$BENCH_DIST" "$site/app"
else
  bash scripts/setup.sh >&2
  echo "bench: scripts/build.sh" >&2
  bash scripts/build.sh >&2
  cp -r dist "$site/app"
fi

if [ "${BENCH_ONLY:-}" = load ]; then
  exec node bench/load.mjs "$site/app"
elif [ -n "${BENCH_ONLY:-}" ]; then
  echo "bench: BENCH_ONLY=$BENCH_ONLY: the only part is 'load'" >&2
  exit 2
fi

native=${BENCH_NATIVE:-}
if [ "$native" = none ]; then
  native=""
  echo "bench: BENCH_NATIVE=none: the native core is not measured" >&2
elif [ -z "$native" ]; then
  echo "bench: cargo bench --bench native --no-run" >&2
  native=$(cargo bench --bench native --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
  [ -x "$native" ] || { echo "bench: could not build bench/native.rs" >&2; native=""; }
fi

cp bench/page/index.html bench/page/ml-frame.html bench/page/bench.js bench/page/data.js "$site/"
node bench/make-mlsom.mjs "$site/ml-som.js"
node bench/run.mjs "$site" "$native" "$@"
