/* RV64A doubleword AMOs: rd gets the old value, memory gets op(old, rs2), the neighbouring
 * doubleword is untouched; signed and unsigned min/max; aq/rl forms; rd = x0. */
#include "harness.h"
.option norvc
.option norelax

#define TEST_AMO(n, op, init, src, old, new) \
  la a1, mem;                                \
  li t0, 0x5a5a5a5a5a5a5a5a;                 \
  sd t0, 8(a1);                              \
  li t0, init;                               \
  sd t0, 0(a1);                              \
  li a2, src;                                \
  op a0, a2, (a1);                           \
  CHECK(n, a0, old)                          \
  ld a3, 0(a1);                              \
  CHECK(n + 1, a3, new)                      \
  ld a3, 8(a1);                              \
  CHECK(n + 2, a3, 0x5a5a5a5a5a5a5a5a)

TEST_BEGIN
  TEST_AMO(1, amoswap.d, 0x1111111111111111, 0x2222222222222222, 0x1111111111111111, 0x2222222222222222)
  TEST_AMO(4, amoadd.d, 5, -7, 5, -2)
  TEST_AMO(7, amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_AMO(10, amoadd.d, 0x00000000ffffffff, 1, 0xffffffff, 0x100000000)   /* carry across */
  TEST_AMO(13, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
  TEST_AMO(16, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
  TEST_AMO(19, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
  TEST_AMO(22, amomin.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO(25, amomin.d, 1, -1, 1, -1)
  TEST_AMO(28, amomin.d, 0x00000000ffffffff, 0x0000000100000000, 0xffffffff, 0xffffffff)
  TEST_AMO(31, amomax.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
  TEST_AMO(34, amomax.d, -5, -6, -5, -5)
  TEST_AMO(37, amominu.d, 0x8000000000000000, 1, 0x8000000000000000, 1)
  TEST_AMO(40, amominu.d, -1, -2, -1, -2)
  TEST_AMO(43, amomaxu.d, 0x8000000000000000, 1, 0x8000000000000000, 0x8000000000000000)
  TEST_AMO(46, amomaxu.d, 1, -1, 1, -1)
  TEST_AMO(49, amoadd.d.aq, 1, 2, 1, 3)
  TEST_AMO(52, amoadd.d.rl, 1, 2, 1, 3)
  TEST_AMO(55, amoadd.d.aqrl, 1, 2, 1, 3)
  TEST_AMO(58, amoor.d.aqrl, 1, 2, 1, 3)
  la a1, mem
  li t0, 40
  sd t0, 0(a1)
  li a2, 2
  amoadd.d zero, a2, (a1)
  CHECK(70, zero, 0)
  ld a3, 0(a1)
  CHECK(71, a3, 42)
  li a2, 100
  amoswap.d a2, a2, (a1)
  CHECK(72, a2, 42)
  ld a3, 0(a1)
  CHECK(73, a3, 100)
TEST_END

.data
.balign 16
mem:
  .dword 0, 0
