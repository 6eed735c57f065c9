#!/bin/bash
# Translator suite (src/jit/, src/cache/, src/profile/):
#  - the x86-64 emitter, every form decoded back with Zydis (tests/unit/test_jit_emit.c);
#  - the code cache (two views, no W+X, flush, fork) and the FP helper list vs. the table;
#  - the guest state rebuilt from a host fault in translated code (tests/unit/test_jit_fault.c:
#    random blocks over mapped and unmapped registers; every register, pc and instret);
#  - a dynamically linked PIE hello (code above 2^31) the same way;
#  - every guest program of the other suites (build/guest, build/isa, build/interp) under
#    --engine=jit with every block translated at once (--jit-threshold=0), and again with a
#    32 KiB code cache (flushes all the time), compared with --engine=interp: same stdout,
#    stderr and exit status;
#  - self-modifying code (fence.i, remapped code), faults inside translated code (pc and
#    address as the interpreter reports them), FP flags and CSRs in hot code (inline SSE,
#    quiet comparisons, fflags/frm/fcsr), compared the same way and with qemu;
#  - memory accesses whose base register alone is checked (tests/jit/wide.c);
#  - the random differential test (tests/diff/run.sh) with rvx translating everything.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} QEMU=${QEMU:-qemu-riscv64} BUILD=${BUILD:-$PWD/build}
CC=${CC:-cc}
dir=$BUILD/jit
mkdir -p "$dir" "$BUILD/unit"
ulimit -c 0

# ---- unit tests (host programs) ----
bin=$BUILD/unit/test_jit_emit
if [ ! -x "$bin" ] || [ -n "$(find src/jit/x86_emit.[ch] tests/unit/test_jit_emit.c -newer "$bin")" ]; then
  if ! $CC -std=gnu17 -Wall -Wextra -Werror -O2 -Isrc -o "$bin" tests/unit/test_jit_emit.c \
      src/jit/x86_emit.c -lZydis 2>"$bin.log"; then
    echo "FAIL jit-emit-build: $(head -c 300 "$bin.log")"
  fi
fi
[ -x "$bin" ] && { "$bin" || true; }
bin=$BUILD/unit/test_jit_cache
if make -s BUILD="$BUILD" "$BUILD/librvx.a" >/dev/null 2>"$bin.log" &&
   $CC -std=gnu17 -Wall -Wextra -Werror -O2 -Isrc -o "$bin" tests/unit/test_jit_cache.c \
      "$BUILD/librvx.a" -lm -lpthread 2>>"$bin.log"; then
  "$bin" || true
else
  echo "FAIL jit-cache-build: $(head -c 300 "$bin.log")"
fi

bin=$BUILD/unit/test_jit_fault
if [ -f "$BUILD/librvx.a" ] &&
   $CC -std=gnu17 -Wall -Wextra -Werror -O2 -Isrc -o "$bin" tests/unit/test_jit_fault.c \
      "$BUILD/librvx.a" -lm -lpthread 2>"$bin.log"; then
  "$bin" || true
else
  echo "FAIL jit-fault-state-build: $(head -c 300 "$bin.log")"
fi

# ---- guest programs: jit vs. interp ----
JIT0=(--engine=jit --jit-threshold=0)
TINY=(--engine=jit --jit-threshold=0 --code-cache-size=32K)
# same NAME ARGS...: runs the program (in a fresh directory, stdin from /dev/null) under the
# interpreter, under the translator and under the translator with a tiny cache; all three
# must agree on stdout, stderr and exit status.
# SAME_MODES may leave out the tiny cache for the short programs (time).
same() {
  local name=$1; shift
  local ref="" k=0 mode out
  for mode in ${SAME_MODES:-interp jit0 tiny}; do
    local opts=(--engine=interp)
    [ $mode = jit0 ] && opts=("${JIT0[@]}")
    [ $mode = tiny ] && opts=("${TINY[@]}")
    local wd=$dir/cwd   # the same path every time: programs print their directory
    rm -rf "$wd" && mkdir -p "$wd"
    out=$( { cd "$wd" && timeout 60 "$RVX" "${opts[@]}" "$@" </dev/null 2>&1; echo "status $?"; } 2>/dev/null)
    if [ $k = 0 ]; then ref=$out
    elif [ "$out" != "$ref" ]; then
      echo "FAIL jit-$name ($mode): differs from the interpreter: $(diff <(echo "$ref") <(echo "$out") | head -4 | tr '\n' ' ' | head -c 300)"
      return 1
    fi
    k=$((k + 1))
  done
  echo "PASS jit-$name"
}

for p in "$BUILD"/guest/* "$BUILD"/isa/* "$BUILD"/interp/*; do
  [ -f "$p" ] && [ -x "$p" ] || continue
  case $p in *.log|*.c|*.S|*.rvx|*.qemu|*.err) continue ;; esac
  modes="interp jit0 tiny"
  case $p in "$BUILD"/isa/*|"$BUILD"/interp/*) modes="interp jit0" ;; esac
  SAME_MODES=$modes same "$(basename "$(dirname "$p")")-$(basename "$p")" "$p"
done

# ---- a dynamically linked PIE program: code above 2^31 (ld.so, libc.so, the PIE image) ----
for v in dyn; do
  if [ ! -x "$dir/hello-$v" ] || [ tests/guest/hello.c -nt "$dir/hello-$v" ]; then
    riscv64-linux-gnu-gcc -O2 -fPIE -pie -o "$dir/hello-$v" tests/guest/hello.c 2>"$dir/hello-$v.log" ||
      { echo "FAIL jit-hello-$v-build: $(head -c 300 "$dir/hello-$v.log")"; continue; }
  fi
  SAME_MODES="interp jit0" same "hello-$v" -L /usr/riscv64-linux-gnu "$dir/hello-$v" a b
done

# ---- self-modifying code and faults in translated code ----
for t in smc fault fpflags wide; do
  if [ ! -x "$dir/$t" ] || [ "tests/jit/$t.c" -nt "$dir/$t" ]; then
    riscv64-linux-gnu-gcc -O2 -static -o "$dir/$t" "tests/jit/$t.c" -lm 2>"$dir/$t.log" ||
      { echo "FAIL jit-$t-build: $(head -c 300 "$dir/$t.log")"; continue; }
  fi
done
if [ -x "$dir/smc" ]; then
  same smc "$dir/smc" && {
    { "$QEMU" "$dir/smc" >"$dir/smc.qemu" 2>/dev/null; "$RVX" "$dir/smc" >"$dir/smc.rvx" 2>&1; } 2>/dev/null
    if cmp -s "$dir/smc.qemu" "$dir/smc.rvx"; then echo "PASS jit-smc-vs-qemu"
    else echo "FAIL jit-smc-vs-qemu: $(diff "$dir/smc.qemu" "$dir/smc.rvx" | head -3 | tr '\n' ' ')"; fi; }
fi
if [ -x "$dir/fault" ]; then
  same fault-unmapped "$dir/fault"
  same fault-top "$dir/fault" top
  same fault-fp-illegal "$dir/fault" fp
fi
# accesses checked on their base register alone (bases at, past and wrapping around the end)
[ -x "$dir/wide" ] && same wide-base "$dir/wide"
if [ -x "$dir/fpflags" ]; then
  same fpflags "$dir/fpflags" && {
    "$QEMU" "$dir/fpflags" >"$dir/fpflags.qemu" 2>&1; "$RVX" "$dir/fpflags" >"$dir/fpflags.rvx" 2>&1
    if cmp -s "$dir/fpflags.qemu" "$dir/fpflags.rvx"; then echo "PASS jit-fpflags-vs-qemu"
    else echo "FAIL jit-fpflags-vs-qemu: $(diff "$dir/fpflags.qemu" "$dir/fpflags.rvx" | head -3 | tr '\n' ' ')"; fi; }
fi

# ---- the random differential test, everything translated ----
printf '#!/bin/sh\nexec "%s" --engine=jit --jit-threshold=0 "$@"\n' "$RVX" >"$dir/rvx-jit0"
printf '#!/bin/sh\nexec "%s" --engine=jit --jit-threshold=0 --code-cache-size=32K "$@"\n' "$RVX" >"$dir/rvx-tiny"
chmod +x "$dir/rvx-jit0" "$dir/rvx-tiny"
for seed in 11; do
  RVX=$dir/rvx-jit0 tests/diff/run.sh --seed "$seed" --cases 300 | grep -E '^(PASS|FAIL)|^  ' |
    sed 's/^PASS diff/PASS jit-diff/; s/^FAIL diff/FAIL jit-diff/'
done
RVX=$dir/rvx-tiny tests/diff/run.sh --seed 13 --cases 150 | grep -E '^(PASS|FAIL)|^  ' |
  sed 's/^PASS diff/PASS jit-tiny-diff/; s/^FAIL diff/FAIL jit-tiny-diff/'
exit 0
