/* fence variants (including encodings with reserved fields set, which execute as fences),
 * fence.i, HINT encodings (integer ops writing x0) and ecall. */
#include "harness.h"
.option norvc
.option norelax
TEST_BEGIN
  li a0, 7
  fence
  fence rw, rw
  fence iorw, iorw
  fence r, w
  fence.tso
  fence.i
  .word 0x0ff5000f              /* fence iorw,iorw with rs1 = a0 (reserved field) */
  .word 0x0ff0050f              /* ... with rd = a0 */
  .word 0x8ff0000f              /* fm = 8 with sets other than rw,rw */
  .word 0x0010100f              /* fence.i with imm = 1 */
  .word 0x0000000f              /* fence 0,0 */
  CHECK(1, a0, 7)               /* the register fields are not destinations */
  /* HINTs: writes to x0, no effect */
  addi zero, zero, 0            /* nop */
  addi zero, a0, 5
  lui zero, 0x1
  sltiu zero, a0, 1
  CHECK(2, zero, 0)
  CHECK(3, a0, 7)
  /* ecall: getpid returns a positive pid, registers other than a0 are preserved */
  li a1, 0x1111
  li a2, 0x2222
  li a3, 0x3333
  li a4, 0x4444
  li a5, 0x5555
  li a6, 0x6666
  li s0, 0x8888
  li a7, 172                    /* getpid */
  ecall
  li gp, 10
  blez a0, fail
  CHECK(11, a1, 0x1111)
  CHECK(12, a2, 0x2222)
  CHECK(13, a3, 0x3333)
  CHECK(14, a4, 0x4444)
  CHECK(15, a5, 0x5555)
  CHECK(16, a6, 0x6666)
  CHECK(17, a7, 172)
  CHECK(18, s0, 0x8888)
  /* an unknown system call number gives -ENOSYS */
  li a7, 4000
  ecall
  CHECK(20, a0, -38)
  /* getppid and gettid agree with getpid's view: tid == pid for the main thread */
  li a7, 172
  ecall
  mv s1, a0
  li a7, 178                    /* gettid */
  ecall
  sub a0, a0, s1
  CHECK(21, a0, 0)
TEST_END
