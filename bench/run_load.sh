#!/usr/bin/env bash
# Sync throughput and latency on loopback: starts the server on a fresh data folder, runs the
# load client against it, for each durability mode; then wrk on /api/v1/health with the same
# number of connections (connection handling alone). Usage: bench/run_load.sh [seconds] [connections]
#   SAMENLEVEN_SERVER_BIN=PATH   another server build to measure (e.g. an older one in a worktree)
#   SYNC_MODES="full"            the durability modes to run (default "full normal")
#   SKIP_WRK=1                   without the wrk run
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-10}
connections=${2:-64}
bin=$root/build/native
server=${SAMENLEVEN_SERVER_BIN:-$bin/server/samenleven_server}
for sync in ${SYNC_MODES:-full normal}; do
  data=$(mktemp -d)
  token=$("$server" add-government --data "$data" --key 42006 --name Dendermonde)
  "$server" serve --data "$data" --port 0 --sync "$sync" > "$data/server.log" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$data/server.log" && break; sleep 0.1; done
  port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$data/server.log")
  echo "== synchronous=$sync"
  "$bin/bench/samenleven_load" --port "$port" --token "$token" --plan "$root/tests/data/dendermonde_igs.json" \
    --connections "$connections" --seconds "$seconds" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
[ -n "${SKIP_WRK:-}" ] && exit 0
data=$(mktemp -d)
"$server" serve --data "$data" --port 0 > "$data/server.log" &
pid=$!
for _ in $(seq 50); do grep -q listening "$data/server.log" && break; sleep 0.1; done
port=$(sed -n 's|.*127.0.0.1:\([0-9]*\)/.*|\1|p' "$data/server.log")
echo "== wrk, GET /api/v1/health"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/api/v1/health" || true
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -rf "$data"
