#!/usr/bin/env bash
# Sets up, builds and runs the product: the README's run command.
# Builds the server (native) and the browser app (WebAssembly), puts a demo dataset into an
# SQLite database in ./data (the Dendermonde IGS plan as a draft and the first project year in
# Flanders, 106 reported plans; seeded once, later runs find it there), and serves app and API
# on 127.0.0.1.
#   PORT=8080 (default)   SAMENLEVEN_DATA=./data (default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
port=${PORT:-8080}
data=${SAMENLEVEN_DATA:-$root/data}

bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target samenleven_server samenleven
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target samenleven_app

server=build/native/server/samenleven_server
"$server" seed-demo --data "$data" --plan tests/data/dendermonde_igs.json >/dev/null
echo
echo "Plan Samenleven planner: http://127.0.0.1:$port/"
echo "Database: $data/samenleven.sqlite3"
echo "Demo data: the Dendermonde IGS plan (draft) and the first project year in Flanders (106 plans,"
echo "reported; the agency's overview shows the published 2022-2023 figures)."
echo "Demo tokens (enter one in the app, tab 'Server'), from $data/demo-tokens.txt:"
grep -v '^#' "$data/demo-tokens.txt" | awk -F'\t' '{printf "  %-32s %s\n", $2, $3}'
echo
exec "$server" serve --data "$data" --host 127.0.0.1 --port "$port" --site build/wasm/site
