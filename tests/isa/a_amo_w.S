/* RV64A word AMOs: rd gets the old value sign-extended, memory gets op(old, rs2[31:0]),
 * the neighbouring word is untouched; signed and unsigned min/max; aq/rl forms; rd = x0. */
#include "harness.h"
.option norvc
.option norelax

/* mem.w = init (next word = 0x5a5a5a5a); a0 = op(mem, src); check a0 and the dword. */
#define TEST_AMO(n, op, init, src, old, new) \
  la a1, mem;                                \
  li t0, 0x5a5a5a5a;                         \
  sw t0, 4(a1);                              \
  li t0, init;                               \
  sw t0, 0(a1);                              \
  li a2, src;                                \
  op a0, a2, (a1);                           \
  CHECK(n, a0, old)                          \
  lwu a3, 0(a1);                             \
  CHECK(n + 1, a3, new)                      \
  lwu a3, 4(a1);                             \
  CHECK(n + 2, a3, 0x5a5a5a5a)

TEST_BEGIN
  TEST_AMO(1, amoswap.w, 0x11111111, 0x22222222, 0x11111111, 0x22222222)
  TEST_AMO(4, amoswap.w, 0x80000000, 0xffffffff00000001, 0xffffffff80000000, 1)
  TEST_AMO(7, amoadd.w, 5, 7, 5, 12)
  TEST_AMO(10, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
  TEST_AMO(13, amoadd.w, 0xffffffff, 0x1234567800000001, -1, 0)
  TEST_AMO(16, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0)
  TEST_AMO(19, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00)
  TEST_AMO(22, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfff0fff0)
  TEST_AMO(25, amomin.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
  TEST_AMO(28, amomin.w, 1, 0xffffffff, 1, 0xffffffff)
  TEST_AMO(31, amomin.w, 5, 0x100000006, 5, 5)         /* upper half of rs2 ignored */
  TEST_AMO(34, amomax.w, 0x80000000, 1, 0xffffffff80000000, 1)
  TEST_AMO(37, amomax.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x7fffffff)
  TEST_AMO(40, amominu.w, 0x80000000, 1, 0xffffffff80000000, 1)
  TEST_AMO(43, amominu.w, 0xffffffff, 0xfffffffe, -1, 0xfffffffe)
  TEST_AMO(46, amomaxu.w, 0x80000000, 1, 0xffffffff80000000, 0x80000000)
  TEST_AMO(49, amomaxu.w, 1, 0xffffffff, 1, 0xffffffff)
  TEST_AMO(52, amomaxu.w, 7, 0xffffffff00000003, 7, 7)
  /* ordering bits do not change the result */
  TEST_AMO(55, amoadd.w.aq, 1, 2, 1, 3)
  TEST_AMO(58, amoadd.w.rl, 1, 2, 1, 3)
  TEST_AMO(61, amoadd.w.aqrl, 1, 2, 1, 3)
  TEST_AMO(64, amoswap.w.aqrl, 9, 8, 9, 8)
  TEST_AMO(67, amomaxu.w.aq, 9, 10, 9, 10)
  /* rd = x0: memory still updated */
  la a1, mem
  li t0, 40
  sw t0, 0(a1)
  li a2, 2
  amoadd.w zero, a2, (a1)
  CHECK(70, zero, 0)
  lw a3, 0(a1)
  CHECK(71, a3, 42)
  /* rd == rs2: the old value replaces the source after the operation */
  li a2, 100
  amoswap.w a2, a2, (a1)
  CHECK(72, a2, 42)
  lw a3, 0(a1)
  CHECK(73, a3, 100)
  /* the second word of a doubleword */
  li t0, 0x0000000700000000
  sd t0, 0(a1)
  addi a4, a1, 4
  li a2, 1
  amoadd.w a0, a2, (a4)
  CHECK(74, a0, 7)
  ld a3, 0(a1)
  CHECK(75, a3, 0x0000000800000000)
TEST_END

.data
.balign 8
mem:
  .dword 0
