#!/usr/bin/env bash
# Builds the page and serves it: bash scripts/serve.sh, then open http://127.0.0.1:8080/
# (PORT=9000 bash scripts/serve.sh for another port). dist/ is plain static files: copy it to
# any web server or sub-folder to publish it.
set -euo pipefail
cd "$(dirname "$0")/.."
# node_modules/.bin first: Trunk must find binaryen's wasm-opt 132, never Debian's 108.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
port=${PORT:-8080}

bash scripts/setup.sh build
trunk build --release
echo "SOM Playground: http://127.0.0.1:$port/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
