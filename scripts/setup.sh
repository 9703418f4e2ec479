#!/usr/bin/env bash
# Installs everything the project needs to build, run and test. Idempotent: when all is
# already present it only checks and returns within a second or two.
#   - Debian packages (compilers, emscripten, header-only libraries, server libraries,
#     Chromium for the browser tests, clang with libFuzzer and the sanitizer runtimes)
#   - Dear ImGui 1.90.1 sources, taken from Debian's source package (suite trixie) into
#     .deps/imgui (see ../shared/TOOLCHAIN.md, pitfall 3)
#   - npm packages of tests/e2e (playwright-core), when that folder has a package.json
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

packages=(
  build-essential cmake ninja-build pkg-config
  emscripten
  nlohmann-json3-dev doctest-dev libbenchmark-dev
  libcpp-httplib-dev libsqlite3-dev libsodium-dev sqlite3
  chromium fonts-dejavu-core xz-utils dpkg-dev wrk
  python3-fonttools   # the app's font cut to the characters it draws (app/CMakeLists.txt)
  brotli zopfli       # the site's files compressed at build time (app/make_site.cmake)
  clang libclang-rt-14-dev llvm   # scripts/fuzz.sh: libFuzzer + ASan/UBSan runtimes, llvm-symbolizer
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

srcs=/etc/apt/sources.list.d/samenleven-src.sources
need_update=0
if [ ! -f "$srcs" ]; then
  # Source packages only (Types: deb-src): ImGui's full sources come from trixie's source
  # package; no binary package is ever installed from trixie.
  $SUDO tee "$srcs" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  need_update=1
fi

if [ ${#missing[@]} -gt 0 ] || [ $need_update -eq 1 ]; then
  echo "setup: apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

imgui_version=1.90.1
imgui_dir="$root/.deps/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ] || ! grep -Eq "IMGUI_VERSION +\"$imgui_version\"" "$imgui_dir/imgui.h"; then
  echo "setup: fetching Dear ImGui $imgui_version sources (Debian source package)"
  tmp=$(mktemp -d)
  ( cd "$tmp" && apt-get source --download-only -qq "imgui/trixie" >/dev/null )
  orig=$(ls "$tmp"/imgui_${imgui_version}*.orig.tar.* 2>/dev/null | head -n1)
  if [ -z "$orig" ]; then
    echo "setup: Debian's trixie source package does not hold imgui $imgui_version (got: $(ls "$tmp"))" >&2
    exit 1
  fi
  rm -rf "$imgui_dir"; mkdir -p "$imgui_dir"
  tar -xf "$orig" -C "$imgui_dir" --strip-components=1
  rm -rf "$tmp"
fi

if [ -f "$root/tests/e2e/package.json" ] && [ ! -d "$root/tests/e2e/node_modules/playwright-core" ]; then
  echo "setup: npm install (tests/e2e)"
  ( cd "$root/tests/e2e" && npm install --no-audit --no-fund --silent )
fi
echo "setup: ok"
