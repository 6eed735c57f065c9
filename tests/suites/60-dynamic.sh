#!/bin/bash
# Dynamically linked guests (tests/dyn/*, built here into $BUILD/dyn with the cross compilers):
# each runs under rvx and under `qemu-riscv64 -L SYSROOT` with the same arguments and
# environment; stdout, stderr and the exit status must be the same. Also: PIE and non-PIE,
# libm/libgcc_s/libatomic/libstdc++ (C++ exceptions and iostreams), a shared library found by
# LD_LIBRARY_PATH and by dlopen, ld.so run directly (--list), the sysroot options (-L,
# RVX_LD_PREFIX, relative, wrong), the missing-loader message, where the loader is mapped, and
# absolute guest paths seen through the sysroot (tests/dyn/paths.c).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build} QEMU=${QEMU:-qemu-riscv64}
SYSROOT=${RVX_TEST_SYSROOT:-/usr/riscv64-linux-gnu}
LDSO=/lib/ld-linux-riscv64-lp64d.so.1
RV_CC=${RV_CC:-riscv64-linux-gnu-gcc} RV_CXX=${RV_CXX:-riscv64-linux-gnu-g++}
D=$BUILD/dyn S=tests/dyn
mkdir -p "$D" || exit 2
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
ulimit -c 0

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

if [ ! -e "$SYSROOT$LDSO" ]; then
  fail "dynamic suite" "no riscv64 system root with $LDSO at $SYSROOT (set RVX_TEST_SYSROOT)"
  exit 0
fi

# build OUT CMD... SOURCES...: runs "CMD -o OUT" unless OUT is newer than every source
# (the words after the command that name files in tests/dyn).
build() {
  local out=$1; shift
  local a stale=0
  [ -e "$out" ] || stale=1
  for a in "$@"; do [ -f "$a" ] && [ "$a" -nt "$out" ] && stale=1; done
  [ $stale = 0 ] && return 0
  "$@" -o "$out" 2>"$TMP/build.err" && return 0
  fail "build $(basename "$out")" "$(head -c 300 "$TMP/build.err" | tr '\n' ' ')"
  return 1
}
W="-O2 -Wall -Wextra -Werror"
build "$D/hello" $RV_CC $W -fPIE -pie $S/hello.c
build "$D/hello-nopie" $RV_CC $W -fno-PIE -no-pie $S/hello.c
build "$D/libdemo.so" $RV_CC $W -fPIC -shared $S/libdemo.c -lm
build "$D/linked" $RV_CC $W $S/linked.c -L"$D" -ldemo
build "$D/linked-origin" $RV_CC $W $S/linked.c -L"$D" -ldemo '-Wl,-rpath,$ORIGIN'
build "$D/dlopen" $RV_CC $W $S/dlopen.c -ldl
build "$D/cxx" $RV_CXX $W -std=c++17 $S/cxx.cc -latomic
build "$D/paths" $RV_CC $W $S/paths.c

ENVV=(PATH=/usr/bin:/bin LC_ALL=C HOME=/nonexistent)

# runq OUT ENV... -- CMD...: runs CMD in a fixed environment plus ENV, in $TMP; leaves OUT.out,
# OUT.err and OUT.rc.
runq() {
  local out=$1; shift
  local extra=()
  while [ "$1" != "--" ]; do extra+=("$1"); shift; done
  shift
  (cd "$TMP" && timeout 60 env -i "${ENVV[@]}" "${extra[@]}" "$@" >"$out.out" 2>"$out.err" \
    </dev/null)
  echo $? >"$out.rc"
}

# same NAME [--filter SED] ENV... -- PROGRAM ARGS...: rvx (with -L SYSROOT) and qemu agree.
same() {
  local name=$1 filter=; shift
  [ "$1" = --filter ] && { filter=$2; shift 2; }
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local r=$TMP/r q=$TMP/q
  runq "$r" "${envs[@]}" -- "$RVX" -L "$SYSROOT" "$@"
  runq "$q" "${envs[@]}" -- "$QEMU" -L "$SYSROOT" "$@"
  if [ -n "$filter" ]; then
    for f in "$r.out" "$q.out" "$r.err" "$q.err"; do sed -i -e "$filter" "$f"; done
  fi
  if ! cmp -s "$r.rc" "$q.rc"; then
    fail "$name" "status rvx $(cat "$r.rc") qemu $(cat "$q.rc"); rvx stderr: $(head -c 200 "$r.err")"
  elif ! cmp -s "$r.out" "$q.out"; then
    fail "$name" "stdout differs: $(diff "$r.out" "$q.out" | head -4 | tr '\n' ' ' | cut -c1-300)"
  elif ! cmp -s "$r.err" "$q.err"; then
    fail "$name" "stderr differs: $(diff "$r.err" "$q.err" | head -4 | tr '\n' ' ' | cut -c1-300)"
  elif [ ! -s "$r.out" ] && [ ! -s "$r.err" ]; then
    fail "$name" "no output (status $(cat "$r.rc"))"
  else
    pass "$name (same as qemu, status $(cat "$r.rc"))"
  fi
}

# --- programs ---
same "PIE hello world" RVX_DYN_TEST=pie -- "$D/hello" one "two words" ""
same "non-PIE hello world" -- "$D/hello-nopie" x
same "C++: exceptions, iostreams, libstdc++/libgcc_s/libm/libatomic" -- "$D/cxx"
same "shared library through LD_LIBRARY_PATH" LD_LIBRARY_PATH="$D" -- "$D/linked"
same "shared library missing (no LD_LIBRARY_PATH): ld.so's error" -- "$D/linked"
same "shared library through DT_RUNPATH \$ORIGIN (/proc/self/exe)" -- "$D/linked-origin"
same "dlopen/dlsym/dladdr of a library by path" -- "$D/dlopen" "$D/libdemo.so"
same "dlopen by name through LD_LIBRARY_PATH" LD_LIBRARY_PATH="$TMP:$D" -- "$D/dlopen" libdemo.so
# ld.so run as the program: it maps the program itself. The load addresses it prints are
# where each emulator's mmap put things (qemu's layout is not Linux's): compared without them.
same "ld.so --list of the C++ program (addresses aside)" --filter 's/(0x[0-9a-f]*)/(ADDR)/' \
  -- "$SYSROOT$LDSO" --list "$D/cxx"
same "ld.so --list with LD_LIBRARY_PATH (addresses aside)" --filter 's/(0x[0-9a-f]*)/(ADDR)/' \
  LD_LIBRARY_PATH="$D" -- "$SYSROOT$LDSO" --list "$D/linked"
same "ld.so running a program" -- "$SYSROOT$LDSO" "$D/hello" via-ldso

# --- the system root: default, -L, RVX_LD_PREFIX, relative, wrong ---
mkdir -p "$TMP/root/etc" "$TMP/root/proc" "$TMP/empty" "$TMP/host" "$TMP/badroot/lib"
ln -s "$SYSROOT/lib" "$TMP/root/lib"
echo "from the sysroot" >"$TMP/root/etc/rvx-dyn-probe"
runq "$TMP/want" -- "$QEMU" -L "$SYSROOT" "$D/hello"
sysroot_case() {   # NAME ENV... -- RVX-ARGS...
  local name=$1; shift
  runq "$TMP/s" "$@" "$D/hello"
  if [ "$(cat "$TMP/s.rc")" = 7 ] && cmp -s "$TMP/s.out" "$TMP/want.out"; then
    pass "sysroot: $name"
  else
    fail "sysroot: $name" "status $(cat "$TMP/s.rc"): $(head -c 300 "$TMP/s.err")"
  fi
}
if [ "$SYSROOT" = /usr/riscv64-linux-gnu ]; then
  sysroot_case "the default /usr/riscv64-linux-gnu" -- "$RVX"
fi
sysroot_case "-L DIR" -- "$RVX" -L "$TMP/root"
sysroot_case "RVX_LD_PREFIX=DIR" RVX_LD_PREFIX="$TMP/root" -- "$RVX"
sysroot_case "-L wins over RVX_LD_PREFIX" RVX_LD_PREFIX="$TMP/empty" -- "$RVX" -L "$TMP/root"
sysroot_case "relative -L (made absolute before the guest can chdir)" -- "$RVX" -L root

missing_case() {   # NAME ENV... -- RVX-ARGS...
  local name=$1; shift
  runq "$TMP/m" "$@" "$D/hello"
  local want="rvx: $D/hello: cannot find its dynamic loader $LDSO ("
  if [ "$(cat "$TMP/m.rc")" != 127 ]; then
    fail "missing loader: $name" "status $(cat "$TMP/m.rc"), want 127: $(head -c 300 "$TMP/m.err")"
  elif [ "$(wc -l <"$TMP/m.err")" != 1 ] || [ "$(head -c ${#want} "$TMP/m.err")" != "$want" ] ||
       ! grep -q -- "-L DIR or RVX_LD_PREFIX=DIR" "$TMP/m.err" || [ -s "$TMP/m.out" ]; then
    fail "missing loader: $name" "stderr: $(head -c 300 "$TMP/m.err")"
  else
    pass "missing loader: $name: status 127, one line naming it and -L/RVX_LD_PREFIX"
  fi
}
missing_case "-L to a directory without it" -- "$RVX" -L "$TMP/empty"
missing_case "RVX_LD_PREFIX to a directory without it" RVX_LD_PREFIX="$TMP/empty" -- "$RVX"
missing_case "-L to a directory that does not exist" -- "$RVX" -L "$TMP/no-such-dir"

cp /bin/true "$TMP/badroot$LDSO"
runq "$TMP/b" -- "$RVX" -L "$TMP/badroot" "$D/hello"
if [ "$(cat "$TMP/b.rc")" = 126 ] && [ "$(wc -l <"$TMP/b.err")" = 1 ] &&
   grep -qF "rvx: $D/hello: dynamic loader $LDSO: not a RISC-V program" "$TMP/b.err"; then
  pass "a loader that is not riscv64: status 126, one line"
else
  fail "a loader that is not riscv64" "status $(cat "$TMP/b.rc"): $(head -c 300 "$TMP/b.err")"
fi

# --- where things are mapped: the loader top-down below the stack gap (where Linux's mmap
# would put it), the PIE program at ELF_ET_DYN_BASE (2/3 of the 2^38 space) ---
runq "$TMP/maps" -- "$RVX" -L "$SYSROOT" "$D/paths" maps
ldso_lo=$(grep -m1 "ld-linux-riscv64-lp64d.so.1" "$TMP/maps.out" | cut -d- -f1)
prog_lo=$(grep -m1 "$D/paths" "$TMP/maps.out" | cut -d- -f1)
stack_lo=$(grep -m1 "\[stack\]" "$TMP/maps.out" | cut -d- -f1)
if [ "$(cat "$TMP/maps.rc")" != 0 ] || [ -z "$ldso_lo" ] || [ -z "$stack_lo" ]; then
  fail "layout" "status $(cat "$TMP/maps.rc"): $(head -c 300 "$TMP/maps.err")"
elif [ "$(grep -m1 '^AT_BASE ' "$TMP/maps.out")" != "AT_BASE $ldso_lo" ]; then
  fail "layout" "$(grep -m1 '^AT_BASE ' "$TMP/maps.out"), but ld.so is mapped at 0x$ldso_lo"
elif [ "$prog_lo" != 2aaaaaa000 ]; then
  fail "layout" "PIE program at 0x$prog_lo, want 0x2aaaaaa000"
elif (( 0x$ldso_lo >= 0x$stack_lo || 0x$stack_lo - 0x$ldso_lo > 0x10000000 )); then
  fail "layout" "ld.so at 0x$ldso_lo, stack at 0x$stack_lo: want it just below the stack gap"
else
  pass "layout: PIE at 0x$prog_lo, ld.so at AT_BASE 0x$ldso_lo below the stack gap (stack 0x$stack_lo)"
fi

# A loader whose segments ask for 2 MiB alignment (a copy with p_align patched) is mapped at
# a 2 MiB boundary, still top-down below the stack gap.
mkdir -p "$TMP/aroot/lib" && f=$TMP/aroot$LDSO && cp "$SYSROOT$LDSO" "$f" &&
  ln -s "$SYSROOT/lib/libc.so.6" "$TMP/aroot/lib/libc.so.6"
phoff=$(od -An -tu8 -j32 -N8 "$f" | tr -d ' ') phnum=$(od -An -tu2 -j56 -N2 "$f" | tr -d ' ')
for ((i = 0; i < phnum; i++)); do
  o=$((phoff + 56 * i))
  [ "$(od -An -tu4 -j$o -N4 "$f" | tr -d ' ')" = 1 ] &&
    printf '\x00\x00\x20\x00\x00\x00\x00\x00' | dd of="$f" bs=1 seek=$((o + 48)) conv=notrunc status=none
done
runq "$TMP/al" -- "$RVX" -L "$TMP/aroot" "$D/paths" maps
ldso_lo=$(grep -m1 "ld-linux-riscv64-lp64d.so.1" "$TMP/al.out" | cut -d- -f1)
if [ "$(cat "$TMP/al.rc")" = 0 ] && [ -n "$ldso_lo" ] && (( 0x$ldso_lo % 0x200000 == 0 &&
     0x$ldso_lo < 0x$stack_lo && 0x$stack_lo - 0x$ldso_lo < 0x10000000 )); then
  pass "layout: a loader with 2 MiB p_align goes to 0x$ldso_lo"
else
  fail "layout: a loader with 2 MiB p_align" "at 0x$ldso_lo, status $(cat "$TMP/al.rc"): $(head -c 200 "$TMP/al.err")"
fi

# --- absolute guest paths through the sysroot ---
rm -rf "$TMP/host" && mkdir "$TMP/host"
runq "$TMP/pr" -- "$RVX" -L "$TMP/root" "$D/paths" common "$TMP/host"
ls "$TMP/host" >"$TMP/pr.files"
rm -rf "$TMP/host" && mkdir "$TMP/host"
runq "$TMP/pq" -- "$QEMU" -L "$TMP/root" "$D/paths" common "$TMP/host"
ls "$TMP/host" >"$TMP/pq.files"
if [ "$(cat "$TMP/pr.rc")" != 0 ] || ! grep -q '"from the sysroot"' "$TMP/pr.out"; then
  fail "paths through the sysroot" "status $(cat "$TMP/pr.rc"): $(head -c 300 "$TMP/pr.out" "$TMP/pr.err" | tr '\n' '|')"
elif ! cmp -s "$TMP/pr.out" "$TMP/pq.out" || ! cmp -s "$TMP/pr.files" "$TMP/pq.files"; then
  fail "paths through the sysroot" "differs from qemu: $(diff "$TMP/pr.out" "$TMP/pq.out" | head -4 | tr '\n' ' ')"
elif [ "$(cat "$TMP/pr.files")" != renamed ]; then
  fail "paths through the sysroot" "host directory holds '$(cat "$TMP/pr.files")', want 'renamed'"
else
  pass "paths through the sysroot: open/stat/readlink find ROOT, create/rename/link/mkdir stay on the host (same as qemu)"
fi
# rvx's own decisions: access() translated like every path call; /proc and /tmp never
# redirected, even when the sysroot has them (qemu would redirect both).
echo "the host's" >"$TMP/decoy"
mkdir -p "$TMP/root$TMP" && echo "the sysroot's decoy" >"$TMP/root$TMP/decoy"
runq "$TMP/ho" -- "$RVX" -L "$TMP/root" "$D/paths" rvx "$TMP/decoy"
printf '%s\n' "access ld.so: 0" "stat /proc/self/maps: file" \
  "open $TMP/decoy: \"the host's\"" "stat /dev/null: other" >"$TMP/ho.want"
if [ "$(cat "$TMP/ho.rc")" = 0 ] && cmp -s "$TMP/ho.out" "$TMP/ho.want"; then
  pass "paths: access translated; /proc, /dev, /tmp stay the host's"
else
  fail "paths: access translated; /proc, /dev, /tmp stay the host's" \
    "$(diff "$TMP/ho.out" "$TMP/ho.want" | head -4 | tr '\n' ' ') $(head -c 200 "$TMP/ho.err")"
fi

# --- nothing the dynamic start-up needs is missing ---
runq "$TMP/st" -- "$RVX" -L "$SYSROOT" --strace "$D/cxx"
if grep -q "ENOSYS" "$TMP/st.err"; then
  fail "no ENOSYS during C++ start-up" "$(grep -m2 ENOSYS "$TMP/st.err" | tr '\n' '|')"
else
  pass "no ENOSYS during C++ start-up and exit ($(grep -c '(' "$TMP/st.err") syscalls)"
fi
exit 0
