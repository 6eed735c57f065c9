#!/bin/bash
# Translator FP suite (src/jit/translate_fp.c, fp_cache.c, fp_emit.c, fp_helpers.c): guest f
# registers kept in xmm registers inside translations, the frm check once per translation,
# inline fused multiply-add. Each program runs under the interpreter, under the translator
# (every block at once, the default threshold, a 32 KiB code cache, --verify lockstep) and
# under qemu-riscv64; stdout and exit status must agree:
#  - jitfp_flags: every inline F/D form over special operands, NaN-boxing violations, static
#    and dynamic rounding modes (frm changed between rounds), fflags after each op and after
#    long loops;
#  - jitfp_fault: f registers (doubles and NaN-boxed singles, in host registers) as a SIGSEGV
#    handler sees them in uc_mcontext, a handler's change seen after it, and an FP loop that
#    only SIGALRM ends;
#  - bench/nbody.c (short run) built without and with FP contraction (fmadd/fmsub).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} QEMU=${QEMU:-qemu-riscv64} BUILD=${BUILD:-$PWD/build}
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc}
dir=$BUILD/jitfp
mkdir -p "$dir"
ulimit -c 0

# build OUT SRC FLAGS...: rebuilds when the source is newer
build() {
  local out=$1 src=$2; shift 2
  if [ ! -x "$out" ] || [ "$src" -nt "$out" ]; then
    "$RV_CC" -static "$@" -o "$out" "$src" -lm 2>"$out.log" || { echo "FAIL jitfp-build-$(basename "$out"): $(head -c 300 "$out.log")"; return 1; }
  fi
}

# check NAME PROG ARGS...: every mode must print what the interpreter prints, and qemu too.
check() {
  local name=$1; shift
  local ref out mode ok=1
  ref=$(timeout 120 "$RVX" --engine=interp "$@" 2>&1; echo "status $?")
  for mode in "--engine=jit --jit-threshold=0" "--engine=jit" \
              "--engine=jit --jit-threshold=0 --code-cache-size=32K" "--engine=jit --verify"; do
    # shellcheck disable=SC2086
    out=$(timeout 120 "$RVX" $mode "$@" 2>&1; echo "status $?")
    if [ "$out" != "$ref" ]; then
      echo "FAIL jitfp-$name ($mode): differs from the interpreter: $(diff <(echo "$ref") <(echo "$out") | head -6 | tr '\n' ' ' | head -c 400)"
      ok=0
    fi
  done
  if command -v "$QEMU" >/dev/null; then
    out=$(timeout 120 "$QEMU" "$@" 2>&1; echo "status $?")
    if [ "$out" != "$ref" ]; then
      echo "FAIL jitfp-$name (qemu): differs from rvx: $(diff <(echo "$out") <(echo "$ref") | head -6 | tr '\n' ' ' | head -c 400)"
      ok=0
    fi
  fi
  [ $ok = 1 ] && echo "PASS jitfp-$name"
}

for p in jitfp_flags jitfp_fault; do
  if [ -x "$BUILD/guest/$p" ]; then
    check "${p#jitfp_}" "$BUILD/guest/$p"
  else
    echo "FAIL jitfp-${p#jitfp_}: $BUILD/guest/$p not built"
  fi
done

build "$dir/nbody" bench/nbody.c -O2 -ffp-contract=off && check nbody "$dir/nbody" 20000
build "$dir/nbody_fma" bench/nbody.c -O2 -ffp-contract=fast && {
  if riscv64-linux-gnu-objdump -d "$dir/nbody_fma" | grep -q "fmadd\.d\|fmsub\.d\|fnmsub\.d"; then
    check nbody-fma "$dir/nbody_fma" 20000
  else
    echo "FAIL jitfp-nbody-fma: the contracted build has no fused multiply-add"
  fi
}

# The hot FP code must run in translations, not the helpers: nbody's checksum lines are the
# same either way, so the statistics tell: every block of the run translated, none stopped.
out=$("$RVX" --stats "$dir/nbody" 20000 2>&1 >/dev/null)
if echo "$out" | grep -q "jit translations: [1-9]" &&
   ! echo "$out" | grep -q "jit translations ended before f"; then
  echo "PASS jitfp-nbody-translated"
else
  echo "FAIL jitfp-nbody-translated: $(echo "$out" | grep "jit trans" | head -5 | tr '\n' ' ')"
fi
