#!/usr/bin/env bash
# Installs the tools the build and the tests need, skipping each one that is already present.
#
#   bash scripts/setup.sh          everything: build tools, Chromium, npm packages, MiniSom
#   bash scripts/setup.sh build    only what scripts/build.sh needs (scripts/serve.sh)
#
# Nothing here downloads a prebuilt binary: Rust tools are built from crates.io, Chromium comes
# from Debian, wasm-opt from the npm package `binaryen`, the bundler esbuild from npm (its binary is
# inside the package). Progress goes to stderr; a cold machine takes about 6 minutes, a warm one a
# second.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
mode=${1:-all}
case "$mode" in all | build) ;; *) echo "usage: $0 [all|build]" >&2; exit 2 ;; esac
say() { echo "setup: $*" >&2; }

# Quiet `cargo install`: keep its log, show it only when it fails.
cargo_install() {
  local log
  log=$(mktemp)
  if ! cargo install --quiet "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    say "cargo install $* failed"
    return 1
  fi
  rm -f "$log"
}

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock, or wasm-pack
# would try to download a matching one.
wb_version() {
  if [ -f Cargo.lock ]; then
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
  else
    echo 0.2.130
  fi
}

rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }

want=$(wb_version)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
  # With --locked it fails on a dependency version this registry lacks.
  say "installing wasm-bindgen-cli $want (about 2 min)"
  cargo_install wasm-bindgen-cli --version "$want" --force
fi

# npm: binaryen's wasm-opt 132 (never Debian's binaryen 108: it breaks the wasm), esbuild, and
# for the tests playwright-core (drives Debian's Chromium), axe-core, ml-som (a benchmark peer).
npm_ok() {
  [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] || return 1
  if [ "$mode" = all ]; then
    [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] && [ -d node_modules/ml-som ] || return 1
  fi
  # A changed package.json or package-lock.json means someone changed the dependencies.
  [ "$(cat node_modules/.setup-stamp 2>/dev/null)" = "$(npm_stamp)" ]
}
npm_stamp() { cat package.json package-lock.json 2>/dev/null | cksum; }
if ! npm_ok; then
  say "installing npm packages"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
  npm_stamp >node_modules/.setup-stamp
fi

[ "$mode" = build ] && exit 0

command -v wasm-pack >/dev/null || { say "installing wasm-pack (about 1.5 min)"; cargo_install wasm-pack; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Debian's chromium and chromium-driver (about 1 min)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi

python3 -c 'import minisom, numpy, mkdocs' 2>/dev/null || {
  say "installing MiniSom 2.3.6, numpy and MkDocs (the course-site test)"
  python3 -m pip install -q 'minisom==2.3.6' numpy 'mkdocs==1.6.1'
}
