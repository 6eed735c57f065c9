#!/bin/bash
# The fuzz harnesses (tests/fuzz/): built with ASan and UBSan (make fuzz-build), then each one
# replays its saved corpus (tests/fuzz/corpus/NAME/, which holds the reproducer of every
# crash once found, so each stays fixed) and fuzzes for a short smoke run. Long runs: make fuzz.
cd "$(dirname "$0")/../.." || exit 2
SMOKE=${FUZZ_SMOKE_SECONDS:-3}
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
if ! command -v "${FUZZ_CC:-clang-14}" >/dev/null; then
  echo "FAIL fuzz-build: ${FUZZ_CC:-clang-14} is not installed (apt-get install clang-14 libclang-rt-14-dev)"
  exit 0
fi
log=$(mktemp); tmp=$(mktemp -d)
trap 'rm -rf "$log" "$tmp"' EXIT
export TMPDIR=$tmp   # the syscall harness's scratch directory goes there
if ! make -s --no-print-directory fuzz-build >"$log" 2>&1; then
  tail -30 "$log"
  echo "FAIL fuzz-build: see the compiler output above"
  exit 0
fi
echo "PASS fuzz-build"
for src in tests/fuzz/fuzz_*.c; do
  name=${src#tests/fuzz/fuzz_}; name=${name%.c}
  bin=$PWD/build/fuzz/fuzz_$name corpus=$PWD/tests/fuzz/corpus/$name
  mkdir -p "$tmp/$name"
  n=$(ls "$corpus" 2>/dev/null | wc -l)
  if [ "$n" = 0 ]; then
    echo "FAIL fuzz replay $name: no saved corpus in tests/fuzz/corpus/$name"
  elif "$bin" -runs=0 -timeout=20 -artifact_prefix="$tmp/" "$corpus" </dev/null >"$log" 2>&1; then
    echo "PASS fuzz replay $name ($n inputs)"
  else
    grep -E "ERROR|runtime error|invariant|SUMMARY|deadly|Test unit" "$log" | head -10
    echo "FAIL fuzz replay $name: a saved input fails again (above)"
  fi
  mkdir -p build/fuzz/crashes
  if "$bin" -max_total_time="$SMOKE" -timeout=20 -artifact_prefix="$PWD/build/fuzz/crashes/smoke-$name-" "$tmp/$name" "$corpus" \
      </dev/null >"$log" 2>&1; then
    echo "PASS fuzz smoke $name (${SMOKE}s, $(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log") runs)"
  else
    grep -E "ERROR|runtime error|invariant|SUMMARY|deadly|Test unit" "$log" | head -10
    echo "FAIL fuzz smoke $name: a new crash in ${SMOKE}s (the input: build/fuzz/crashes/smoke-$name-*)"
  fi
done
