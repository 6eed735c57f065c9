#!/bin/bash
# make check-stress: runs the thread suite (72-threads) and every signal suite (names with
# "signal") N times each (default 20), and reports per test how many runs passed: races show
# up as rare failures. tests/stress.sh [-n N] [SUITE...] (suite names without .sh).
# Environment as tests/run.sh (RVX, BUILD, QEMU).
cd "$(dirname "$0")/.." || exit 2
export RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
n=20
if [ "$1" = "-n" ]; then n=$2; shift 2; fi
suites=("$@")
if [ ${#suites[@]} = 0 ]; then
  for s in tests/suites/72-threads.sh tests/suites/*signal*.sh; do
    [ -e "$s" ] && suites+=("$(basename "$s" .sh)")
  done
fi
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
bad=0
for s in "${suites[@]}"; do
  [ -e "tests/suites/$s.sh" ] || { echo "no suite $s"; bad=1; continue; }
  : >"$log"
  for ((i = 1; i <= n; i++)); do
    bash "tests/suites/$s.sh" >>"$log" 2>&1
    printf '\r%s: run %d/%d' "$s" "$i" "$n" >&2
  done
  echo >&2
  # per test: passes and failures over the runs, and the first failure's reason
  awk -v suite="$s" -v n="$n" '
    # the name of a test: the words after PASS/FAIL, up to " (" (a PASS note) or ": " (a reason)
    function name(line) { sub(/^(PASS|FAIL) /, "", line); sub(/ \(.*$/, "", line); sub(/: .*$/, "", line); return line }
    /^PASS / { id = name($0); p[id]++; if (!(id in seen)) { seen[id] = 1; order[++k] = id } }
    /^FAIL / { id = name($0); f[id]++; if (!(id in why)) why[id] = $0
               if (!(id in seen)) { seen[id] = 1; order[++k] = id } }
    END {
      for (i = 1; i <= k; i++) {
        id = order[i]
        printf "%-4s %s/%s: %d/%d passed\n", f[id] ? "FAIL" : "ok", suite, id, p[id], n
        if (f[id]) printf "       first failure: %s\n", why[id]
        if (f[id]) bad = 1
      }
      exit bad
    }' "$log" || bad=1
done
[ $bad = 0 ] && echo "stress: every test passed every run" || echo "stress: some runs failed"
exit $bad
