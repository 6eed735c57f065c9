#!/bin/bash
# Runs every test suite (tests/suites/*.sh, in name order) and prints the tally last.
# A suite prints one line per test: "PASS name" or "FAIL name: reason"; anything else it prints
# is shown as is. A suite that exits non-zero without printing a FAIL counts as one failure.
# Environment: RVX (the binary, default ./rvx), BUILD (default build), QEMU (qemu-riscv64).
cd "$(dirname "$0")/.." || exit 2
export RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
passed=0 failed=0
for suite in tests/suites/*.sh; do
  [ -e "$suite" ] || continue
  name=$(basename "$suite" .sh)
  echo "== $name"
  out=$(mktemp)
  bash "$suite" >"$out" 2>&1
  rc=$?
  p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out")
  grep -v '^PASS ' "$out"
  echo "   $name: $p passed, $f failed"
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "FAIL $name: suite exited with status $rc"; f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$out"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
