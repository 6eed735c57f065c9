/* RV64I register-register and register-immediate arithmetic and logic, with edge values
 * (wrap-around, signed vs unsigned compares, 12-bit immediate limits, x0 as destination). */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  /* add/sub wrap modulo 2^64 */
  TEST_RR(1, add, 3, 1, 2)
  TEST_RR(2, add, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_RR(3, add, 0, -1, 1)
  TEST_RR(4, add, 0xfffffffe, 0x7fffffff, 0x7fffffff)
  TEST_RR(5, sub, -1, 1, 2)
  TEST_RR(6, sub, 0x7fffffffffffffff, 0x8000000000000000, 1)
  TEST_RR(7, sub, 0, 0x8000000000000000, 0x8000000000000000)
  /* logic */
  TEST_RR(10, and, 0x0f00f00f, 0xff00ff0f, 0x0ff0f00f)
  TEST_RR(11, or, 0xfff0ff0f, 0xff00ff0f, 0x0ff0f00f)
  TEST_RR(12, xor, 0xf0f00f00, 0xff00ff0f, 0x0ff0f00f)
  TEST_RR(13, xor, 0, -1, -1)
  TEST_RR(14, and, 0x8000000000000001, -1, 0x8000000000000001)
  /* set-less-than, signed and unsigned */
  TEST_RR(20, slt, 1, -1, 0)
  TEST_RR(21, slt, 0, 0, -1)
  TEST_RR(22, slt, 1, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_RR(23, slt, 0, 5, 5)
  TEST_RR(24, sltu, 0, -1, 0)
  TEST_RR(25, sltu, 1, 0, -1)
  TEST_RR(26, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_RR(27, sltu, 1, 0, 1)
  /* immediates: sign-extended 12-bit, limits -2048 and 2047 */
  TEST_RI(30, addi, 2047, 0, 2047)
  TEST_RI(31, addi, -2048, 0, -2048)
  TEST_RI(32, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_RI(33, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
  TEST_RI(34, slti, 1, -2049, -2048)
  TEST_RI(35, slti, 0, 2047, 2047)
  TEST_RI(36, slti, 1, 0x8000000000000000, 0)
  TEST_RI(37, sltiu, 1, 0, -1)        /* -1 sign-extends to 2^64-1 */
  TEST_RI(38, sltiu, 0, -1, -1)
  TEST_RI(39, sltiu, 1, 0xfffffffffffff7ff, -2048)
  TEST_RI(40, sltiu, 1, 0, 1)         /* seqz */
  TEST_RI(41, sltiu, 0, 5, 1)
  TEST_RI(42, xori, 0xffffffffffff0f0f, 0x0000f0f0, -1)   /* not */
  TEST_RI(43, xori, 0x00ff07ff, 0x00ff0000, 2047)
  TEST_RI(44, ori, -2048, 0, -2048)
  TEST_RI(45, ori, 0x123456789abcd7ff, 0x123456789abcd000, 0x7ff)
  TEST_RI(46, andi, 0x123456789abcd800, 0x123456789abcdfff, -2048)
  TEST_RI(47, andi, 0xff, 0x12345678abcdefff, 0xff)
  TEST_RI(48, andi, 0, 0x7fffffffffffffff, 0)
  /* source and destination the same register */
  li a0, 21
  add a0, a0, a0
  CHECK(50, a0, 42)
  li a0, 5
  sub a0, a0, a0
  CHECK(51, a0, 0)
  li a0, -7
  slt a0, a0, zero
  CHECK(52, a0, 1)
  /* x0 as destination: the result is discarded; x0 as source reads 0 */
  li a1, 123
  add zero, a1, a1
  CHECK(60, zero, 0)
  addi zero, zero, 5
  CHECK(61, zero, 0)
  xori zero, a1, -1
  CHECK(62, zero, 0)
  sltu zero, zero, a1
  CHECK(63, zero, 0)
  add a0, zero, a1
  CHECK(64, a0, 123)
  sub a0, zero, a1
  CHECK(65, a0, -123)
  sltu a0, zero, a1       /* snez */
  CHECK(66, a0, 1)
TEST_END
