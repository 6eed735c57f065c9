/* jal and jalr: link value (pc + 4), target computation, jalr clears bit 0 of the target,
 * rd == rs1, x0 as link register. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  /* jal links pc + 4 */
  li a0, 0
  jal ra, 1f
9:li a0, 1                 /* skipped */
1:la a1, 9b
  sub a1, ra, a1
  CHECK(1, a1, 0)
  CHECK(2, a0, 0)
  /* jal x0 only jumps */
  li a0, 0
  jal zero, 2f
  li a0, 1
2:CHECK(3, a0, 0)
  /* jalr: target = (rs1 + imm) & ~1, link = pc + 4 */
  la a1, 3f
  addi a1, a1, -8
  li a0, 0
  jalr t0, 8(a1)
8:li a0, 1
3:la a2, 8b
  sub a2, t0, a2
  CHECK(4, a2, 0)
  CHECK(5, a0, 0)
  /* odd target: bit 0 is cleared */
  la a1, 4f
  addi a1, a1, 1
  li a0, 0
  jalr zero, 0(a1)
  li a0, 1
4:CHECK(6, a0, 0)
  la a1, 5f
  li a0, 0
  jalr zero, 1(a1)           /* imm makes it odd */
  li a0, 1
5:CHECK(7, a0, 0)
  /* rd == rs1: the target is computed from the old value */
  la a1, 6f
  li a0, 0
  jalr a1, 0(a1)
7:li a0, 1
6:la a2, 7b
  sub a2, a1, a2
  CHECK(8, a2, 0)
  CHECK(9, a0, 0)
  /* negative offsets, a call and return */
  la a1, 10f
  addi a1, a1, 16
  jalr ra, -16(a1)
  CHECK(10, a0, 42)
  j 11f
10:li a0, 42
  jalr zero, 0(ra)
11:
  /* a backward jal */
  li a0, 0
  j 13f
12:addi a0, a0, 1
  j 14f
13:jal zero, 12b
14:CHECK(11, a0, 1)
TEST_END
