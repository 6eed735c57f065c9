/* Compressed integer computation: c.li, c.lui, c.addi, c.addiw, c.addi16sp, c.addi4spn,
 * c.slli, c.srli, c.srai, c.andi, c.mv, c.add, c.sub, c.xor, c.or, c.and, c.subw, c.addw,
 * c.nop, each with its immediate limits and sign extension. */
#include "harness.h"
.option rvc
.option norelax
TEST_BEGIN
  c.li a0, 31
  CHECK(1, a0, 31)
  c.li a0, -32
  CHECK(2, a0, -32)
  c.li s1, 0
  CHECK(3, s1, 0)
  c.li t1, -1                     /* full register field: any register */
  CHECK(4, t1, -1)
  c.lui a0, 1
  CHECK(5, a0, 0x1000)
  c.lui a0, 31
  CHECK(6, a0, 0x1f000)
  c.lui a0, 0xfffe0               /* nzimm = -32 */
  CHECK(7, a0, 0xfffffffffffe0000)
  c.lui t2, 0xfffff
  CHECK(8, t2, 0xfffffffffffff000)
  li a0, 100
  c.addi a0, -32
  CHECK(10, a0, 68)
  c.addi a0, 31
  CHECK(11, a0, 99)
  li t0, 0x7fffffffffffffff
  c.addi t0, 1
  CHECK(12, t0, 0x8000000000000000)
  li a0, 0x7fffffff
  c.addiw a0, 1
  CHECK(13, a0, 0xffffffff80000000)
  li a0, 0x12345678ffffffff
  c.addiw a0, 0                   /* sext.w */
  CHECK(14, a0, -1)
  li a0, 0x100000000
  c.addiw a0, -32
  CHECK(15, a0, -32)
  /* sp-relative: c.addi16sp and c.addi4spn */
  mv s11, sp
  c.addi16sp sp, -512
  sub a0, s11, sp
  CHECK(20, a0, 512)
  c.addi16sp sp, 496
  sub a0, s11, sp
  CHECK(21, a0, 16)
  c.addi16sp sp, 16
  sub a0, s11, sp
  CHECK(22, a0, 0)
  c.addi4spn a0, sp, 1020
  sub a0, a0, sp
  CHECK(23, a0, 1020)
  c.addi4spn s0, sp, 4
  sub a0, s0, sp
  CHECK(24, a0, 4)
  c.addi4spn a5, sp, 520
  sub a0, a5, sp
  CHECK(25, a0, 520)
  mv sp, s11
  /* shifts */
  li a0, 1
  c.slli a0, 63
  CHECK(30, a0, 0x8000000000000000)
  li t3, 0x00000000ffffffff
  c.slli t3, 32
  CHECK(31, t3, 0xffffffff00000000)
  li a0, 0x8000000000000000
  c.srli a0, 63
  CHECK(32, a0, 1)
  li a4, -1
  c.srli a4, 1
  CHECK(33, a4, 0x7fffffffffffffff)
  li a0, 0x8000000000000000
  c.srai a0, 63
  CHECK(34, a0, -1)
  li a5, 0x8000000000000000
  c.srai a5, 32
  CHECK(35, a5, 0xffffffff80000000)
  li a0, 0x7ff0
  c.srai a0, 4
  CHECK(36, a0, 0x7ff)
  /* c.andi */
  li a0, 0x123456789abcdef0
  c.andi a0, -32
  CHECK(40, a0, 0x123456789abcdee0)
  li a0, 0x123456789abcdeff
  c.andi a0, 31
  CHECK(41, a0, 0x1f)
  c.andi a0, 0
  CHECK(42, a0, 0)
  /* register-register */
  li a1, 0x0123456789abcdef
  c.mv a0, a1
  CHECK(50, a0, 0x0123456789abcdef)
  c.mv t4, a1
  CHECK(51, t4, 0x0123456789abcdef)
  li a0, 0x7fffffffffffffff
  li a1, 1
  c.add a0, a1
  CHECK(52, a0, 0x8000000000000000)
  li t5, 5
  c.add t5, t5
  CHECK(53, t5, 10)
  li a0, 5
  li a1, 7
  c.sub a0, a1
  CHECK(54, a0, -2)
  li s0, 0xff00ff00ff00ff00
  li s1, 0x0ff00ff00ff00ff0
  mv a0, s0
  c.xor a0, s1
  CHECK(55, a0, 0xf0f0f0f0f0f0f0f0)
  mv a0, s0
  c.or a0, s1
  CHECK(56, a0, 0xfff0fff0fff0fff0)
  mv a0, s0
  c.and a0, s1
  CHECK(57, a0, 0x0f000f000f000f00)
  li a0, 0x80000000
  li a1, 1
  c.subw a0, a1
  CHECK(58, a0, 0x7fffffff)
  li a0, 0
  li a1, 0x80000000
  c.subw a0, a1
  CHECK(59, a0, 0xffffffff80000000)
  li a0, 0x7fffffff
  li a1, 0x1234567800000001
  c.addw a0, a1
  CHECK(60, a0, 0xffffffff80000000)
  li a2, 0xffffffff
  li a3, 0xffffffff
  c.addw a2, a3
  CHECK(61, a2, -2)
  /* c.nop changes nothing */
  li a0, 3
  c.nop
  CHECK(62, a0, 3)
TEST_END
