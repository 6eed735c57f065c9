/* Harness for per-instruction guest tests in assembly (built with -nostdlib -static).
 *
 * A test file looks like:
 *     #include "harness.h"
 *     TEST_BEGIN
 *       TEST_RR(1, add, 3, 1, 2)
 *     TEST_END
 * Each check has a number (1..255). The program exits 0 when every check holds and with the
 * number of the first failing check otherwise, so the suite can name it. gp holds the number
 * of the check being run; t5 and t6 are scratch for the macros; test code may use the rest.
 * Every test runs under qemu-riscv64 too, so the expected values themselves are checked. */
#ifndef RVX_TEST_HARNESS_H
#define RVX_TEST_HARNESS_H

#define TEST_BEGIN        \
  .text;                  \
  .globl _start;          \
  _start:                 \
  li gp, 0;

#define TEST_END          \
  pass:                   \
  li a0, 0;               \
  li a7, 93;              \
  ecall;                  \
  fail:                   \
  mv a0, gp;              \
  li a7, 93;              \
  ecall;

/* Compares register reg with the 64-bit constant expected. */
#define CHECK(n, reg, expected) \
  li gp, n;                     \
  li t6, expected;              \
  bne reg, t6, fail;

/* rd = op(rs1, rs2) for integer register-register operations. */
#define TEST_RR(n, op, expected, v1, v2) \
  li a1, v1;                             \
  li a2, v2;                             \
  op a0, a1, a2;                         \
  CHECK(n, a0, expected)

/* rd = op(rs1, imm). */
#define TEST_RI(n, op, expected, v1, imm) \
  li a1, v1;                              \
  op a0, a1, imm;                         \
  CHECK(n, a0, expected)

/* Checks the accrued FP flags (fflags) and clears them. */
#define CHECK_FFLAGS(n, expected) \
  li gp, n;                       \
  csrrw t5, fflags, zero;         \
  li t6, expected;                \
  bne t5, t6, fail;

#endif
