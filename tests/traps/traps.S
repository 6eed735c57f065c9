/* Guest trap cases for tests/suites/22-traps.sh: `traps N` runs case N, which writes the fault
 * address it expects (hex, one line) to stdout and then executes the trapping instruction at
 * the label trap_N (the suite reads its address with nm). With any second argument, handlers
 * for SIGILL, SIGTRAP, SIGBUS and SIGSEGV are installed first; they print
 * "SIG CODE PC ADDR" (hex) from the siginfo and ucontext and exit 0, so a run under
 * qemu-riscv64 proves every expected signal, si_code, pc and address. A case that does not
 * trap exits 99; the cases that must not trap exit 0 when they behave as qemu does. */
.option norvc
.option norelax

#define SYS_write 64
#define SYS_exit_group 94
#define SYS_rt_sigaction 134
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_mprotect 226
#define PROT_NONE 0
#define PROT_R 1
#define PROT_RW 3
#define PROT_RWX 7
#define MAP_PRIVATE_ANON 0x22
#define PAGE 4096
#define G38 (1 << 38)

/* Case n: an entry in the table the dispatcher searches, and its code. */
#define CASE(n)                                   \
  .pushsection .rodata.cases, "a";                \
  .dword n, case_##n;                             \
  .popsection;                                    \
  case_##n:
/* The expected fault address (in reg) goes to stdout; then the trapping instruction. */
#define EXPECT(reg) mv s1, reg; call report
/* The trapping instruction(s) of case n, at trap_n; falling through means no trap. */
#define TRAP(n, ...) trap_##n: __VA_ARGS__; j notrap
/* Case n: one raw illegal parcel or word; the address is the pc. */
#define ILL(n, ...) CASE(n) la s1, trap_##n; call report; TRAP(n, __VA_ARGS__)

/* a0 = mmap(0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) */
#define MMAP(len, prot)                           \
  li a0, 0; li a1, len; li a2, prot;              \
  li a3, MAP_PRIVATE_ANON; li a4, -1; li a5, 0;   \
  li a7, SYS_mmap; ecall

/* Raw FP words with a reserved or dynamic rounding mode (the assembler refuses rm 5, 6). */
#define FADD_D_RM(rm)   .word 0x02000053 | (2 << 7) | ((rm) << 12) | (0 << 15) | (1 << 20)
#define FCVT_D_W_RM(rm) .word 0xd2000053 | (2 << 7) | ((rm) << 12) | (6 << 15)
#define FMADD_S_RM(rm)  .word 0x00000043 | (2 << 7) | ((rm) << 12) | (0 << 15) | (1 << 20) | (3 << 27)
#define FCVT_W_S_RM(rm) .word 0xc0000053 | (10 << 7) | ((rm) << 12) | (0 << 15)
#define FSQRT_D_RM(rm)  .word 0x5a000053 | (2 << 7) | ((rm) << 12) | (0 << 15)
#define FDIV_S_RM(rm)   .word 0x18000053 | (2 << 7) | ((rm) << 12) | (0 << 15) | (1 << 20)

  .pushsection .rodata.cases, "a"
  .balign 8
cases_start:
  .popsection

  .text
  .globl _start
_start:
  ld s3, 0(sp)                  /* argc */
  li a0, 2
  blt s3, a0, usage
  ld a1, 16(sp)                 /* argv[1]: the case number, decimal */
  li s0, 0
1:lbu t0, 0(a1)
  beqz t0, 2f
  addi t0, t0, -'0'
  li t1, 10
  bgeu t0, t1, usage
  mul s0, s0, t1
  add s0, s0, t0
  addi a1, a1, 1
  j 1b
2:li a0, 3
  blt s3, a0, 3f
  call install_handlers
3:la t0, cases_start
  la t1, cases_end
4:bgeu t0, t1, usage
  ld t2, 0(t0)
  ld t3, 8(t0)
  addi t0, t0, 16
  bne t2, s0, 4b
  jr t3

usage:
  li a0, 2
  j exit
notrap:
  li a0, 99
exit:
  li a7, SYS_exit_group
  ecall

/* Writes s1 as "0x...\n" to stdout. Clobbers t0-t3 only. */
report:
  addi sp, sp, -80
  sd a0, 48(sp)
  sd a1, 56(sp)
  sd a2, 64(sp)
  sd a7, 72(sp)
  mv t0, s1
  addi t1, sp, 40
  li t2, '\n'
  sb t2, 0(t1)
  la t3, hexdigits
1:addi t1, t1, -1
  andi t2, t0, 15
  add t2, t2, t3
  lbu t2, 0(t2)
  sb t2, 0(t1)
  srli t0, t0, 4
  bnez t0, 1b
  li t2, 'x'
  sb t2, -1(t1)
  li t2, '0'
  sb t2, -2(t1)
  addi a1, t1, -2
  addi a2, sp, 41
  sub a2, a2, a1
  li a0, 1
  li a7, SYS_write
  ecall
  ld a0, 48(sp)
  ld a1, 56(sp)
  ld a2, 64(sp)
  ld a7, 72(sp)
  addi sp, sp, 80
  ret

/* Handler mode: one handler for the four signals. */
install_handlers:
  mv s4, ra
  la s5, sigs
1:lbu a0, 0(s5)
  beqz a0, 2f
  la a1, act
  li a2, 0
  li a3, 8
  li a7, SYS_rt_sigaction
  ecall
  bnez a0, usage
  addi s5, s5, 1
  j 1b
2:mv ra, s4
  ret

/* handler(sig, info, uc): prints "SIG CODE PC ADDR\n" and exits 0. The pc is
 * uc->uc_mcontext.sc_regs.pc (offset 176), si_code at 8, si_addr at 16. */
handler:
  la sp, hstack_top
  mv s6, a0
  lw s7, 8(a1)
  ld s8, 176(a2)
  ld s9, 16(a1)
  mv s1, s6
  call report
  mv s1, s7
  call report
  mv s1, s8
  call report
  mv s1, s9
  call report
  li a0, 0
  j exit

/* ---- SIGILL: reserved compressed parcels ---- */
ILL(1, .2byte 0x0000)             /* the all-zero parcel: defined illegal */
ILL(2, .2byte 0x0008)             /* c.addi4spn a0, sp, 0 */
ILL(3, .2byte 0x6101)             /* c.addi16sp sp, 0 */
ILL(4, .2byte 0x6501)             /* c.lui a0, 0 */
ILL(5, .2byte 0x6001)             /* c.lui x0, 0 */
ILL(6, .2byte 0x2001)             /* c.addiw x0, 0 */
ILL(7, .2byte 0x2005)             /* c.addiw x0, 1 */
ILL(8, .2byte 0x4002)             /* c.lwsp x0, 0(sp) */
ILL(9, .2byte 0x6002)             /* c.ldsp x0, 0(sp) */
ILL(10, .2byte 0x8002)            /* c.jr x0 */
ILL(11, .2byte 0x8000)            /* quadrant 0, funct3 100 */
ILL(12, .2byte 0x9c41)            /* CA format, bit 12 set, funct2 10 */
ILL(13, .2byte 0x9c61)            /* CA format, bit 12 set, funct2 11 */

/* ---- SIGILL: static rounding modes 5 and 6 ---- */
ILL(14, .4byte 0x00b5d553)        /* fadd.s fa0, fa1, fa1, rm 5 */
ILL(15, .4byte 0x00b5e553)        /* fadd.s, rm 6 */
ILL(16, .4byte 0xd205d553)        /* fcvt.d.w fa0, a1, rm 5 (exact, still illegal) */
ILL(17, FMADD_S_RM(6))
ILL(18, FCVT_W_S_RM(5))
ILL(19, FSQRT_D_RM(6))

/* ---- SIGILL: dynamic rounding with frm 5, 6, 7 ---- */
CASE(20) la s1, trap_20; call report; csrwi frm, 5; TRAP(20, FADD_D_RM(7))
CASE(21) la s1, trap_21; call report; li t1, 3; csrwi frm, 6; TRAP(21, FCVT_D_W_RM(7))
CASE(22) la s1, trap_22; call report; csrwi frm, 7; TRAP(22, FMADD_S_RM(7))
CASE(23) la s1, trap_23; call report; csrwi frm, 5; TRAP(23, FCVT_W_S_RM(7))
/* frm set through fcsr (frm 7, flags 0) */
CASE(24) la s1, trap_24; call report; li t0, 0xe0; fscsr t0; TRAP(24, FDIV_S_RM(7))

/* ---- SIGILL: unallocated 32-bit encodings ---- */
ILL(25, .4byte 0x0000007f)        /* a 64-bit-length prefix: no such instruction */
ILL(26, .4byte 0x0000505b)        /* reserved major opcode */
ILL(27, .4byte 0x08007033)        /* OP with funct7 4 */
ILL(28, .4byte 0x04001013)        /* slli with funct6 1 */
ILL(29, .4byte 0x0200501b)        /* srliw with shamt[5] set */
ILL(30, .4byte 0x1015a52f)        /* lr.w with rs2 != 0 */
ILL(31, .4byte 0x00200073)        /* uret */
ILL(32, .4byte 0xffffffff)

/* ---- SIGILL: CSRs a user program may not write or read ---- */
ILL(33, .4byte 0xc0001073)        /* unimp = csrrw x0, cycle, x0 */
CASE(34) la s1, trap_34; call report; li a1, 1; TRAP(34, .4byte 0xc005a573) /* csrrs a0, cycle, a1 */
ILL(35, .4byte 0xc020e573)        /* csrrsi a0, instret, 1 */
ILL(36, .4byte 0xc0051073)        /* csrw cycle, a0 */
ILL(37, .4byte 0xc0151573)        /* csrrw a0, time, a0 */
ILL(38, .4byte 0xc8002573)        /* csrr a0, cycleh: RV32 only */
ILL(39, .4byte 0x30002573)        /* csrr a0, mstatus */
ILL(40, .4byte 0x7c002573)        /* csrr a0, 0x7c0: no such CSR */
ILL(41, .4byte 0x10002573)        /* csrr a0, sstatus */
ILL(42, .4byte 0x30200073)        /* mret */
ILL(43, .4byte 0x10200073)        /* sret */
ILL(44, .4byte 0x10500073)        /* wfi */
ILL(45, .4byte 0x12000073)        /* sfence.vma */
ILL(46, .4byte 0x0000100b)        /* custom-0 */

/* ---- SIGTRAP ---- */
ILL(50, ebreak)
ILL(51, .2byte 0x9002)            /* c.ebreak */

/* ---- SIGBUS: misaligned AMO and LR; the address is the misaligned one ---- */
#define MIS(n, off, ...) CASE(n) la a1, mem; addi a1, a1, off; EXPECT(a1); li a2, 5; TRAP(n, __VA_ARGS__)
MIS(60, 2, amoadd.w a0, a2, (a1))
MIS(61, 2, amoswap.d a0, a2, (a1))
MIS(62, 2, lr.w a0, (a1))
MIS(63, 4, lr.d a0, (a1))
MIS(64, 6, amomaxu.d a0, a2, (a1))
MIS(65, 4, amoadd.d a0, a2, (a1))
MIS(66, 1, amoor.w a0, a2, (a1))
MIS(67, 3, amominu.w a0, a2, (a1))
/* sc.d with a reservation for its (4-aligned, not 8-aligned) address: it gets as far as the
 * access, which traps */
CASE(72) la a1, mem; addi a1, a1, 4; EXPECT(a1); lr.w a0, (a1); li a2, 5; TRAP(72, sc.d a0, a2, (a1))

/* ---- SIGSEGV: atomics on unmapped or read-only memory ---- */
#define AT(n, addr, ...) CASE(n) li a1, addr; EXPECT(a1); li a2, 5; TRAP(n, __VA_ARGS__)
AT(68, 0, amoadd.w a0, a2, (a1))
AT(69, 0, lr.d a0, (a1))
AT(70, G38, amoswap.d a0, a2, (a1))
CASE(71) la a1, _start; EXPECT(a1); li a2, 5; TRAP(71, amoswap.w a0, a2, (a1))

/* ---- SIGSEGV: loads and stores outside the mapped memory ---- */
AT(80, 0, ld a0, 0(a1))
AT(81, 0, sd a2, 0(a1))
AT(82, G38, lw a0, 0(a1))
AT(83, G38, sw a2, 0(a1))
AT(84, (1 << 39), ld a0, 0(a1))
AT(85, (1 << 47), ld a0, 0(a1))
AT(86, -8, ld a0, 0(a1))
AT(87, 0x8000000000000000, lbu a0, 0(a1))
AT(88, (G38 - 1), lb a0, 0(a1))
AT(89, (G38 - 4096), sd a2, 0(a1))
AT(90, 0, fld fa0, 0(a1))
AT(91, G38, fsw fa0, 0(a1))
AT(92, -4096, flw fa0, 0(a1))
/* compressed forms: the pc is that of the 2-byte instruction */
AT(93, 0, .2byte 0x6188)          /* c.ld a0, 0(a1) */
AT(94, G38, .2byte 0xc190)        /* c.sw a2, 0(a1) */
/* the base register plus an offset wraps to address 8 */
CASE(95) li a1, 8; EXPECT(a1); li a1, -8; TRAP(95, ld a0, 16(a1))

/* just past the brk: the page after the initial break */
CASE(96)
  li a0, 0
  li a7, SYS_brk
  ecall
  li t0, PAGE - 1
  add a0, a0, t0
  srli s2, a0, 12; slli s2, s2, 12
  EXPECT(s2)
  TRAP(96, lb a0, 0(s2))
/* after growing the break: its last byte works, the next page does not */
CASE(97)
  li a0, 0
  li a7, SYS_brk
  ecall
  li t0, 2 * PAGE + 100
  add a0, a0, t0
  mv s2, a0
  li a7, SYS_brk
  ecall
  bne a0, s2, usage
  li t0, 7
  sb t0, -1(s2)
  lb t1, -1(s2)
  bne t0, t1, usage
  li t0, PAGE - 1
  add s2, s2, t0
  srli s2, s2, 12; slli s2, s2, 12
  EXPECT(s2)
  TRAP(97, sw a0, 0(s2))

/* store to the (read-only) text */
CASE(98) la a1, _start; EXPECT(a1); TRAP(98, sw zero, 0(a1))
/* store to a read-only mapping, load from a PROT_NONE one */
CASE(99)
  MMAP(PAGE, PROT_R)
  mv s2, a0
  addi s1, s2, 8
  call report
  TRAP(99, sd zero, 8(s2))
CASE(100)
  MMAP(PAGE, PROT_NONE)
  mv s2, a0
  addi s1, s2, 16
  call report
  TRAP(100, lw a0, 16(s2))

/* a load in a loop (a cached, chained block) that faults on its third round: the pc is
 * that of the load, not of the block */
CASE(101)
  MMAP(2 * PAGE, PROT_RW)
  mv s2, a0
  li t0, PAGE
  add a0, s2, t0
  li a1, PAGE
  li a7, SYS_munmap
  ecall
  bnez a0, usage
  li t0, PAGE
  add s1, s2, t0
  call report
  mv a1, s2
  li a3, 0
1:addi a3, a3, 1
trap_101:
  ld a0, 0(a1)
  li t0, PAGE / 2
  add a1, a1, t0
  j 1b

/* ---- SIGSEGV on instruction fetch: pc and address are the target ---- */
#define JMP(n, addr) CASE(n) li s2, addr; EXPECT(s2); TRAP(n, jr s2)
JMP(110, 0)                       /* a null function pointer */
JMP(111, (1 << 37))               /* unmapped, inside the guest space */
JMP(112, G38)
JMP(113, -4096)
CASE(114) la s2, mem; EXPECT(s2); TRAP(114, jr s2)      /* .data: mapped, not executable */
CASE(115) addi s2, sp, -64; EXPECT(s2); TRAP(115, jr s2) /* the stack */
CASE(116)
  MMAP(PAGE, PROT_RW)
  mv s2, a0
  EXPECT(s2)
  TRAP(116, jr s2)
/* compressed jump, and a jal with a link */
CASE(117) li a1, 0x1000; EXPECT(a1); TRAP(117, .2byte 0x8582) /* c.jr a1 */
CASE(118) li s2, 0x1000; EXPECT(s2); TRAP(118, jalr s2)
/* running off the end of an executable page into an unmapped one */
CASE(119)
  MMAP(2 * PAGE, PROT_RWX)
  mv s2, a0
  li t0, PAGE
  add a0, s2, t0
  li a1, PAGE
  li a7, SYS_munmap
  ecall
  bnez a0, usage
  li t0, 0x00000013             /* nop */
  li t1, PAGE - 4
  add t1, t1, s2
  sw t0, 0(t1)
  fence.i
  li t0, PAGE
  add s1, s2, t0
  call report
  li t1, PAGE - 4
  add t1, t1, s2
  TRAP(119, jr t1)
/* a 4-byte instruction whose second half lies on an unmapped page: the pc is its start,
 * the address that of the half that cannot be fetched */
CASE(120)
  MMAP(2 * PAGE, PROT_RWX)
  mv s2, a0
  li t0, PAGE
  add a0, s2, t0
  li a1, PAGE
  li a7, SYS_munmap
  ecall
  bnez a0, usage
  li t0, 0x0513                 /* low half of addi a0, x0, 0 */
  li t1, PAGE - 2
  add t1, t1, s2
  sh t0, 0(t1)
  fence.i
  li t0, PAGE
  add s1, s2, t0
  call report
  li t1, PAGE - 2
  add t1, t1, s2
  TRAP(120, jr t1)

/* the same indirect call twice: first to a function, then (its target cached) to nowhere */
CASE(102)
  li s1, 0x3000
  call report
  la s2, ret_only
  li s3, 2
1:addi s3, s3, -1
  jalr s2
  li s2, 0x3000
  bnez s3, 1b
  j notrap
ret_only:
  ret
/* a straddling instruction whose second half lies on a mapped page without execute
 * permission; then a 2-byte instruction at the end of an executable page followed by such
 * a page (the fetch faults at the next page) */
#define RWX_THEN_RW                               \
  MMAP(2 * PAGE, PROT_RWX);                       \
  mv s2, a0;                                      \
  li t0, PAGE;                                    \
  add a0, s2, t0;                                 \
  li a1, PAGE;                                    \
  li a2, PROT_RW;                                 \
  li a7, SYS_mprotect;                            \
  ecall;                                          \
  bnez a0, usage
CASE(121)
  RWX_THEN_RW
  li t0, 0x0513                 /* low half of addi a0, x0, 0 */
  li t1, PAGE - 2
  add t1, t1, s2
  sh t0, 0(t1)
  fence.i
  li t0, PAGE
  add s1, s2, t0
  call report
  li t1, PAGE - 2
  add t1, t1, s2
  TRAP(121, jr t1)
CASE(122)
  RWX_THEN_RW
  li t0, 0x0001                 /* c.nop */
  li t1, PAGE - 2
  add t1, t1, s2
  sh t0, 0(t1)
  fence.i
  li t0, PAGE
  add s1, s2, t0
  call report
  li t1, PAGE - 2
  add t1, t1, s2
  TRAP(122, jr t1)

/* ---- not traps, as in qemu: sc fails before it accesses memory when there is no
 * reservation for its address, so a misaligned or unmapped sc sets rd = 1 quietly.
 * Exit 0 when so (and memory is unchanged), else the number of the failing check. */
CASE(130)
  la a1, mem
  li a2, -1
  lr.d a0, (a1)                 /* a reservation elsewhere does not help */
  addi a1, a1, 2
  sc.w a0, a2, (a1)
  li a3, 1
  li s1, 1
  bne a0, a3, exit_s1
  addi a1, a1, 2
  sc.d a0, a2, (a1)
  li s1, 2
  bne a0, a3, exit_s1
  la a1, mem
  ld a0, 0(a1)
  li s1, 3
  bnez a0, exit_s1
  ld a0, 8(a1)
  li s1, 4
  bnez a0, exit_s1
  li a0, 0
  j exit
CASE(131)
  li a1, 0
  li a2, 5
  sc.w a0, a2, (a1)
  li a3, 1
  li s1, 1
  bne a0, a3, exit_s1
  li a1, G38
  sc.d a0, a2, (a1)
  li s1, 2
  bne a0, a3, exit_s1
  li a0, 0
  j exit
exit_s1:
  mv a0, s1
  j exit

  .pushsection .rodata.cases, "a"
cases_end:
  .popsection

  .section .rodata
sigs:
  .byte 4, 5, 7, 11, 0
hexdigits:
  .ascii "0123456789abcdef"

  .data
  .balign 16
mem:
  .dword 0, 0
act:
  .dword handler, 4, 0          /* sa_handler, SA_SIGINFO, sa_mask */

  .bss
  .balign 16
hstack:
  .space 4096
hstack_top:

  .section .note.GNU-stack, "", @progbits
