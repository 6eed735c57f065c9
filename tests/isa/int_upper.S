/* lui and auipc: 20-bit upper immediates, sign-extended to 64 bits; auipc adds its own pc. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  lui a0, 0x12345
  CHECK(1, a0, 0x12345000)
  lui a0, 0x80000
  CHECK(2, a0, 0xffffffff80000000)
  lui a0, 0xfffff
  CHECK(3, a0, 0xfffffffffffff000)
  lui a0, 0x7ffff
  CHECK(4, a0, 0x7ffff000)
  lui a0, 0
  CHECK(5, a0, 0)
  lui zero, 0x12345
  CHECK(6, zero, 0)
  /* auipc: pc of the auipc itself plus the immediate */
1:auipc a0, 0
  la a1, 1b
  sub a0, a0, a1
  CHECK(10, a0, 0)
2:auipc a0, 0x1
  la a1, 2b
  sub a0, a0, a1
  CHECK(11, a0, 0x1000)
3:auipc a0, 0xfffff
  la a1, 3b
  sub a0, a0, a1
  CHECK(12, a0, -0x1000)
4:auipc a0, 0x80000
  la a1, 4b
  sub a0, a0, a1
  CHECK(13, a0, 0xffffffff80000000)
  auipc zero, 1
  CHECK(14, zero, 0)
  /* lui + addi with a negative low part, as li builds constants */
  lui a0, 0x12346
  addi a0, a0, -0x800
  CHECK(20, a0, 0x12345800)
  lui a0, 0x80000
  addiw a0, a0, -1
  CHECK(21, a0, 0x7fffffff)
TEST_END
