#!/bin/sh
# Installs the Debian packages rvx's build, tests and benchmarks need, if any is missing.
# Run as root on Debian 12; as another user it only says what is missing.
set -e
need=""
have() { command -v "$1" >/dev/null 2>&1; }
have riscv64-linux-gnu-gcc || need="$need gcc-riscv64-linux-gnu"
[ -f /usr/riscv64-linux-gnu/lib/libc.a ] || need="$need libc6-dev-riscv64-cross"
have riscv64-linux-gnu-g++ || need="$need g++-riscv64-linux-gnu"
[ -f /usr/riscv64-linux-gnu/lib/libgomp.so.1 ] || need="$need libgomp1-riscv64-cross"
[ -f /usr/riscv64-linux-gnu/lib/libatomic.so.1 ] || need="$need libatomic1-riscv64-cross"
[ -f /usr/include/Zydis/Zydis.h ] || need="$need libzydis-dev"
have riscv64-linux-gnu-objdump || need="$need binutils-riscv64-linux-gnu"
have qemu-riscv64 || need="$need qemu-user"
# The fuzz harnesses (suite 92-fuzz, make fuzz) and sanitized runs: clang with libFuzzer.
have clang-14 || need="$need clang-14"
ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
have llvm-symbolizer-14 || need="$need llvm-14"
have gdb-multiarch || need="$need gdb-multiarch"
have cc || need="$need gcc"
have xmllint || need="$need libxml2-utils"
have chromium || need="$need chromium"
have make || need="$need make"
have groff || need="$need groff-base"   # tests/suites/47-install.sh checks the man page
have man || need="$need man-db"
[ -n "$need" ] || exit 0
if [ "$(id -u)" != 0 ]; then
  echo "rvx: missing Debian packages:$need (run 'make deps' as root, or apt-get install them)" >&2
  exit 1
fi
echo "rvx: installing$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $need >/dev/null
