/* RV64M 32-bit forms: operands are the low 32 bits, results sign-extended from bit 31,
 * INT32_MIN / -1, division by zero. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  TEST_RR(1, divw, 3, 20, 6)
  TEST_RR(2, divw, -3, -20, 6)
  TEST_RR(3, divw, 3, 0xffffffff00000014, 0x0000000100000006)   /* upper halves ignored */
  TEST_RR(4, divw, -1, 5, 0)
  TEST_RR(5, divw, -1, 5, 0x100000000)                          /* low half 0: by zero */
  TEST_RR(6, divw, 0xffffffff80000000, 0x80000000, -1)          /* overflow */
  TEST_RR(7, divw, 0xffffffff80000000, 0x80000000, 0xffffffff)
  TEST_RR(8, divw, 0xffffffffc0000000, 0x80000000, 2)
  TEST_RR(10, divuw, 3, 20, 6)
  TEST_RR(11, divuw, 0x2aaaaaa7, -20, 6)                        /* 0xffffffec / 6 */
  TEST_RR(12, divuw, -1, 5, 0)                                  /* 0xffffffff, sign-extended */
  TEST_RR(13, divuw, 0xffffffff80000000, 0x80000000, 1)         /* result sign-extended */
  TEST_RR(14, divuw, 0, 0x80000000, 0xffffffff)
  TEST_RR(15, divuw, 1, 0x1ffffffff, 0xffffffff)
  TEST_RR(20, remw, 2, 20, 6)
  TEST_RR(21, remw, -2, -20, 6)
  TEST_RR(22, remw, 5, 5, 0)
  TEST_RR(23, remw, 0xffffffff80000000, 0x80000000, 0)          /* dividend, sign-extended */
  TEST_RR(24, remw, 0, 0x80000000, -1)                          /* overflow: 0 */
  TEST_RR(25, remw, 0x12345678, 0xabcdef0012345678, 0)
  TEST_RR(26, remw, -2, 0x00000000fffffffe, 0x7fffffff)
  TEST_RR(30, remuw, 2, 20, 6)
  TEST_RR(31, remuw, 2, -20, 6)                                 /* 0xffffffec mod 6 */
  TEST_RR(32, remuw, 0xffffffff80000000, 0x80000000, 0)         /* by zero, sign-extended */
  TEST_RR(33, remuw, 0xfffffffffffffffe, 0xfffffffe, 0xffffffff)
  TEST_RR(34, remuw, 0, 0x80000000, 0x80000000)
  TEST_RR(35, remuw, 0x7fffffff, 0x17fffffff, 0x80000000)
  li a1, 1
  divw zero, a1, zero
  CHECK(40, zero, 0)
TEST_END
