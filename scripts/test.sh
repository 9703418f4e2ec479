#!/usr/bin/env bash
# Sets up, builds and runs every test: the README's test command.
#   1. scripts/setup.sh        Debian packages, ImGui sources, npm packages
#   2. native build + ctest    core unit tests, CLI, app frame tests, server API and fault tests
#   3. fuzzing                 scripts/fuzz.sh: each libFuzzer target for FUZZ_SECONDS (60)
#   4. WebAssembly build       the same core unit tests under node, and the browser app
#   5. browser tests           tests/e2e with playwright-core driving Debian's Chromium
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh

echo "== native build"
cmake --preset native >/dev/null
cmake --build --preset native
echo "== native tests (ctest)"
ctest --preset native

echo "== fuzzing (libFuzzer, ${FUZZ_SECONDS:-60} s per target)"
bash scripts/fuzz.sh

echo "== WebAssembly build"
cmake --preset wasm >/dev/null
cmake --build --preset wasm
echo "== WebAssembly tests (the same doctest suite under node)"
ctest --test-dir build/wasm --verbose   # verbose: shows doctest's own summary of the wasm run

if [ -f tests/e2e/package.json ]; then
  echo "== browser tests (headless Chromium)"
  (cd tests/e2e && npm test)
fi
echo "== all tests passed"
