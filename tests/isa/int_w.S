/* RV64I 32-bit arithmetic (addw, subw, addiw): low 32 bits, sign-extended result, upper
 * source bits ignored. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  TEST_RR(1, addw, 3, 1, 2)
  TEST_RR(2, addw, 0xffffffff80000000, 0x7fffffff, 1)          /* overflow wraps, sign */
  TEST_RR(3, addw, 0, 0xffffffff, 1)
  TEST_RR(4, addw, 0xfffffffffffffffe, 0x7fffffff, 0x7fffffff)
  TEST_RR(5, addw, 0x12345678, 0xaaaaaaaa12345670, 0x5555555500000008)
  TEST_RR(6, addw, 0, 0x8000000000000000, 0x8000000000000000)
  TEST_RR(10, subw, -1, 1, 2)
  TEST_RR(11, subw, 0x7fffffff, 0x80000000, 1)
  TEST_RR(12, subw, 0xffffffff80000000, 0, 0x80000000)
  TEST_RR(13, subw, 0, 0x123456789abcdef0, 0x000000009abcdef0)
  TEST_RI(20, addiw, 0x7fffffff, 0x7fffffff, 0)
  TEST_RI(21, addiw, 0xffffffff80000000, 0x7fffffff, 1)
  TEST_RI(22, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0)  /* sext.w */
  TEST_RI(23, addiw, 0x000000007fffffff, 0xffffffff80000000, -1)
  TEST_RI(24, addiw, 0xfffffffffffff800, 0x1234567800000000, -2048)
  TEST_RI(25, addiw, 2047, 0xffffffff00000000, 2047)
  li a1, 0x7fffffff
  addiw zero, a1, 1
  CHECK(30, zero, 0)
  addw zero, a1, a1
  CHECK(31, zero, 0)
TEST_END
