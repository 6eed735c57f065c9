/* Reserved and illegal encodings raise SIGILL (ILL_ILLOPC) at their own pc: the all-zero
 * parcel, the reserved compressed code points (zero immediates, x0 destinations of loads
 * and c.addiw, c.jr x0, unallocated opcodes), 32-bit words with a reserved rounding mode or
 * unallocated fields, and CSR accesses a user program may not make. */
#include "harness.h"
.option norvc
.option norelax

/* Executes the raw instruction parcel(s) given, expecting exactly one SIGILL at it. */
#define TEST_ILL(n, directive)    \
  la t0, hits;                    \
  ld s2, 0(t0);                   \
1:directive;                      \
  la t0, hits;                    \
  ld a0, 0(t0);                   \
  sub a0, a0, s2;                 \
  CHECK(n, a0, 1)                 \
  ld a0, 8(t0);                   \
  la a2, 1b;                      \
  sub a0, a0, a2;                 \
  CHECK(n + 1, a0, 0)             \
  ld a0, 16(t0);                  \
  CHECK(n + 2, a0, 1)

TEST_BEGIN
  /* rt_sigaction(SIGILL, {handler, SA_SIGINFO, 0}, NULL, 8) */
  li a0, 4
  la a1, act
  li a2, 0
  li a3, 8
  li a7, 134
  ecall
  CHECK(1, a0, 0)
  TEST_ILL(10, .2byte 0x0000)     /* defined illegal */
  TEST_ILL(13, .2byte 0x0008)     /* c.addi4spn a0, sp, 0 */
  TEST_ILL(16, .2byte 0x6101)     /* c.addi16sp sp, 0 */
  TEST_ILL(19, .2byte 0x6501)     /* c.lui a0, 0 */
  TEST_ILL(22, .2byte 0x6001)     /* c.lui x0, 0 */
  TEST_ILL(25, .2byte 0x2001)     /* c.addiw x0, 0 */
  TEST_ILL(28, .2byte 0x2005)     /* c.addiw x0, 1 */
  TEST_ILL(31, .2byte 0x4002)     /* c.lwsp x0, 0(sp) */
  TEST_ILL(34, .2byte 0x6002)     /* c.ldsp x0, 0(sp) */
  TEST_ILL(37, .2byte 0x8002)     /* c.jr x0 */
  TEST_ILL(40, .2byte 0x8000)     /* quadrant 0, funct3 100: reserved */
  TEST_ILL(43, .2byte 0x9c41)     /* CA-format reserved (funct2 10, bit 12 set) */
  TEST_ILL(46, .2byte 0x9c61)     /* CA-format reserved (funct2 11, bit 12 set) */
  TEST_ILL(49, .4byte 0x00b5d553) /* fadd.s fa0, fa1, fa1 with rm = 5 */
  TEST_ILL(52, .4byte 0x00b5e553) /* ... rm = 6 */
  TEST_ILL(55, .4byte 0xd205d553) /* fcvt.d.w fa0, a1 with rm = 5 */
  TEST_ILL(58, .4byte 0x0000007f) /* no such major opcode (a 64-bit-length prefix) */
  TEST_ILL(61, .4byte 0x0000505b) /* reserved major opcode */
  TEST_ILL(64, .4byte 0x08007033) /* OP with funct7 4: unallocated */
  TEST_ILL(67, .4byte 0x04001013) /* slli with funct6 1 */
  TEST_ILL(70, .4byte 0x0200501b) /* srliw with shamt[5] set */
  TEST_ILL(73, .4byte 0x1015a52f) /* lr.w with rs2 != 0 */
  TEST_ILL(76, .4byte 0x00200073) /* uret: not a user instruction */
  TEST_ILL(79, .4byte 0xc0001073) /* unimp = csrrw x0, cycle, x0 (read-only CSR) */
  TEST_ILL(82, .4byte 0xffffffff)
  TEST_ILL(85, .4byte 0xc005a573) /* csrrs a0, cycle, a1: writes a read-only CSR */
  TEST_ILL(88, .4byte 0xc020e573) /* csrrsi a0, instret, 1 */
  TEST_ILL(91, .4byte 0x30002573) /* csrrs a0, mstatus, x0: machine mode only */
  TEST_ILL(94, .4byte 0x7c002573) /* csrrs a0, 0x7c0, x0: no such CSR */
TEST_END

/* handler(sig, siginfo, ucontext): counts, records the pc and si_code, then resumes after
 * the instruction (2 or 4 bytes long by its low bits). */
handler:
  la t0, hits
  ld t1, 0(t0)
  addi t1, t1, 1
  sd t1, 0(t0)
  ld t1, 176(a2)
  sd t1, 8(t0)
  lw t2, 8(a1)
  sd t2, 16(t0)
  lhu t2, 0(t1)
  andi t2, t2, 3
  li t3, 3
  addi t1, t1, 2
  bne t2, t3, 1f
  addi t1, t1, 2
1:sd t1, 176(a2)
  ret

.data
.balign 8
act:
  .dword handler, 4, 0
hits:
  .dword 0, 0, 0
