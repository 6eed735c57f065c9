/* Conditional branches: taken and not taken, signed vs unsigned, equal operands, x0,
 * forward and backward targets. */
#include "harness.h"
.option norvc
.option norelax

/* a0 = 1 if `op v1, v2` branches, else 0; checks it against `taken`. */
#define TEST_BR(n, op, taken, v1, v2) \
  li a1, v1;                          \
  li a2, v2;                          \
  li a0, 1;                           \
  op a1, a2, 1f;                      \
  li a0, 0;                           \
1:                                    \
  CHECK(n, a0, taken)

TEST_BEGIN
  TEST_BR(1, beq, 1, 5, 5)
  TEST_BR(2, beq, 0, 5, 6)
  TEST_BR(3, beq, 0, 0x100000000, 0)      /* all 64 bits compared */
  TEST_BR(4, beq, 1, -1, -1)
  TEST_BR(5, bne, 0, 5, 5)
  TEST_BR(6, bne, 1, 0x8000000000000000, 0)
  TEST_BR(7, bne, 1, 0x100000000, 0)
  TEST_BR(10, blt, 1, -1, 0)
  TEST_BR(11, blt, 0, 0, -1)
  TEST_BR(12, blt, 0, 3, 3)
  TEST_BR(13, blt, 1, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR(14, blt, 0, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR(15, bge, 1, 3, 3)
  TEST_BR(16, bge, 1, 0, -1)
  TEST_BR(17, bge, 0, -1, 0)
  TEST_BR(18, bge, 1, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR(20, bltu, 0, -1, 0)
  TEST_BR(21, bltu, 1, 0, -1)
  TEST_BR(22, bltu, 0, 7, 7)
  TEST_BR(23, bltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR(24, bltu, 1, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR(25, bgeu, 1, -1, 0)
  TEST_BR(26, bgeu, 0, 0, -1)
  TEST_BR(27, bgeu, 1, 7, 7)
  TEST_BR(28, bgeu, 1, 0x8000000000000000, 0x7fffffffffffffff)
  /* x0 operands */
  li gp, 30
  li a1, -5
  blt zero, a1, fail          /* 0 < -5 is false */
  bge a1, zero, fail
  bltu a1, zero, fail         /* nothing is below 0 unsigned */
  bne zero, zero, fail
  li a0, 0
  beq zero, zero, 2f
  li a0, 1
2:CHECK(31, a0, 0)
  /* backward branch: a loop of 10 iterations */
  li a0, 0
  li a1, 10
3:addi a0, a0, 3
  addi a1, a1, -1
  bnez a1, 3b
  CHECK(32, a0, 30)
  /* a far forward branch (just under the +4 KiB limit) */
  li a0, 0
  beq zero, zero, 4f
  li a0, 1
  .fill 1000, 4, 0x00000013   /* 1000 nops */
4:CHECK(33, a0, 0)
  /* and a far backward one */
  li a1, 0
  j 6f
5:addi a1, a1, 1
  j 7f
  .fill 1000, 4, 0x00000013
6:bltu zero, a1, fail
  beq zero, zero, 5b
7:CHECK(34, a1, 1)
TEST_END
