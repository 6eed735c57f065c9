#!/bin/bash
# Runs every test suite (tests/suites/*.sh, in name order) and prints the tally last.
# A suite prints one line per test: "PASS name" or "FAIL name: reason"; anything else it prints
# is shown as is. A suite that exits non-zero without printing a FAIL counts as one failure.
# Then the suites that run guest code run again under the other engine configurations (the
# default is the translator): the interpreter alone (RVX_ENGINE=interp), and the translator
# with a 64 KiB code cache and a threshold of 1 (flushes all the time); their test names get
# the configuration in brackets.
# Environment: RVX (the binary, default ./rvx), BUILD (default build), QEMU (qemu-riscv64),
# RVX_PASSES (default "interp tiny"; empty: the default engine only).
cd "$(dirname "$0")/.." || exit 2
export RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
passes=${RVX_PASSES-interp tiny}
# Suites whose tests run guest code under rvx (the others test host-side parts or compare
# the engines themselves).
ENGINE_SUITES="20-isa-guest 21-fp-guest 22-traps 25-interp 30-programs 35-syscalls 40-loader
  50-diff 60-dynamic 62-process 64-io 66-sockets 68-procfs 70-signals 72-threads"
passed=0 failed=0

source tests/run_suite.sh

for suite in tests/suites/*.sh; do
  [ -e "$suite" ] && run_suite "$suite" ""
done
for pass in $passes; do
  case $pass in
    interp) env=(RVX_ENGINE=interp) ;;
    tiny) env=(RVX_ENGINE=jit RVX_JIT_THRESHOLD=1 RVX_CODE_CACHE_SIZE=64K) ;;
    *) echo "FAIL run.sh: unknown pass $pass"; failed=$((failed + 1)); continue ;;
  esac
  for s in $ENGINE_SUITES; do
    export "${env[@]}"
    run_suite "tests/suites/$s.sh" "$pass"
    unset RVX_ENGINE RVX_JIT_THRESHOLD RVX_CODE_CACHE_SIZE
  done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
