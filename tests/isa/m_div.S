/* RV64M division and remainder: rounding toward zero, division by zero (quotient all ones,
 * remainder the dividend), the signed overflow case INT64_MIN / -1. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  TEST_RR(1, div, 3, 20, 6)
  TEST_RR(2, div, -3, -20, 6)
  TEST_RR(3, div, -3, 20, -6)
  TEST_RR(4, div, 3, -20, -6)
  TEST_RR(5, div, 0, 5, 6)
  TEST_RR(6, div, -1, -7, 7)
  TEST_RR(7, div, -1, 5, 0)                                     /* by zero */
  TEST_RR(8, div, -1, -5, 0)
  TEST_RR(9, div, 0x8000000000000000, 0x8000000000000000, -1)   /* overflow */
  TEST_RR(10, div, 0xc000000000000000, 0x8000000000000000, 2)
  TEST_RR(11, div, 1, 0x8000000000000000, 0x8000000000000000)
  TEST_RR(12, div, 0x8000000000000001, 0x7fffffffffffffff, -1)
  TEST_RR(20, divu, 3, 20, 6)
  TEST_RR(21, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
  TEST_RR(22, divu, 0, 20, -6)
  TEST_RR(23, divu, -1, 5, 0)                                   /* by zero: 2^64-1 */
  TEST_RR(24, divu, -1, 0, 0)
  TEST_RR(25, divu, 0, 0x8000000000000000, -1)
  TEST_RR(26, divu, 1, -1, -1)
  TEST_RR(30, rem, 2, 20, 6)
  TEST_RR(31, rem, -2, -20, 6)                                  /* sign of the dividend */
  TEST_RR(32, rem, 2, 20, -6)
  TEST_RR(33, rem, -2, -20, -6)
  TEST_RR(34, rem, 5, 5, 0)                                     /* by zero: dividend */
  TEST_RR(35, rem, -5, -5, 0)
  TEST_RR(36, rem, 0, 0x8000000000000000, -1)                   /* overflow: 0 */
  TEST_RR(37, rem, 0x8000000000000000, 0x8000000000000000, 0)
  TEST_RR(38, rem, 0xc000000000000001, 0x8000000000000001, 0x4000000000000000)
  TEST_RR(40, remu, 2, 20, 6)
  TEST_RR(41, remu, 2, -20, 6)      /* (2^64 - 20) mod 6 = 2 */
  TEST_RR(42, remu, 20, 20, -6)
  TEST_RR(43, remu, 5, 5, 0)                                    /* by zero: dividend */
  TEST_RR(44, remu, -1, -1, 0)
  TEST_RR(45, remu, 0x7fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_RR(46, remu, 0, -1, -1)
  /* x0 destination: division by zero does not trap */
  li a1, 1
  div zero, a1, zero
  CHECK(50, zero, 0)
  remu zero, a1, zero
  CHECK(51, zero, 0)
TEST_END
