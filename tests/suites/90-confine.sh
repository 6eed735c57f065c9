#!/bin/bash
# Confinement: no input and no guest reaches past rvx. The guests of tests/guest/conf_*.c
# aim every kind of memory access, every pointer-taking syscall, the memory calls, /proc/PID/mem,
# ptrace and process_vm_* at rvx's own memory; they run under a canary build of rvx
# (build/canary/rvx, -DRVX_CANARY: guard words in rvx's data, heap, host stacks and next to
# each of its mappings, checked at exit) and under each engine: the interpreter, the
# translator translating everything at once, and the translator with a tiny code cache.
# Then resource bounds (--max-memory, threads, descriptors) and the validation of options
# and RVX_* variables (status 2, one line). See docs/SECURITY.md.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# The engine configurations of this suite (the environment's RVX_ENGINE etc. are not used:
# each test names its configuration).
unset RVX_ENGINE RVX_JIT_THRESHOLD RVX_CODE_CACHE_SIZE RVX_MAX_MEMORY RVX_STRACE RVX_STATS
ENGINES=("interp:--engine=interp" "jit:--engine=jit --jit-threshold=0"
         "tiny:--engine=jit --jit-threshold=1 --code-cache-size=64K")

# ---- the canary build ----
CANARY=$BUILD/canary/rvx
if ! make -s -j2 BUILD="$BUILD/canary" OUT="$CANARY" CFLAGS="-O1 -g -DRVX_CANARY" \
     LDLIBS="-lm -Wl,--wrap=mmap,--wrap=pthread_create,--wrap=_exit" "$CANARY" \
     >"$TMP/build.log" 2>&1; then
  fail "canary build" "$(grep -m3 -i error "$TMP/build.log" | tr '\n' '|')"
  exit 0
fi
for g in conf_access conf_syscalls conf_mmap conf_proc conf_limits hello; do
  if [ ! -x "$BUILD/guest/$g" ] || [ "tests/guest/$g.c" -nt "$BUILD/guest/$g" ]; then
    make -s BUILD="$BUILD" "$BUILD/guest/$g" >/dev/null 2>&1 || { fail "build $g" "make failed"; exit 0; }
  fi
done

# The canary catches what it guards: each kind overwritten on purpose at exit.
"$CANARY" "$BUILD/guest/hello" >"$TMP/out" 2>"$TMP/err"
if [ $? = 0 ] && ! grep -q canary "$TMP/err"; then pass "canary build runs a program cleanly"
else fail "canary build runs a program cleanly" "$(tr '\n' '|' <"$TMP/err")"; fi
for kind in data bss heap stack map; do
  RVX_CANARY_SELFTEST=$kind "$CANARY" "$BUILD/guest/hello" >/dev/null 2>"$TMP/err"
  st=$?
  if [ $st = 86 ] && grep -q "^rvx: canary: .* overwritten at 0x" "$TMP/err"; then
    pass "canary reports an overwritten $kind word (status 86)"
  else
    fail "canary reports an overwritten $kind word (status 86)" "status $st, $(tr '\n' '|' <"$TMP/err")"
  fi
done

# run_guest NAME RVXARGS -- GUESTARGS: runs a conf_ guest under the canary rvx; passes when
# it exits 0 with "0 failures" last and no canary report.
run_guest() {
  local name=$1 opts=$2 guest=$3; shift 3
  # shellcheck disable=SC2086
  timeout 60 "$CANARY" $opts "$BUILD/guest/$guest" "$@" >"$TMP/out" 2>"$TMP/err"
  local st=$?
  if [ $st = 0 ] && [ "$(tail -1 "$TMP/out")" = "0 failures" ] && [ ! -s "$TMP/err" ]; then
    pass "$name"
  else
    fail "$name" "status $st; $(grep -m5 '^FAIL' "$TMP/out" | tr '\n' '|') $(head -c 300 "$TMP/err" | tr '\n' '|')"
  fi
}

# ---- 1. memory accesses, syscalls, memory calls, /proc/PID/mem, under every engine ----
for e in "${ENGINES[@]}"; do
  label=${e%%:*} opts=${e#*:}
  run_guest "[$label] every load/store/FP/compressed/LR/AMO/fetch width past 2^38 faults (SEGV_MAPERR at the address)" \
    "$opts" conf_access 2
  run_guest "[$label] syscalls with pointers past 2^38, in the guard, at 2^47, 2^63, -4096 or straddling 2^38: EFAULT" \
    "$opts" conf_syscalls
  run_guest "[$label] mmap/mremap/munmap/mprotect/brk past 2^38: sv39 Linux's errors, nothing mapped there" \
    "$opts" conf_mmap
done
run_guest "/proc/PID/mem (any spelling, any rvx process) refused with EACCES, map_files with EPERM; ptrace, process_vm_*, kcmp, pidfd_getfd ENOSYS" \
  "" conf_proc

# The same accesses under qemu-riscv64: wherever qemu faults, rvx faults with the same signal
# (qemu also lets some through: its guest space is the host's, bigger than sv39's).
"$CANARY" "$BUILD/guest/conf_access" 1 >"$TMP/r" 2>/dev/null
"$QEMU" "$BUILD/guest/conf_access" 1 >"$TMP/q" 2>/dev/null
both=$(join -j1 <(grep ': sig ' "$TMP/r" | awk '{print $1"@"$2, $4}' | sort) \
               <(grep ': sig ' "$TMP/q" | awk '{print $1"@"$2, $4}' | sort))
faulted=$(echo "$both" | awk '$3 != 0' | wc -l)
differ=$(echo "$both" | awk '$3 != 0 && $2 != $3' | head -3 | tr '\n' '|')
if [ "$faulted" -gt 100 ] && [ -z "$differ" ]; then
  pass "conf_access: the $faulted cases qemu-riscv64 faults on fault alike under rvx"
else
  fail "conf_access vs qemu-riscv64" "$faulted cases compared; differ: $differ"
fi
# Syscalls with the pointers every host refuses (2^63, -4096): rvx and qemu agree but where
# qemu 7.2 is wrong (ENOSYS for openat2, get_robust_list, clone3; ENOMEM for mincore; clock_getres and nanosleep
# ignore or misread a bad pointer), where rvx says EFAULT as Linux.
"$CANARY" "$BUILD/guest/conf_syscalls" canonical >"$TMP/r" 2>&1
"$QEMU" "$BUILD/guest/conf_syscalls" canonical >"$TMP/q" 2>&1
known='^(openat2 how|clock_getres res|nanosleep req|get_robust_list head|clone3 args|mincore vec) '
d=$(diff <(grep -v '^FAIL\|failures$' "$TMP/r" | grep -Ev "$known") \
         <(grep -v '^FAIL\|failures$' "$TMP/q" | grep -Ev "$known") | head -5 | tr '\n' '|')
n=$(grep -c ': ' "$TMP/r")
if [ -z "$d" ] && [ "$n" -gt 150 ] && grep -q '^0 failures$' "$TMP/r"; then
  pass "conf_syscalls: $n cases with 2^63 and -4096 pointers as qemu-riscv64 (but its known bugs)"
else
  fail "conf_syscalls vs qemu-riscv64" "$n cases; $d"
fi

# ---- 2. resource bounds ----
run_guest "--max-memory=64M: malloc, mmap, mprotect, sbrk get ENOMEM past it; freed memory comes back" \
  "--max-memory=64M" conf_limits alloc
n=$(sed -n 's/^malloc: \([0-9]*\) MiB before NULL$/\1/p' "$TMP/out")
if [ -n "$n" ] && [ "$n" -ge 40 ] && [ "$n" -le 62 ]; then
  pass "--max-memory=64M: $n 1-MiB blocks fit beside the 8 MiB stack and the program"
else fail "--max-memory=64M bound" "malloc count '$n'"; fi
RVX_MAX_MEMORY=32M "$CANARY" "$BUILD/guest/conf_limits" alloc >"$TMP/out" 2>&1
n2=$(sed -n 's/^malloc: \([0-9]*\) MiB before NULL$/\1/p' "$TMP/out")
if [ -n "$n2" ] && [ -n "$n" ] && [ "$n2" -le $((n - 30)) ] && grep -q '^0 failures$' "$TMP/out"; then
  pass "RVX_MAX_MEMORY=32M acts as --max-memory ($n2 blocks)"
else fail "RVX_MAX_MEMORY=32M" "count '$n2' (64M: '$n')"; fi
run_guest "threads until pthread_create fails (EAGAIN, --max-memory=128M): all joined, exit 0" \
  "--max-memory=128M" conf_limits threads
run_guest "[interp] threads until pthread_create fails" "--engine=interp --max-memory=96M" \
  conf_limits threads
run_guest "files until EMFILE (RLIMIT_NOFILE 32): every free descriptor, /proc at the limit EMFILE too" \
  "" conf_limits files 32
"$CANARY" --max-memory=4M "$BUILD/guest/hello" >/dev/null 2>"$TMP/err"
st=$?
if [ $st = 126 ] && [ "$(wc -l <"$TMP/err")" = 1 ]; then
  pass "--max-memory below the stack's size: the program cannot start (126, one line)"
else fail "--max-memory=4M" "status $st, $(tr '\n' '|' <"$TMP/err")"; fi

# ---- 3. bad input: options and RVX_* variables, status 2 and one line ----
H=$BUILD/guest/hello
bad_cli() {   # NAME ENV-ASSIGNMENTS ARGS...
  local name=$1 envs=$2; shift 2
  # shellcheck disable=SC2086
  env $envs "$RVX" "$@" >"$TMP/out" 2>"$TMP/err"
  local st=$?
  if [ $st = 2 ] && [ "$(wc -l <"$TMP/err")" = 1 ] && grep -q "^rvx: .*(try 'rvx --help')$" "$TMP/err" &&
     [ ! -s "$TMP/out" ]; then
    pass "bad input: $name: status 2, one line"
  else
    fail "bad input: $name" "status $st; $(head -c 200 "$TMP/err" | tr '\n' '|')"
  fi
}
bad_cli "--engine=" "" --engine= "$H"
bad_cli "--engine=fast" "" --engine=fast "$H"
bad_cli "--engine (no value)" "" --engine "$H"
bad_cli "--jit-threshold=-1" "" --jit-threshold=-1 "$H"
bad_cli "--jit-threshold=10K" "" --jit-threshold=10K "$H"
bad_cli "--jit-threshold=99999999999" "" --jit-threshold=99999999999 "$H"
bad_cli "--code-cache-size=0" "" --code-cache-size=0 "$H"
bad_cli "--code-cache-size=2G" "" --code-cache-size=2G "$H"
bad_cli "--code-cache-size=12Q" "" --code-cache-size=12Q "$H"
bad_cli "--code-cache-size=99999999999999999999" "" --code-cache-size=99999999999999999999 "$H"
bad_cli "--max-memory=0" "" --max-memory=0 "$H"
bad_cli "--max-memory=lots" "" --max-memory=lots "$H"
bad_cli "--max-memory=17179869184T" "" --max-memory=17179869184T "$H"
bad_cli "--max-memory (no value)" "" --max-memory
bad_cli "--strace=1" "" --strace=1 "$H"
bad_cli "-L ''" "" -L "" "$H"
bad_cli "-d (no value)" "" -d
bad_cli "-0 (no value)" "" -0
bad_cli "empty program name" "" ""
bad_cli "RVX_ENGINE=fast" "RVX_ENGINE=fast" "$H"
bad_cli "RVX_JIT_THRESHOLD=x" "RVX_JIT_THRESHOLD=x" "$H"
bad_cli "RVX_CODE_CACHE_SIZE=0" "RVX_CODE_CACHE_SIZE=0" "$H"
bad_cli "RVX_MAX_MEMORY=-5" "RVX_MAX_MEMORY=-5" "$H"
bad_cli "RVX_STRACE=yes" "RVX_STRACE=yes" "$H"
bad_cli "RVX_STATS=2" "RVX_STATS=2" "$H"
# Good values still work, and an empty variable counts as unset.
out=$(RVX_ENGINE= RVX_STRACE=0 RVX_MAX_MEMORY=1G "$RVX" --max-memory 512M --code-cache-size=1G \
      --jit-threshold=2147483647 "$H" 2>&1)
if [ "$out" = "Hello from RISC-V!" ]; then pass "good option values and RVX_*=0/empty accepted"
else fail "good option values accepted" "$out"; fi
# The limit travels with exec (rvx_option_words): a program exec'd by the guest has it too.
"$RVX" --max-memory=32M "$BUILD/guest/conf_limits" exec-alloc >"$TMP/out" 2>&1
n3=$(sed -n 's/^malloc: \([0-9]*\) MiB before NULL$/\1/p' "$TMP/out")
if [ -n "$n3" ] && [ "$n3" = "$n2" ] && grep -q '^0 failures$' "$TMP/out"; then
  pass "--max-memory holds in a program the guest execs ($n3 blocks, as without exec)"
else fail "--max-memory across exec" "count '$n3' (want '$n2'); $(head -c 200 "$TMP/out" | tr '\n' '|')"; fi
exit 0
