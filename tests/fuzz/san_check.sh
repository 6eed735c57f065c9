#!/bin/bash
# make check SANITIZE=...: runs the suites against a sanitizer build of rvx.
#   tests/fuzz/san_check.sh RVX [SUITE...]     (no SUITE: tests/run.sh, every suite)
# A sanitizer report makes rvx exit with status 99 and is printed on stderr, which the
# suites compare, so it fails the test.
# Named suites that run guest code (tests/run.sh's ENGINE_SUITES) run again under the other
# engine configurations, as tests/run.sh does (RVX_PASSES, default "interp tiny"): through a
# wrapper that sets the engine's variables, since some suites (72-threads) run rvx with an
# empty environment. Most of what TSan can catch (the interpreter is instrumented code, the
# translator's output is not; the tiny code cache flushes all the time) differs by engine.
cd "$(dirname "$0")/../.." || exit 2
export RVX=$1; shift
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer)}
# The sanitizer runtime options rvx needs are built into it (tests/fuzz/san_options.c).
if [ $# = 0 ]; then
  exec tests/run.sh
fi
export BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
passes=${RVX_PASSES-interp tiny}
engine_suites=$(sed -n '/^ENGINE_SUITES="/,/"$/p' tests/run.sh | sed 's/^ENGINE_SUITES="//; s/"$//' |
                tr '\n' ' ')
[ -n "${engine_suites// }" ] || { echo "FAIL san_check.sh: no ENGINE_SUITES in tests/run.sh"; exit 1; }
wrap=$(mktemp -d) || exit 2
trap 'rm -rf "$wrap"' EXIT
passed=0 failed=0

source tests/run_suite.sh

for s in "$@"; do
  run_suite "tests/suites/$s.sh" ""
done
real=$RVX
for pass in $passes; do
  case $pass in
    interp) env="RVX_ENGINE=interp" ;;
    tiny) env="RVX_ENGINE=jit RVX_JIT_THRESHOLD=1 RVX_CODE_CACHE_SIZE=64K" ;;
    *) echo "FAIL san_check.sh: unknown pass $pass"; failed=$((failed + 1)); continue ;;
  esac
  printf '#!/bin/sh\nexec %s %s %s "$@"\n' "$(command -v env)" "$env" "$real" >"$wrap/rvx-$pass"
  chmod +x "$wrap/rvx-$pass"
  for s in "$@"; do
    case " $engine_suites " in
      *" $s "*) RVX=$wrap/rvx-$pass run_suite "tests/suites/$s.sh" "$pass" ;;
    esac
  done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
