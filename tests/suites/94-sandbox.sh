#!/bin/bash
# Sandbox mode (--sandbox DIR, --net=none, the seccomp filter): escape attempts from inside a
# root (tests/guest/sbox_escape.c prints "ok NAME" or "ESCAPE NAME"), host files checked
# untouched afterwards, the test programs run inside a root with the same results as outside
# it, a dynamically linked program with its sysroot copied in, and rvx killed by its own
# filter when it makes a forbidden host call.
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
TMP=$(mktemp -d) || exit 2
[ -n "$KEEP" ] || trap 'rm -rf "$TMP"' EXIT
ulimit -c 0
G=$BUILD/guest
if [ ! -x "$RVX" ]; then echo "FAIL sandbox: $RVX not built"; exit 0; fi
if [ ! -x "$G/sbox_escape" ]; then echo "FAIL sandbox: $G/sbox_escape not built"; exit 0; fi

ROOT=$TMP/root OUT=$TMP/outside
mkdir -p "$ROOT"/{bin,tmp,sub,etc,hostbin,work} "$OUT/dir"
echo SECRET >"$OUT/secret.txt"
echo SECRET >"$OUT/dir/x"
echo "SANDBOX PASSWD" >"$ROOT/etc/passwd"
cp "$G/sbox_escape" "$G/hello" "$ROOT/bin/"
cp "$G/hello" "$OUT/rvprog"
cp /bin/true "$ROOT/hostbin/true"
ln -s "$OUT/secret.txt" "$ROOT/abs_link"
ln -s "$OUT/dir" "$ROOT/abs_dir_link"
ln -s "../../../../../../../../../../..$OUT/secret.txt" "$ROOT/sub/rel_link"
ln -s /etc/passwd "$ROOT/etc_link"
ln -s chain2 "$ROOT/chain1"; ln -s /abs_link "$ROOT/chain2"
ln -s loop2 "$ROOT/loop1"; ln -s loop1 "$ROOT/loop2"
ln -s /proc/self/root "$ROOT/proc_link"
ln -s "$OUT/dir/dangling_target" "$ROOT/dangling"     # the host has $OUT/dir
ln -s /tmp/created_via_link "$ROOT/dangling_inside"
printf '#!/hostbin/true\n' >"$ROOT/script_host"
printf '#!/bin/hello\n' >"$ROOT/script_riscv"
chmod 755 "$ROOT/script_host" "$ROOT/script_riscv"
SUMS_BEFORE=$(cd "$OUT" && find . -printf '%y %m %s %p\n' | sort)

# The escape program: every line it prints is a test.
(cd "$ROOT" && timeout 60 "$RVX" --sandbox "$ROOT" /bin/sbox_escape "$OUT" 3<"$OUT/dir" \
   4<"$OUT/rvprog" >"$TMP/esc.out" 2>"$TMP/esc.err"; echo $? >"$TMP/esc.rc")
while read -r word name rest; do
  case $word in
    ok) echo "PASS sandbox/$name" ;;
    ESCAPE|FAILED) echo "FAIL sandbox/$name: $word $rest" ;;
  esac
done <"$TMP/esc.out"
n=$(grep -c '^ok ' "$TMP/esc.out")
if [ "$(cat "$TMP/esc.rc")" = 0 ] && [ "$n" -ge 75 ]; then
  echo "PASS sandbox/escape-program ($n attempts)"
else
  echo "FAIL sandbox/escape-program: status $(cat "$TMP/esc.rc"), $n ok lines; $(head -c 300 "$TMP/esc.err")"
fi
SUMS_AFTER=$(cd "$OUT" && find . -printf '%y %m %s %p\n' | sort)
if [ "$SUMS_BEFORE" = "$SUMS_AFTER" ] && [ "$(cat "$OUT/secret.txt")" = SECRET ]; then
  echo "PASS sandbox/outside-untouched"
else
  echo "FAIL sandbox/outside-untouched: $(diff <(echo "$SUMS_BEFORE") <(echo "$SUMS_AFTER") | head -5 | tr '\n' ' ')"
fi
# What the guest made inside: the socket, the file created through the dangling link.
if [ -S "$ROOT/tmp/s.sock" ] && [ -f "$ROOT/tmp/created_via_link" ]; then
  echo "PASS sandbox/created-inside"
else
  echo "FAIL sandbox/created-inside: $(ls -la "$ROOT/tmp" 2>&1 | tr '\n' ' ')"
fi

# --net=none (with and without --sandbox)
r=$(cd "$ROOT" && timeout 20 "$RVX" --sandbox "$ROOT" --net=none /bin/sbox_escape "$OUT" net 2>&1)
if [ $? = 0 ] && [ "$(echo "$r" | grep -c '^ok')" = 4 ]; then echo "PASS sandbox/net-none"
else echo "FAIL sandbox/net-none: $(echo "$r" | tr '\n' ' ' | head -c 300)"; fi
r=$(timeout 20 "$RVX" --net=none "$G/sbox_escape" "$OUT" net 2>&1)
if [ $? = 0 ]; then echo "PASS sandbox/net-none-alone"
else echo "FAIL sandbox/net-none-alone: $(echo "$r" | tr '\n' ' ' | head -c 300)"; fi

# Options: RVX_SANDBOX, -L refused, a missing program, a relative DIR.
r=$(cd "$TMP" && RVX_SANDBOX=root timeout 20 "$RVX" /bin/hello 2>&1)
[ "$r" = "Hello from RISC-V!" ] && echo "PASS sandbox/env-relative-dir" || echo "FAIL sandbox/env-relative-dir: $r"
# exec inside a sandbox given by a relative name: the next rvx gets it absolute
r=$(cd "$TMP" && timeout 20 "$RVX" --sandbox root /bin/sbox_escape "$OUT" child 2>&1; echo "rc=$?")
[ "$r" = "rc=0" ] && echo "PASS sandbox/relative-dir-child" || echo "FAIL sandbox/relative-dir-child: $r"
r=$(cd "$TMP/root/sub" && timeout 20 "$RVX" --sandbox .. /bin/sbox_escape "$OUT" exec 2>&1; echo "rc=$?")
[ "$r" = $'Hello from RISC-V!\nrc=0' ] && echo "PASS sandbox/relative-dir-exec" || echo "FAIL sandbox/relative-dir-exec: $r"
timeout 20 "$RVX" --sandbox "$ROOT" -L /usr/riscv64-linux-gnu /bin/hello >/dev/null 2>&1
rc=$?; [ $rc != 0 ] && [ $rc != 124 ] && echo "PASS sandbox/with-L-refused" || echo "FAIL sandbox/with-L-refused: status $rc"
timeout 20 "$RVX" --sandbox "$ROOT" "$G/hello" >/dev/null 2>&1
rc=$?; [ $rc = 127 ] && echo "PASS sandbox/program-outside-not-found" || echo "FAIL sandbox/program-outside-not-found: status $rc"
r=$(cd "$ROOT/sub" && timeout 20 "$RVX" --sandbox "$ROOT" ../bin/hello 2>&1)
[ "$r" = "Hello from RISC-V!" ] && echo "PASS sandbox/relative-program" || echo "FAIL sandbox/relative-program: $r"

# The seccomp filter: rvx's own forbidden calls kill it (SIGSYS: 159) or fail as designed.
for t in ptrace mount unshare; do
  { (cd "$ROOT" && RVX_SANDBOX_SELFTEST=$t timeout 20 "$RVX" --sandbox "$ROOT" /bin/hello \
     >/dev/null 2>&1); rc=$?; } 2>/dev/null
  [ $rc = 159 ] && echo "PASS sandbox/seccomp-kills-$t" || echo "FAIL sandbox/seccomp-kills-$t: status $rc"
done
for t in clone-newuser tiocsti; do
  r=$(cd "$ROOT" && RVX_SANDBOX_SELFTEST=$t timeout 20 "$RVX" --sandbox "$ROOT" /bin/hello 2>&1)
  echo "$r" | grep -q 'Operation not permitted' && echo "PASS sandbox/seccomp-denies-$t" ||
    echo "FAIL sandbox/seccomp-denies-$t: $r"
done
r=$(RVX_SANDBOX_SELFTEST=socket timeout 20 "$RVX" --net=none "$G/hello" 2>&1)
echo "$r" | grep -q 'Permission denied' && echo "PASS sandbox/seccomp-net-none-socket" ||
  echo "FAIL sandbox/seccomp-net-none-socket: $r"
r=$(cd "$ROOT" && timeout 20 "$RVX" --sandbox "$ROOT" /bin/hello 2>&1; echo "rc=$?")
[ "$r" = $'Hello from RISC-V!\nrc=0' ] && echo "PASS sandbox/seccomp-no-selftest" || echo "FAIL sandbox/seccomp-no-selftest: $r"

# The test programs run inside a root as they run outside (stdout, exit status, files).
# progs: name [args]; each runs in a fresh work directory inside and outside.
# Left out, by design: io_pipes (reads /proc/self/fd links), thr_life (/proc/self/task),
# procfs_self (/proc beyond the emulated views): the sandbox has no host /proc.
PROGS=(hello stdio_fmt malloc_stress strings libm time_test files errno_test fdwait codegen
       mman env_args syscall_edge io_fs io_events thr_sync thr_amo thr_exit thr_clone
       thr_signal thr_robust sig_async sig_child smc_flush demo proc_self)
ENVV=(PATH=/bin TZ=UTC LC_ALL=C HOME=/nonexistent)
mkdir -p "$ROOT/dev"
# The programs use /dev/null; a sandbox gets only the devices its maker puts in it.
if [ "$(id -u)" = 0 ]; then mknod -m 666 "$ROOT/dev/null" c 1 3 2>/dev/null; fi
for p in "${PROGS[@]}"; do
  [ -x "$G/$p" ] || { echo "FAIL sandbox/inside-$p: not built"; continue; }
  cp "$G/$p" "$ROOT/bin/$p"
  rm -rf "$TMP/o" "$ROOT/work/w"; mkdir -p "$TMP/o/w" "$ROOT/work/w"
  (cd "$TMP/o/w" && timeout 60 env -i "${ENVV[@]}" "$RVX" "$ROOT/bin/$p" </dev/null \
     >"$TMP/o.out" 2>/dev/null; echo $? >"$TMP/o.rc")
  (cd "$ROOT/work/w" && timeout 60 env -i "${ENVV[@]}" "$RVX" --sandbox "$ROOT" "/bin/$p" \
     </dev/null >"$TMP/i.out" 2>"$TMP/i.err"; echo $? >"$TMP/i.rc")
  # Paths and pids differ between the two runs: compare with them blanked.
  norm() { sed -e "s|$ROOT/bin/|/bin/|g; s|$TMP/o/w|/work/w|g; s|$ROOT||g" -e 's/[0-9]\{3,\}/N/g' "$1"; }
  if ! cmp -s "$TMP/o.rc" "$TMP/i.rc"; then
    echo "FAIL sandbox/inside-$p: status outside $(cat "$TMP/o.rc") inside $(cat "$TMP/i.rc"): $(head -c 200 "$TMP/i.err")"
  elif ! cmp -s <(norm "$TMP/o.out") <(norm "$TMP/i.out"); then
    echo "FAIL sandbox/inside-$p: stdout differs: $(diff <(norm "$TMP/o.out") <(norm "$TMP/i.out") | head -4 | tr '\n' ' ' | head -c 300)"
  else
    echo "PASS sandbox/inside-$p"
  fi
done

# A dynamically linked program, its loader and libraries copied into the root (-L is not
# used with --sandbox: the root is the whole file system).
DYN=$BUILD/94-sandbox
mkdir -p "$DYN"
SRC=tests/guest/hello.c
if [ ! -x "$DYN/hello_dyn" ] || [ "$SRC" -nt "$DYN/hello_dyn" ]; then
  riscv64-linux-gnu-gcc -O2 -o "$DYN/hello_dyn" "$SRC" || echo "FAIL sandbox/dynamic: cannot build"
fi
SYS=/usr/riscv64-linux-gnu
mkdir -p "$ROOT/lib"
cp -L "$SYS/lib/ld-linux-riscv64-lp64d.so.1" "$SYS/lib/libc.so.6" "$ROOT/lib/"
cp "$DYN/hello_dyn" "$ROOT/bin/"
r=$(cd "$ROOT" && timeout 30 "$RVX" --sandbox "$ROOT" /bin/hello_dyn 2>&1)
[ "$r" = "Hello from RISC-V!" ] && echo "PASS sandbox/dynamic-inside" || echo "FAIL sandbox/dynamic-inside: $r"
rm "$ROOT/lib/libc.so.6"
r=$(cd "$ROOT" && timeout 30 "$RVX" --sandbox "$ROOT" /bin/hello_dyn 2>&1)
echo "$r" | grep -q libc.so.6 && echo "PASS sandbox/dynamic-needs-libs-inside" || echo "FAIL sandbox/dynamic-needs-libs-inside: $r"
rm -rf "$ROOT/lib"
r=$(cd "$ROOT" && timeout 30 "$RVX" --sandbox "$ROOT" /bin/hello_dyn 2>&1; echo "rc=$?")
echo "$r" | grep -q 'rc=127' && echo "PASS sandbox/dynamic-loader-not-from-host" || echo "FAIL sandbox/dynamic-loader-not-from-host: $r"
exit 0
