#!/usr/bin/env bash
# Sync throughput and latency on loopback: starts the server on a fresh data folder, runs the
# load client against it, for each durability mode; then wrk on /api/v1/health with the same
# number of connections (connection handling alone). Usage: bench/run_load.sh [seconds] [connections]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-10}
connections=${2:-64}
bin=$root/build/native
for sync in full normal; do
  data=$(mktemp -d)
  token=$("$bin/server/samenleven_server" add-government --data "$data" --key 42006 --name Dendermonde)
  "$bin/server/samenleven_server" serve --data "$data" --port 0 --sync "$sync" > "$data/server.log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$data/server.log" && break; sleep 0.1; done
  port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$data/server.log")
  echo "== synchronous=$sync"
  "$bin/bench/samenleven_load" --port "$port" --token "$token" --plan "$root/tests/data/dendermonde_igs.json" \
    --connections "$connections" --seconds "$seconds" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
data=$(mktemp -d)
"$bin/server/samenleven_server" serve --data "$data" --port 0 > "$data/server.log" &
pid=$!
for _ in $(seq 50); do grep -q listening "$data/server.log" && break; sleep 0.1; done
port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$data/server.log")
echo "== wrk, GET /api/v1/health"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/api/v1/health" || true
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$data"
