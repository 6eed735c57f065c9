#!/bin/bash
# Guest signal delivery. Three parts:
#  - tests/signals/*.S (handlers reading siginfo and ucontext, resuming after traps): exit 0
#    under qemu-riscv64 (which proves them) and under rvx;
#  - every trap case of tests/traps/traps.S with its handlers installed ("traps N h"): rvx
#    must report the signal, si_code, ucontext pc and si_addr Linux gives (the case table is
#    the one of 22-traps.sh, read from it);
#  - tests/guest/sig_traps.c, sig_async.c, sig_child.c and sig_storm2.c, one mode per run: stdout and exit status equal
#    qemu-riscv64's, except where qemu 7.2 differs from Linux (then the Linux result is
#    written here and qemu is not asked).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc} RV_NM=${RV_NM:-riscv64-linux-gnu-nm}
LIMIT=${SIGNALS_TIMEOUT:-20}
ulimit -c 0
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT

# Runs "$@" with a time limit: stdout to $tmp/out, stderr to $tmp/err; prints the status.
run() {
  (timeout -k 2 "$LIMIT" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; exit $?) 2>/dev/null
  echo $?
}

# Builds $2 from $1 with the rest as flags unless it is up to date; prints FAIL on error.
build() {
  local src=$1 bin=$2; shift 2
  mkdir -p "$(dirname "$bin")"
  if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ]; then
    if ! "$RV_CC" "$@" -o "$bin" "$src" 2>"$tmp/cc"; then
      echo "FAIL build $(basename "$src"): $(head -c 300 "$tmp/cc")"
      return 1
    fi
  fi
}

# ---- part 1: tests/signals ----
for src in tests/signals/*.S; do
  name=signals/$(basename "$src" .S)
  bin=$BUILD/$name
  build "$src" "$bin" -static -nostdlib -Itests/isa || continue
  q=$(run "$QEMU" "$bin")
  r=$(run "$RVX" "$bin")
  if [ "$q" != 0 ]; then echo "FAIL $name: qemu exits $q (test broken?)"
  elif [ "$r" != 0 ]; then echo "FAIL $name: rvx exits $r (first failing check), stderr '$(head -c 200 "$tmp/err")'"
  else echo "PASS $name"; fi
done

# ---- part 2: traps.S with handlers ----
traps=$BUILD/traps/traps
if build tests/traps/traps.S "$traps" -static -nostdlib; then
  declare -A sym
  while read -r value _ name; do sym[$name]=$value; done < <("$RV_NM" "$traps")
  norm() {
    local h=${1,,}; h=${h#0x}
    while [[ $h == 0?* ]]; do h=${h#0}; done
    echo "${h:-0}"
  }
  codenum() {
    case $1 in
      ILL_ILLOPC|TRAP_BRKPT|BUS_ADRALN|SEGV_MAPERR) echo 1 ;;
      SEGV_ACCERR) echo 2 ;;
      *) echo "?" ;;
    esac
  }
  cases=$(sed -n "/^CASES='/,/^'/p" tests/suites/22-traps.sh | sed '1d;$d')
  while read -r n sig code pcspec _qdiff desc; do
    [ -n "$n" ] || continue
    name="signals/trap-handler/$n"
    [ "$sig" = exit0 ] && continue
    r=$(run "$RVX" "$traps" "$n" h)
    mapfile -t l <"$tmp/out"
    if [ "$r" != 0 ] || [ ${#l[@]} != 5 ]; then
      echo "FAIL $name ($desc): rvx exits $r, printed ${#l[@]} lines (want 5), stderr '$(head -c 160 "$tmp/err")'"
      continue
    fi
    addr=$(norm "${l[0]}")
    case $pcspec in
      label) epc=$(norm "${sym[trap_$n]:-missing}") ;;
      addr) epc=$addr ;;
      addr-2) epc=$(printf '%x' $((0x$addr - 2))) ;;
    esac
    eaddr=$addr
    [[ $sig == SIGILL || $sig == SIGTRAP ]] && eaddr=$epc
    got="$(norm "${l[1]}") $(norm "${l[2]}") $(norm "${l[3]}") $(norm "${l[4]}")"
    exp="$(printf '%x' "$(kill -l "${sig#SIG}")") $(codenum "$code") $epc $eaddr"
    if [ "$got" = "$exp" ]; then echo "PASS $name ($desc)"
    else echo "FAIL $name ($desc): sig code pc addr = $got, want $exp"; fi
  done <<<"$cases"
fi

# ---- part 3: C programs ----
for p in sig_traps sig_async sig_child sig_storm2 sig_jitfault; do
  build "tests/guest/$p.c" "$BUILD/guest/$p" -O2 -static || continue
done

# check PROGRAM MODE...: stdout and status as under qemu.
check() {
  local prog=$1; shift
  local name="signals/$prog/$*"
  q=$(run "$QEMU" "$BUILD/guest/$prog" "$@"); cp "$tmp/out" "$tmp/qout"
  r=$(run "$RVX" "$BUILD/guest/$prog" "$@")
  if [ "$q" != "$r" ]; then
    echo "FAIL $name: status rvx $r qemu $q; rvx stderr '$(head -c 200 "$tmp/err")'"
  elif ! cmp -s "$tmp/out" "$tmp/qout"; then
    echo "FAIL $name: stdout differs: $(diff "$tmp/qout" "$tmp/out" | head -4 | tr '\n' ' ' | cut -c1-300)"
  else
    echo "PASS $name (status $r)"
  fi
}

# expect PROGRAM STATUS EXPECTED-STDOUT MODE...: the Linux result, where qemu differs.
expect() {
  local prog=$1 st=$2 want=$3; shift 3
  local name="signals/$prog/$*"
  r=$(run "$RVX" "$BUILD/guest/$prog" "$@")
  if [ "$r" != "$st" ]; then
    echo "FAIL $name: status $r, want $st; stderr '$(head -c 200 "$tmp/err")'"
  elif [ "$(cat "$tmp/out")" != "$want" ]; then
    echo "FAIL $name: stdout '$(head -c 300 "$tmp/out" | tr '\n' '|')', want '$(tr '\n' '|' <<<"$want")'"
  else
    echo "PASS $name (status $r)"
  fi
}

for m in segv_longjmp segv_mprotect sigill sigtrap altstack overflow_noalt bad_sp; do
  check sig_traps "$m"
done
for m in busy read_eintr read_restart nested suspend timedwait timers ppoll storm; do
  check sig_async "$m"
done
for d in abort term segv ignored alarm; do
  check sig_async die "$d"
done
# qemu 7.2 reads riscv64's struct sigaction with an sa_restorer, so sa_mask is lost there;
# Linux blocks SIGUSR2 (sa_mask) in the handler.
expect sig_async 140 "plain: hits 3 usr2 1 self 1 depth 1
nodefer: hits 3 usr2 0 self 0 depth 3
restored: 1
resethand: hits 1 now default 1" masks
# qemu renumbers real-time signals on the host; Linux dies of SIGRTMIN+5 = 39.
expect sig_async 167 "" die rt
# qemu 7.2 ignores SA_NOCLDWAIT: the Linux result is written here.
expect sig_child 0 "round 0: chld 1 pid ok 1 code CLD_EXITED status 3; waitpid ok 1 exited 3
round 1: chld 1 pid ok 1 code CLD_KILLED status 15; waitpid ok 1 signaled 15
waitpid interrupted: -1 EINTR alrm 1
waitpid again: ok 1
nocldwait: chld 1 waitpid -1 ECHILD"
# A storm between two processes: 10^5 queued real-time signals, each exactly once and in
# order, then 2*10^4 rounds of a SIGUSR1/SIGUSR2 ping-pong (a lost signal hangs: time limit).
check sig_storm2
# Faults in hot (translated) code: the frame's pc, address and registers exact.
check sig_jitfault
exit 0
