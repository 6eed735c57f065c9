#!/bin/bash
# The ISA component's unit test: decoder vs. the table (every 16-bit word, a million random
# 32-bit words) and disassembler vs. riscv64-linux-gnu-objdump, built from the isa sources.
cd "$(dirname "$0")/../.." || exit 2
BUILD=${BUILD:-build}
CC=${CC:-cc}
mkdir -p "$BUILD/unit"
bin=$BUILD/unit/test_isa
if ! $CC -std=gnu17 -Wall -Wextra -Werror -O2 -g -Isrc -o "$bin" tests/unit/test_isa.c \
    src/isa/*.c src/util/log.c -lpthread 2>"$bin.log"; then
  cat "$bin.log"
  echo "FAIL isa-unit-build: see the compiler output above"
  exit 0
fi
"$bin" "$BUILD/unit"
rc=$?
[ $rc = 0 ] || echo "FAIL isa-unit: test_isa exited with status $rc"
