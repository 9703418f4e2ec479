#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`, build/fuzz: clang, ASan + UBSan) and runs each
# for a bounded time, its corpus seeded from tests/data (and the target's other seed folders).
# Fails when a target finds a crash, a sanitizer report, a leak, a timeout or running out of
# memory, and prints the reproducer's path and the report.
#   FUZZ_SECONDS=60   seconds per target
#   FUZZ_TARGETS="fuzz_plan ..."   only these targets (default: all in fuzz/CMakeLists.txt)
# A reproducer is replayed with: build/fuzz/fuzz/<target> <file>
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${FUZZ_SECONDS:-60}
build="$root/build/fuzz"

# clang with libFuzzer and the sanitizer runtimes (scripts/setup.sh installs them).
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$probe/probe.cpp"
if ! command -v clang++ >/dev/null ||
   ! clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/err"; then
  echo "fuzz: clang++ with libFuzzer and ASan/UBSan is not available; run scripts/setup.sh" >&2
  echo "fuzz: (Debian packages clang, libclang-rt-14-dev, llvm)" >&2
  cat "$probe/err" >&2 2>/dev/null || true
  exit 1
fi
symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:symbolize=1}"

start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
echo "fuzz: build took $(($(date +%s) - start)) s"

list="$build/fuzz/fuzzers.tsv"
[ -s "$list" ] || { echo "fuzz: no fuzz targets listed in $list" >&2; exit 1; }

failed=0
while IFS=$'\t' read -r name binary dict seeds; do
  [ -n "$name" ] || continue
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  corpus="$build/corpus/$name"          # kept between runs; grows with what the fuzzer finds
  artifacts="$build/artifacts/$name"
  log="$build/logs/$name.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # Seeds are copied: libFuzzer writes new inputs into its first corpus folder, never into
  # the repository.
  IFS=':' read -r -a seed_dirs <<<"$seeds"
  for dir in "${seed_dirs[@]}"; do
    [ -d "$dir" ] || continue
    while IFS= read -r -d '' file; do
      rel=${file#"$dir"/}
      cp "$file" "$corpus/seed-${rel//\//-}"
    done < <(find "$dir" -type f -print0)
  done
  args=(-max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -n "$dict" ] && args+=(-dict="$dict")

  echo "fuzz: $name for $seconds s (corpus $corpus)"
  status=0
  "$binary" "${args[@]}" "$corpus" >"$log" 2>&1 || status=$?

  # libFuzzer's last status line ("#123 DONE cov: 1 ft: 2 corp: 3/4b ...") and final stats.
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n1; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  echo "fuzz: $name: $(stat number_of_executed_units) runs, $(stat average_exec_per_sec) exec/s," \
       "coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corp:-?} inputs, peak RSS $(stat peak_rss_mb) MB"

  if [ $status -ne 0 ]; then
    failed=1
    reproducer=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n1)
    echo "fuzz: $name FAILED (exit $status); the report:" >&2
    # From the first report line (sanitizer, libFuzzer or the target's own) to the end.
    first=$(grep -n -m1 -E '^==[0-9a-z_]+== *(ERROR|FINDING|WARNING)|runtime error:|^ALARM:|^terminate called' "$log" | cut -d: -f1 || true)
    report=$(tail -n +"${first:-1}" "$log")
    lines=$(wc -l <<<"$report")
    if [ "$lines" -le 240 ]; then
      echo "$report" >&2
    else  # the start of the report and the stack at its end
      head -n 100 <<<"$report" >&2
      echo "    ... ($((lines - 200)) more lines in the log) ..." >&2
      tail -n 100 <<<"$report" >&2
    fi
    echo "fuzz: full log: $log" >&2
    if [ -n "$reproducer" ]; then
      echo "fuzz: reproducer: $reproducer (replay: $binary $reproducer)" >&2
    fi
  fi
done <"$list"

if [ $failed -ne 0 ]; then
  echo "fuzz: FAILED: a fuzz target found a problem (see above)" >&2
  exit 1
fi
echo "fuzz: ok"
