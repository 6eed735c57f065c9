#!/bin/bash
# make bench: times every workload in bench/*.c built natively (cc -O2) and for riscv64
# (riscv64-linux-gnu-gcc -O2 -static), run natively, under qemu-riscv64 and under rvx in the same
# run (rvx twice: the interpreter alone, --engine=interp, and the default, the translator).
# Each time is the best of N runs (wall clock); all must print the same output (the
# workloads print checksums). threads.c also runs with 1, 2 and 4 threads (speed-up 2/1). Then the start-up cost: a static hello world, mean of many runs;
# and a dynamically linked hello world (ld.so, libc.so from the sysroot) under rvx -L, qemu -L
# and natively: median wall time and peak RSS (getrusage of each run) with ratios.
#
#   bench/run.sh [--runs N] [--starts N] [--dyn-starts N] [--timeout S] [WORKLOAD...]
#     --runs N        runs per measurement, the best counts (default 3)
#     --starts N      runs of hello world for the start-up line (default 50)
#     --dyn-starts N  runs per dynamic start-up measurement, the median counts (default 30,
#                     at least 20)
#     --timeout S   give up on one run after S seconds (default 300)
#     WORKLOAD      only these (names of bench/*.c without .c)
# Environment: RVX (default ./rvx), QEMU (default qemu-riscv64), BUILD (default build),
# CC (default cc), RV_CC (default riscv64-linux-gnu-gcc), SYSROOT (default
# /usr/riscv64-linux-gnu: the -L both emulators get).
# A workload rvx (or qemu) fails or gets wrong shows FAILED or WRONG in its row; the run goes on.
cd "$(dirname "$0")/.." || exit 2
RVX=${RVX:-$PWD/rvx} QEMU=${QEMU:-qemu-riscv64} BUILD=${BUILD:-$PWD/build}
CC=${CC:-cc} RV_CC=${RV_CC:-riscv64-linux-gnu-gcc}
SYSROOT=${SYSROOT:-/usr/riscv64-linux-gnu}
runs=3 starts=50 dyn_starts=30 tmo=300 only=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --dyn-starts) dyn_starts=$2; [ "$dyn_starts" -ge 20 ] 2>/dev/null || dyn_starts=20; shift 2 ;;
    --timeout) tmo=$2; shift 2 ;;
    -*) echo "usage: $0 [--runs N] [--starts N] [--dyn-starts N] [--timeout S] [WORKLOAD...]" >&2
        exit 2 ;;
    *) only+=("$1"); shift ;;
  esac
done
# Contraction off: a fused multiply-add rounds differently, and the checksums must agree.
FLAGS="-O2 -ffp-contract=off"
out=$BUILD/bench
mkdir -p "$out/native" "$out/rv" || exit 2

# Microseconds since the epoch (bash 5's EPOCHREALTIME, else date).
now_us() {
  if [ -n "$EPOCHREALTIME" ]; then local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"
  else echo $(($(date +%s%N) / 1000)); fi
}

# measure FILE CMD...: runs CMD $runs times, stdout of the first run to FILE; prints the best
# time in microseconds, or "FAILED" if any run failed (non-zero exit status or timeout).
measure() {
  local file=$1 best="" i t0 t1 rc; shift
  for ((i = 0; i < runs; i++)); do
    t0=$(now_us)
    timeout "$tmo" "$@" >"$file.$i" 2>"$file.err"; rc=$?
    t1=$(now_us)
    if [ "$rc" != 0 ]; then echo FAILED; return; fi
    [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ] && best=$((t1 - t0))
    [ "$i" = 0 ] && mv "$file.$i" "$file" || rm -f "$file.$i"
  done
  echo "$best"
}

secs() { awk -v u="$1" 'BEGIN { printf "%.3f", u / 1e6 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

names=()
for src in bench/*.c; do
  n=$(basename "$src" .c)
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ \ $n\  ]]; then continue; fi
  names+=("$n")
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "rvx benchmarks: $(uname -m), $(nproc) cores, $cpu"
echo "best of $runs runs, wall-clock seconds; rvx: $RVX"
[ -x "$RVX" ] || echo "note: $RVX is not built; its column will say FAILED"
printf '%-10s %9s %9s %9s %9s %11s %9s  %s\n' workload native qemu interp rvx rvx/native rvx/qemu check
lg_n=0 lg_q=0 cnt=0
for n in "${names[@]}"; do
  if ! $CC $FLAGS -o "$out/native/$n" "bench/$n.c" -lm 2>"$out/$n.log" ||
     ! $RV_CC $FLAGS -static -o "$out/rv/$n" "bench/$n.c" -lm 2>>"$out/$n.log"; then
    printf '%-10s build failed: %s\n' "$n" "$(head -c 200 "$out/$n.log")"; continue
  fi
  tn=$(measure "$out/$n.native.out" "$out/native/$n")
  tq=$(measure "$out/$n.qemu.out" "$QEMU" "$out/rv/$n")
  ti=$(measure "$out/$n.interp.out" "$RVX" --engine=interp "$out/rv/$n")
  tr=$(measure "$out/$n.rvx.out" "$RVX" "$out/rv/$n")
  check=ok
  if [ "$tn" = FAILED ]; then check="native run failed"
  else
    if [ "$tq" != FAILED ] && ! cmp -s "$out/$n.native.out" "$out/$n.qemu.out"; then
      tq=WRONG; check="qemu output differs"
    fi
    if [ "$tr" != FAILED ] && ! cmp -s "$out/$n.native.out" "$out/$n.rvx.out"; then
      tr=WRONG; check="rvx output differs: $(head -c 100 "$out/$n.rvx.out")"
    fi
    if [ "$ti" != FAILED ] && ! cmp -s "$out/$n.native.out" "$out/$n.interp.out"; then
      ti=WRONG; check="rvx --engine=interp output differs"
    fi
    [ "$tr" = FAILED ] && check="rvx failed: $(head -c 100 "$out/$n.rvx.out.err" | tr '\n' ' ')"
  fi
  cn=$tn cq=$tq ci=$ti cr=$tr rn=- rq=-
  [[ $tn =~ ^[0-9]+$ ]] && cn=$(secs "$tn")
  [[ $ti =~ ^[0-9]+$ ]] && ci=$(secs "$ti")
  [[ $tq =~ ^[0-9]+$ ]] && cq=$(secs "$tq")
  [[ $tr =~ ^[0-9]+$ ]] && cr=$(secs "$tr")
  if [[ $tn =~ ^[0-9]+$ && $tr =~ ^[0-9]+$ && $tq =~ ^[0-9]+$ ]]; then
    rn=$(ratio "$tr" "$tn") rq=$(ratio "$tr" "$tq")
    lg_n=$(awk -v s="$lg_n" -v r="$rn" 'BEGIN { print s + log(r) }')
    lg_q=$(awk -v s="$lg_q" -v r="$rq" 'BEGIN { print s + log(r) }')
    cnt=$((cnt + 1))
  fi
  printf '%-10s %9s %9s %9s %9s %11s %9s  %s\n' "$n" "$cn" "$cq" "$ci" "$cr" "$rn" "$rq" "$check"
done
if [ "$cnt" -gt 0 ]; then
  printf '%-10s %9s %9s %9s %9s %11s %9s  %s\n' geomean "" "" "" "" \
    "$(awk -v s="$lg_n" -v c="$cnt" 'BEGIN { printf "%.2f", exp(s / c) }')" \
    "$(awk -v s="$lg_q" -v c="$cnt" 'BEGIN { printf "%.2f", exp(s / c) }')" \
    "over $cnt workloads rvx ran correctly"
else
  echo "geomean: none (no workload ran correctly under all three)"
fi

# Translation cost: one more rvx run of each workload with --stats: the guest instructions the
# translator translated, the time it took, the rate, and that time's share of the run's time.
echo "translation cost (one rvx --stats run each):"
printf '%-10s %12s %12s %14s %14s\n' workload translated "time (ms)" "M insns/s" "% of run time"
for n in "${names[@]}"; do
  [ -x "$out/rv/$n" ] || continue
  "$RVX" --stats "$out/rv/$n" >/dev/null 2>"$out/$n.stats"
  awk -v n="$n" '
    /^rvx: stats: jit instructions translated:/ { i = $NF }
    /^rvx: stats: jit microseconds translating:/ { us = $NF }
    /^rvx: stats: wall-clock microseconds:/ { wall = $NF }
    END {
      rate = us > 0 ? sprintf("%.2f", i / us) : "-"
      share = wall > 0 ? sprintf("%.3f", 100 * us / wall) : "-"
      printf "%-10s %12d %12.3f %14s %14s\n", n, i, us / 1000, rate, share
    }' "$out/$n.stats"
done

# Threads: bench/threads.c splits a fixed amount of work over N threads; its time with 1, 2
# and 4 threads under each engine (the same checksum every time), and the speed-up 2 vs 1.
if [ -x "$out/rv/threads" ] && [ -x "$out/native/threads" ]; then
  echo "threads (bench/threads.c, fixed total work), best of $runs runs, seconds:"
  printf '%-10s %9s %9s %9s %12s  %s\n' engine 1 2 4 "speed-up 2/1" check
  for eng in native qemu rvx; do
    row=() t1="" t2="" check=ok
    for nt in 1 2 4; do
      case $eng in
        native) t=$(measure "$out/threads.$eng.$nt.out" "$out/native/threads" "$nt") ;;
        qemu) t=$(measure "$out/threads.$eng.$nt.out" "$QEMU" "$out/rv/threads" "$nt") ;;
        rvx) t=$(measure "$out/threads.$eng.$nt.out" "$RVX" "$out/rv/threads" "$nt") ;;
      esac
      if [[ $t =~ ^[0-9]+$ ]] && ! cmp -s "$out/threads.native.1.out" "$out/threads.$eng.$nt.out"; then
        t=WRONG check="output differs with $nt threads"
      fi
      [ "$nt" = 1 ] && t1=$t
      [ "$nt" = 2 ] && t2=$t
      [[ $t =~ ^[0-9]+$ ]] && t=$(secs "$t")
      row+=("$t")
    done
    sp=-
    [[ $t1 =~ ^[0-9]+$ && $t2 =~ ^[0-9]+$ ]] && sp=$(ratio "$t1" "$t2")
    printf '%-10s %9s %9s %9s %12s  %s\n' "$eng" "${row[@]}" "$sp" "$check"
  done
fi

# Start-up: the static hello world of the test suite, and the same source built natively.
hello_src=tests/guest/hello.c
$RV_CC -O2 -static -o "$out/rv/hello" "$hello_src" || exit 1
hello_note=static
$CC -O2 -static -o "$out/native/hello" "$hello_src" 2>/dev/null ||
  { $CC -O2 -o "$out/native/hello" "$hello_src" || exit 1; hello_note=dynamic; }
# mean_ms CMD...: mean wall time of $starts runs in milliseconds, or FAILED.
mean_ms() {
  local i t0 t1
  "$@" >/dev/null 2>&1 || { echo FAILED; return; }
  t0=$(now_us)
  for ((i = 0; i < starts; i++)); do "$@" >/dev/null 2>&1 || { echo FAILED; return; }; done
  t1=$(now_us)
  awk -v u=$((t1 - t0)) -v n="$starts" 'BEGIN { printf "%.2f ms", u / n / 1000 }'
}
sn=$(mean_ms "$out/native/hello") sq=$(mean_ms "$QEMU" "$out/rv/hello")
sr=$(mean_ms "$RVX" "$out/rv/hello")
echo "start-up, hello world, mean of $starts runs: native ($hello_note) $sn, qemu $sq, rvx $sr"

# Dynamic start-up: the same hello world linked dynamically. A small host helper runs each
# command N times (fork, exec, wait4) and reports the median wall time and the largest peak RSS
# (ru_maxrss of the child) over the runs, so bash's own cost stays out of the numbers.
cat >"$out/startup.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}
int main(int argc, char **argv)
{
  int n = argc > 2 ? atoi(argv[1]) : 0;
  if (n < 1)
    return 2;
  double *t = calloc((size_t)n, sizeof *t);
  long rss = 0;
  for (int i = 0; i < n; i++) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pid_t p = fork();
    if (p == 0) {
      int fd = open("/dev/null", O_WRONLY);
      dup2(fd, 1), dup2(fd, 2);
      execvp(argv[2], argv + 2);
      _exit(127);
    }
    int st;
    struct rusage ru;
    if (p < 0 || wait4(p, &st, 0, &ru) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      puts("FAILED -");
      return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    t[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    if (ru.ru_maxrss > rss)
      rss = ru.ru_maxrss;
  }
  qsort(t, (size_t)n, sizeof *t, cmp);
  printf("%.3f %ld\n", n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2, rss);
  return 0;
}
EOF
if ! $CC -O2 -o "$out/startup" "$out/startup.c" 2>"$out/startup.log" ||
   ! $RV_CC -O2 -o "$out/rv/hello-dyn" "$hello_src" 2>>"$out/startup.log" ||
   ! $CC -O2 -o "$out/native/hello-dyn" "$hello_src" 2>>"$out/startup.log"; then
  echo "dynamic start-up: build failed: $(head -c 200 "$out/startup.log")"
  exit 0
fi
echo "start-up, dynamically linked hello world (-L $SYSROOT), median of $dyn_starts runs:"
read -r dn_ms dn_kb < <("$out/startup" "$dyn_starts" "$out/native/hello-dyn")
read -r dq_ms dq_kb < <("$out/startup" "$dyn_starts" "$QEMU" -L "$SYSROOT" "$out/rv/hello-dyn")
read -r dr_ms dr_kb < <("$out/startup" "$dyn_starts" "$RVX" -L "$SYSROOT" "$out/rv/hello-dyn")
# dyn_row NAME MS KB: one row, with ratios to native and to qemu when all are numbers.
dyn_row() {
  local r1=- r2=- r3=- r4=- num='^[0-9.]+$'
  if [[ $2 =~ $num && $dn_ms =~ $num && $dq_ms =~ $num ]]; then
    r1=$(ratio "$2" "$dn_ms") r2=$(ratio "$2" "$dq_ms")
    r3=$(ratio "$3" "$dn_kb") r4=$(ratio "$3" "$dq_kb")
  fi
  printf '  %-8s %9s %12s %10s %8s %11s %9s\n' "$1" "${2:-FAILED}" "${3:--}" "$r1" "$r2" \
    "$r3" "$r4"
}
printf '  %-8s %9s %12s %10s %8s %11s %9s\n' "" "wall ms" "peak RSS KB" "ms/native" "ms/qemu" \
  "RSS/native" "RSS/qemu"
dyn_row native "$dn_ms" "$dn_kb"
dyn_row qemu "$dq_ms" "$dq_kb"
dyn_row rvx "$dr_ms" "$dr_kb"
