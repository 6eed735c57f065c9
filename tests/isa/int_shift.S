/* RV64I shifts: register shift amounts use the low 6 bits (5 for the W forms), immediate
 * shifts by 0..63, arithmetic shifts of negative values, W forms sign-extend bit 31. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  TEST_RR(1, sll, 2, 1, 1)
  TEST_RR(2, sll, 0x8000000000000000, 1, 63)
  TEST_RR(3, sll, 1, 1, 64)               /* amount taken mod 64 */
  TEST_RR(4, sll, 0x8000000000000000, 1, -1)
  TEST_RR(5, sll, 0x123456789abcdef0, 0x123456789abcdef0, 0)
  TEST_RR(6, srl, 1, 0x8000000000000000, 63)
  TEST_RR(7, srl, 0x7fffffffffffffff, -1, 1)
  TEST_RR(8, srl, -1, -1, 128)
  TEST_RR(9, srl, 0x00ffffffffffffff, -1, 0x108)   /* 0x108 mod 64 = 8 */
  TEST_RR(10, sra, -1, 0x8000000000000000, 63)
  TEST_RR(11, sra, 0xc000000000000000, 0x8000000000000000, 1)
  TEST_RR(12, sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 1)
  TEST_RR(13, sra, -1, -1, 5)
  TEST_RR(14, sra, 0x8000000000000000, 0x8000000000000000, 64)
  TEST_RI(20, slli, 0x8000000000000000, 1, 63)
  TEST_RI(21, slli, 0xfffffffe00000000, 0xffffffff, 33)
  TEST_RI(22, slli, 0x1234, 0x1234, 0)
  TEST_RI(23, srli, 1, 0x8000000000000000, 63)
  TEST_RI(24, srli, 0x00000000ffffffff, -1, 32)
  TEST_RI(25, srli, -1, -1, 0)
  TEST_RI(26, srai, -1, 0x8000000000000000, 63)
  TEST_RI(27, srai, 0xffffffff80000000, 0x8000000000000000, 32)
  TEST_RI(28, srai, 0x00000000ffffffff, 0x7fffffffffffffff, 31)
  TEST_RI(29, srai, 0x7fffffffffffffff, 0x7fffffffffffffff, 0)
  /* W forms: operate on the low 32 bits, result sign-extended from bit 31 */
  TEST_RR(30, sllw, 0xffffffff80000000, 1, 31)
  TEST_RR(31, sllw, 1, 1, 32)             /* amount taken mod 32 */
  TEST_RR(32, sllw, 0x0000000012345678, 0xffffffff12345678, 0)
  TEST_RR(33, sllw, 0xffffffff90000000, 0x123456789, 28)
  TEST_RR(34, srlw, 1, 0x80000000, 31)
  TEST_RR(35, srlw, 0xffffffff80000000, 0x80000000, 32)   /* shift 0: sign-extends */
  TEST_RR(36, srlw, 0x7fffffff, 0xffffffffffffffff, 1)
  TEST_RR(37, srlw, 0x00ffffff, 0x12345678ffffffff, 8)   /* upper half ignored */
  TEST_RR(38, sraw, -1, 0x80000000, 31)
  TEST_RR(39, sraw, 0xfffffffff8000000, 0x80000000, 4)
  TEST_RR(40, sraw, 0x07ffffff, 0xffffffff7fffffff, 4)
  TEST_RR(41, sraw, 0xffffffff80000000, 0x80000000, 0x20)
  TEST_RI(50, slliw, 0xffffffff80000000, 1, 31)
  TEST_RI(51, slliw, 0xfffffffff89abcde, 0x12345678f89abcde, 0)
  TEST_RI(52, srliw, 1, 0xffffffff80000000, 31)
  TEST_RI(53, srliw, 0xffffffff80000000, 0x80000000, 0)
  TEST_RI(54, srliw, 0x000fffff, 0xfffffffffffffff0, 12)
  TEST_RI(55, sraiw, -1, 0x80000000, 31)
  TEST_RI(56, sraiw, 0xfffffffffff80000, 0x0000000080000000, 12)
  TEST_RI(57, sraiw, 0x00000000000007ff, 0xffffffff7fffffff, 20)
  /* x0 destination */
  li a1, -1
  sra zero, a1, a1
  CHECK(60, zero, 0)
  slli zero, a1, 1
  CHECK(61, zero, 0)
TEST_END
