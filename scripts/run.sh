#!/usr/bin/env bash
# Sets up, builds and runs the product: the README's run command.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target samenleven
echo "== samenleven calc tests/data/dendermonde_igs.json"
build/native/cli/samenleven calc tests/data/dendermonde_igs.json
