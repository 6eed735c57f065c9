#!/bin/bash
# Random differential test against qemu-riscv64 (tests/diff/run.sh): a fixed list of seeds, so
# every run checks the same cases, and one fresh seed, printed, so new cases get tried too. A
# failure with either is reproducible from the seed printed with it. RVX_DIFF_SEED=S replaces
# the fresh seed (e.g. to rerun what a CI log showed).
# Then tests/diff/compat.c: rvx-only checks of assumptions in docs/COMPATIBILITY.md that have
# no reference to compare with (counters, one thread, fds).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
status=0
for seed in 1 2 3 4 5 6; do
  tests/diff/run.sh --seed "$seed" --cases 500 || status=1
done
fresh=${RVX_DIFF_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
tests/diff/run.sh --seed "$fresh" --cases 1000 || status=1

d=$BUILD/diff
mkdir -p "$d"
if ! riscv64-linux-gnu-gcc -O2 -static -o "$d/compat" tests/diff/compat.c 2>"$d/compat.log"; then
  echo "FAIL compat: does not build: $(head -c 300 "$d/compat.log")"
  exit 1
fi
rm -f "$d/fd5.txt"
{ "$RVX" "$d/compat" 5>"$d/fd5.txt" >"$d/compat.out" 2>"$d/compat.err"; rc=$?; } 2>/dev/null
cat "$d/compat.out"
if [ "$rc" != 0 ] && ! grep -q '^FAIL' "$d/compat.out"; then
  echo "FAIL compat: exit status $rc: $(head -c 300 "$d/compat.err")"
fi
if [ "$(cat "$d/fd5.txt")" = "fd 5" ]; then echo "PASS compat-inherited-fd-content"
else echo "FAIL compat-inherited-fd-content: fd 5's file holds '$(head -c 50 "$d/fd5.txt")'"; fi
exit $status
