#!/usr/bin/env bash
# Builds the page and serves it: bash scripts/serve.sh, then open http://127.0.0.1:8080/
# (PORT=9000 bash scripts/serve.sh for another port). dist/ is plain static files: copy it to
# any web server or sub-folder to publish it.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8080}

bash scripts/setup.sh build
bash scripts/build.sh
echo "SOM Playground: http://127.0.0.1:$port/"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
