#!/bin/bash
# make check SANITIZE=...: runs the suites against a sanitizer build of rvx.
#   tests/fuzz/san_check.sh RVX [SUITE...]     (no SUITE: tests/run.sh, every suite)
# A sanitizer report makes rvx exit with status 99 and is printed on stderr, which the
# suites compare, so it fails the test.
cd "$(dirname "$0")/../.." || exit 2
export RVX=$1; shift
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)}
# The sanitizer runtime options rvx needs are built into it (tests/fuzz/san_options.c).
if [ $# = 0 ]; then
  exec tests/run.sh
fi
export BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
passed=0 failed=0
for s in "$@"; do
  out=$(mktemp)
  echo "== $s"
  bash "tests/suites/$s.sh" >"$out" 2>&1
  p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out")
  grep -v '^PASS ' "$out"
  echo "   $s: $p passed, $f failed"
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$out"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
