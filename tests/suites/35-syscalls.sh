#!/bin/bash
# Focused checks of the OS-call emulator: the syscall table's numbers against riscv64's
# <asm/unistd.h>, the --strace output of a known syscall sequence, unknown syscalls, EFAULT
# and the Linux behaviour qemu-riscv64 does not reproduce (expected text written here).
cd "$(dirname "$0")/../.." || exit 2
RVX=${RVX:-$PWD/rvx} BUILD=${BUILD:-$PWD/build}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
EDGE=$BUILD/guest/syscall_edge

# 1. Every row's number is the riscv64 kernel's number for that name.
printf '#include <asm/unistd.h>\n#define SYSCALL(nr, name, h, f) _Static_assert(nr == __NR_##name, #name);\n#include "os/syscall_table.h"\n' >"$TMP/nr.c"
if out=$(riscv64-linux-gnu-gcc -Isrc -fsyntax-only "$TMP/nr.c" 2>&1); then
  echo "PASS table_numbers"
else
  echo "FAIL table_numbers: $(echo "$out" | grep -m1 error)"
fi

if [ ! -x "$RVX" ] || [ ! -x "$EDGE" ]; then
  echo "FAIL syscalls: $RVX or $EDGE not built"
  exit 0
fi

# 2. --strace: the sequence syscall_edge runs, decoded. Exact lines, or a pattern (re:).
mkdir -p "$TMP/st" && cd "$TMP/st" || exit 2
"$RVX" --strace "$EDGE" strace >out 2>err
rc=$?
cd - >/dev/null || exit 2
expect_line() {   # expect_line NAME LINE|re:REGEX
  local name=$1 want=$2 ok
  if [ "${want#re:}" != "$want" ]; then
    grep -qE -- "^${want#re:}\$" "$TMP/st/err" && ok=1
  else
    grep -qxF -- "$want" "$TMP/st/err" && ok=1
  fi
  if [ -n "$ok" ]; then echo "PASS strace_$name"; else echo "FAIL strace_$name: no line: $want"; fi
}
expect_line openat_create 'openat(AT_FDCWD, "trace.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3'
expect_line write_string 'write(3, "hello strace\n", 13) = 13'
expect_line close 'close(3) = 0'
expect_line openat_enoent 'openat(AT_FDCWD, "missing-file", O_RDONLY) = -1 ENOENT (No such file or directory)'
expect_line read_after 'read(3, "hello strace\n", 100) = 13'
expect_line lseek 'lseek(3, 5, SEEK_SET) = 5'
expect_line truncated 'write(1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"..., 100) = 100'
expect_line escapes 'write(1, "tab\there\1\"q\\\n\0", 14) = 14'
expect_line unknown 're:syscall_999\(0x1, 0x2, 0x3, 0x4, 0x5, 0x6\) = -1 ENOSYS \(Function not implemented\).*unknown syscall.*'
expect_line mmap 're:mmap\(NULL, 8192, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) = 0x[0-9a-f]+'
expect_line efault 'write(1, 0x8, 5) = -1 EFAULT (Bad address)'
expect_line clock 're:clock_gettime\(CLOCK_MONOTONIC, 0x[0-9a-f]+\) = 0'
expect_line readlink_exe 're:readlinkat\(AT_FDCWD, "/proc/self/exe", "/.*"(\.\.\.)?, [0-9]+\) = [0-9]+'
expect_line long_path 're:openat\(AT_FDCWD, "(\\1)+"\.\.\., O_RDONLY\) = -1 ENOENT \(No such file or directory\)'
expect_line prlimit_name 're:prlimit64\(0, RLIMIT_STACK, NULL, 0x[0-9a-f]+\) = 0'
expect_line exit_group 'exit_group(7) = ?'
{ printf 'a%.0s' {1..100}; printf 'tab\there\001"q\\\n\0'; } >"$TMP/st/want_out"
if [ "$rc" = 7 ] && [ "$(tail -n1 "$TMP/st/err")" = "exit_group(7) = ?" ] &&
   cmp -s "$TMP/st/out" "$TMP/st/want_out"; then
  echo "PASS strace_status_and_streams"
else
  echo "FAIL strace_status_and_streams: rc=$rc, last stderr line: $(tail -n1 "$TMP/st/err")"
fi
# Every traced line has the shape name(args) = result.
bad=$(grep -vE '^[a-z_0-9]+\(.*\) = (\?|-?[0-9]+|0x[0-9a-f]+|-1 E[A-Z0-9]+ \(.*\).*)$' "$TMP/st/err" | head -1)
if [ -z "$bad" ]; then echo "PASS strace_line_shape"; else echo "FAIL strace_line_shape: $bad"; fi

# 3. Without --strace, nothing but the guest's own output reaches stderr.
mkdir -p "$TMP/ns" && (cd "$TMP/ns" && "$RVX" "$EDGE" strace >out 2>err)
if [ "$?" = 7 ] && [ ! -s "$TMP/ns/err" ]; then
  echo "PASS no_strace_quiet"
else
  echo "FAIL no_strace_quiet: $(head -c 200 "$TMP/ns/err")"
fi

# 4. Linux behaviour (checked on a Linux riscv64 reference where qemu deviates: it answers
#    unknown ioctls with ENOSYS and fails partial transfers with EFAULT as a whole).
mkdir -p "$TMP/lx" && (cd "$TMP/lx" && "$RVX" "$EDGE" linux >out 2>err)
cat >"$TMP/lx/want" <<'EOF'
ioctl(p[0], 0x12345678, 0) = -1 ENOTTY
ioctl(p[0], FIONREAD, (int *)8) = -1 EFAULT
syscall(SYS_renameat2 - 238, AT_FDCWD, "a", AT_FDCWD, "b") = -1 ENOSYS
syscall(SYS_riscv_flush_icache, 0, 4096, 0) = 0
syscall(SYS_riscv_flush_icache, 0, 4096, 2) = -1 EINVAL
syscall(SYS_rseq, NULL, 0, 0, 0) = -1 ENOSYS
syscall(SYS_set_robust_list, NULL, 12) = -1 EINVAL
write(p[1], two, 4096 + 100) = 4096
read(p[0], sink, 8192) = 4096
write(fd, sink, 8192) = 8192
pread(fd, two + 4096 - 100, 8192, 0) = 100
preadv(fd, iov, 2, 0) = 10
preadv(fd, iov, 2, 0) = -1 EFAULT
sigaction(SIGUSR1, &sa, NULL) = 0
sigaction(SIGUSR1, NULL, &old) = 0
flags 0x10000000
raise(SIGUSR1) = 0
setrlimit(RLIMIT_AS, &rl) = 0
getrlimit(RLIMIT_AS, &got) = 0
as 67108864 134217728
setrlimit(RLIMIT_AS, &rl) = -1 EINVAL
getrlimit(99, &got) = -1 EINVAL
sched_getaffinity(0, sizeof cs, &cs) == 0 && CPU_COUNT(&cs) > 0 = 1
prctl(15 , "edge-name-that-is-long") = 0
prctl(16 , name) = 0
name [edge-name-that-]
EOF
# Each line is its own test, so one regression does not hide the others.
n=0
while IFS= read -r want; do
  n=$((n + 1))
  got=$(sed -n "${n}p" "$TMP/lx/out")
  if [ "$got" = "$want" ]; then
    echo "PASS linux_$n"
  else
    echo "FAIL linux_$n: want [$want] got [$got]"
  fi
done <"$TMP/lx/want"
if [ "$(wc -l <"$TMP/lx/out")" = "$n" ] && [ ! -s "$TMP/lx/err" ]; then
  echo "PASS linux_complete"
else
  echo "FAIL linux_complete: $(wc -l <"$TMP/lx/out") lines of $n; stderr: $(head -c 200 "$TMP/lx/err")"
fi

# 5. Hostile arguments (bad, read-only, unmapped, huge pointers and lengths) never crash rvx,
#    with or without --strace decoding them.
FUZZ=$BUILD/guest/sysfuzz
for mode in plain strace; do
  d=$TMP/fuzz_$mode && mkdir -p "$d"
  flag=(); [ $mode = strace ] && flag=(--strace)
  (cd "$d" && timeout 60 "$RVX" "${flag[@]}" "$FUZZ" </dev/null >out 2>err)
  rc=$?
  if [ $rc = 0 ] && grep -aq 'done 1' "$d/out" && ! grep -aq '^rvx:' "$d/err"; then
    echo "PASS hostile_args_$mode"
  else
    echo "FAIL hostile_args_$mode: status $rc; $(grep -a -m1 '^rvx:' "$d/err")"
  fi
done
