/* A static rm of 6 is reserved even where the result is exact (fcvt.d.w): SIGILL. The
 * program writes "ok\n" first; the suite expects that output and death by SIGILL. */
#include "fp_harness.h"

TEST_BEGIN
  li t1, 7
  fcvt.d.w ft2, t1
  li a0, 1
  la a1, msg
  li a2, 3
  li a7, 64
  ecall
  .word 0xd2000053 | (2 << 7) | (6 << 12) | (6 << 15)  /* fcvt.d.w ft2, t1 with rm 6 */
  li gp, 1
  j fail
TEST_END

  .data
msg: .ascii "ok\n"
