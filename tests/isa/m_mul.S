/* RV64M multiplication: low and high halves for every signedness, overflow, mulw. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  TEST_RR(1, mul, 42, 6, 7)
  TEST_RR(2, mul, -42, -6, 7)
  TEST_RR(3, mul, 1, -1, -1)
  TEST_RR(4, mul, 0x8000000000000000, 0x8000000000000000, -1)   /* wraps */
  TEST_RR(5, mul, 0xfffffffe00000001, 0xffffffff, 0xffffffff)
  TEST_RR(6, mul, 0x0000000000000000, 0x100000000, 0x100000000)
  TEST_RR(7, mul, 0x3224a4396cc6d011, 0x123456789abcdef1, 0x0fedcba987654321)
  /* mulh: signed x signed, high 64 bits */
  TEST_RR(10, mulh, 0, 6, 7)
  TEST_RR(11, mulh, -1, -6, 7)
  TEST_RR(12, mulh, 0, -1, -1)
  TEST_RR(13, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR(14, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_RR(15, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
  TEST_RR(16, mulh, 0, 0x8000000000000000, -1)                 /* 2^63: high half 0 */
  /* mulhu: unsigned x unsigned */
  TEST_RR(20, mulhu, 0xfffffffffffffffe, -1, -1)
  TEST_RR(21, mulhu, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR(22, mulhu, 0, 0xffffffff, 0xffffffff)
  TEST_RR(23, mulhu, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_RR(24, mulhu, 0x0123456789abcdef, 0x123456789abcdef1, 0x1000000000000000)
  /* mulhsu: signed rs1 x unsigned rs2 */
  TEST_RR(30, mulhsu, -1, -1, -1)          /* -1 * (2^64-1) = -(2^64) + 1 */
  TEST_RR(31, mulhsu, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000)
  TEST_RR(32, mulhsu, 0x7ffffffffffffffe, 0x7fffffffffffffff, -1)
  TEST_RR(33, mulhsu, 0, 1, -1)
  TEST_RR(34, mulhsu, -1, -1, 1)
  TEST_RR(35, mulhsu, 0x8000000000000000, 0x8000000000000000, -1)
  /* mulw: low 32 bits of the product, sign-extended; upper source bits ignored */
  TEST_RR(40, mulw, 42, 6, 7)
  TEST_RR(41, mulw, 0xffffffff80000000, 0x40000000, 2)
  TEST_RR(42, mulw, 1, 0xffffffff, 0xffffffff)
  TEST_RR(43, mulw, 0x0000000000000000, 0x10000, 0x10000)
  TEST_RR(44, mulw, 6, 0x1234567800000002, 0x8765432100000003)
  TEST_RR(45, mulw, 0xffffffff80000000, 0x80000000, -1)
  /* x0 destination, rd == rs1 == rs2 */
  li a1, 9
  mul zero, a1, a1
  CHECK(50, zero, 0)
  mul a1, a1, a1
  CHECK(51, a1, 81)
TEST_END
