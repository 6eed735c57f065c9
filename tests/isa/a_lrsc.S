/* LR/SC: success (sc writes 0 to rd and stores), failure without a reservation, after the
 * reservation was used, and to another address (sc writes nonzero, memory unchanged);
 * lr.w sign-extends; an increment loop; ordering-bit forms. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  la a1, mem
  li t0, 0x80000001
  sw t0, 0(a1)
  /* lr.w / sc.w success */
  lr.w a0, (a1)
  CHECK(1, a0, 0xffffffff80000001)
  li a2, 0x12345678
  sc.w a3, a2, (a1)
  CHECK(2, a3, 0)
  lw a0, 0(a1)
  CHECK(3, a0, 0x12345678)
  /* the reservation is gone after a successful sc */
  li a2, 0x55
  sc.w a3, a2, (a1)
  li gp, 4
  beqz a3, fail
  lw a0, 0(a1)
  CHECK(5, a0, 0x12345678)
  /* lr.d / sc.d */
  li t0, 0x8000000000000002
  sd t0, 8(a1)
  addi a4, a1, 8
  lr.d a0, (a4)
  CHECK(10, a0, 0x8000000000000002)
  li a2, -3
  sc.d a3, a2, (a4)
  CHECK(11, a3, 0)
  ld a0, 8(a1)
  CHECK(12, a0, -3)
  /* sc.d without any lr fails and does not store */
  li a2, 77
  sc.d a3, a2, (a4)
  li gp, 13
  beqz a3, fail
  ld a0, 8(a1)
  CHECK(14, a0, -3)
  /* sc to an address other than the reserved one fails */
  lr.d a0, (a1)
  li a2, 99
  sc.d a3, a2, (a4)
  li gp, 15
  beqz a3, fail
  ld a0, 8(a1)
  CHECK(16, a0, -3)
  /* rd = x0 for sc: stores, result discarded */
  lr.w a0, (a1)
  li a2, 31
  sc.w zero, a2, (a1)
  lw a0, 0(a1)
  CHECK(17, a0, 31)
  /* lr into x0 still takes the reservation */
  lr.w zero, (a1)
  li a2, 32
  sc.w a3, a2, (a1)
  CHECK(18, a3, 0)
  lw a0, 0(a1)
  CHECK(19, a0, 32)
  /* an atomic increment loop, with ordering bits */
  sd zero, 16(a1)
  addi a4, a1, 16
  li a5, 100
1:lr.d.aq a0, (a4)
  addi a0, a0, 3
  sc.d.rl a3, a0, (a4)
  bnez a3, 1b
  addi a5, a5, -1
  bnez a5, 1b
  ld a0, 16(a1)
  CHECK(20, a0, 300)
2:lr.w.aqrl a0, (a1)
  addi a0, a0, -2
  sc.w.aqrl a3, a0, (a1)
  bnez a3, 2b
  lw a0, 0(a1)
  CHECK(21, a0, 30)
  /* an ordinary store between lr and sc to the same word (same hart): the spec allows
   * either outcome, so only check that a successful sc stored and a failed one did not */
  lr.w a0, (a1)
  li t0, 1000
  sw t0, 0(a1)
  li a2, 2000
  sc.w a3, a2, (a1)
  lw a0, 0(a1)
  beqz a3, 3f
  CHECK(22, a0, 1000)
  j 4f
3:CHECK(23, a0, 2000)
4:
TEST_END

.data
.balign 16
mem:
  .dword 0, 0, 0
