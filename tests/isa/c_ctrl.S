/* Compressed control transfer: c.j, c.jr, c.jalr (links pc + 2), c.beqz and c.bnez
 * (a full 64-bit compare with zero), forward and backward. (c.ebreak, which needs a signal
 * handler, is in tests/signals/c_ebreak.S; tests/traps/ checks its trap without one.) */
#include "harness.h"
.option rvc
.option norelax
TEST_BEGIN
  /* c.j forward and backward */
  li a0, 0
  c.j 1f
  li a0, 1
1:CHECK(1, a0, 0)
  li a0, 0
  c.j 3f
2:addi a0, a0, 1
  c.j 4f
3:c.j 2b
4:CHECK(2, a0, 1)
  /* c.beqz / c.bnez */
  li s0, 0
  li a0, 0
  c.beqz s0, 5f
  li a0, 1
5:CHECK(3, a0, 0)
  li s0, 0x100000000             /* nonzero only in the upper half */
  li a0, 0
  c.beqz s0, 6f
  li a0, 1
6:CHECK(4, a0, 1)
  li a0, 0
  c.bnez s0, 7f
  li a0, 1
7:CHECK(5, a0, 0)
  li s0, 0
  li a0, 0
  c.bnez s0, 8f
  li a0, 1
8:CHECK(6, a0, 1)
  li a5, 0x8000000000000000
  li a0, 0
  c.bnez a5, 9f
  li a0, 1
9:CHECK(7, a0, 0)
  /* a backward loop with c.bnez */
  li a4, 5
  li a0, 0
10:addi a0, a0, 2
  addi a4, a4, -1
  c.bnez a4, 10b
  CHECK(8, a0, 10)
  /* c.jr */
  la t0, 11f
  li a0, 0
  c.jr t0
  li a0, 1
11:CHECK(9, a0, 0)
  /* c.jalr: ra = pc + 2 */
  la t1, 13f
  li a0, 0
  c.jalr t1
12:li a0, 1
13:la a1, 12b
  sub a1, ra, a1
  CHECK(10, a1, 0)
  CHECK(11, a0, 0)
  /* call and return through c.jalr / c.jr */
  la a3, func
  li a0, 0
  c.jalr a3
  CHECK(12, a0, 77)
  /* c.jalr with rs1 = ra: the target is the old ra */
  la ra, 14f
  li a0, 0
  c.jalr ra
15:li a0, 1
14:CHECK(13, a0, 0)
  la a1, 15b
  sub a1, ra, a1
  CHECK(14, a1, 0)
TEST_END

func:
  li a0, 77
  c.jr ra
