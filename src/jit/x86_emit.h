/* x86-64 machine code emitter: the instruction forms the translator needs, each one function
 * that appends its encoding to a buffer. Operand widths are in bits (8, 16, 32, 64). Checked
 * by tests/unit/test_jit_emit.c, which decodes every form with Zydis. */
#ifndef RVX_JIT_X86_EMIT_H
#define RVX_JIT_X86_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum x86_reg {
  X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
  X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
  X86_NOREG = -1,
  X86_RIP = -2,   /* as a memory base: rip-relative (disp from the next instruction) */
};

/* Condition codes, in encoding order. */
enum x86_cc {
  X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
  X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
};

/* The eight classic ALU operations (their /digit in the 0x80..0x83 group). */
enum x86_alu { X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP };
/* Shifts and rotates (/digit of the 0xc1 / 0xd3 group). */
enum x86_shift { X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7 };
/* One-operand group 3 (0xf7 /digit). */
enum x86_unop { X86_NOT = 2, X86_NEG = 3, X86_MUL = 4, X86_IMUL1 = 5, X86_DIV = 6, X86_IDIV = 7 };

/* A memory operand [base + index*scale + disp]; base may be X86_NOREG or X86_RIP, index
 * X86_NOREG (never rsp). */
typedef struct x86_mem {
  int8_t base, index;
  uint8_t scale;   /* 1, 2, 4, 8 */
  int32_t disp;
} x86_mem;

static inline x86_mem x86_m(int base, int32_t disp) {
  return (x86_mem){ (int8_t)base, X86_NOREG, 1, disp };
}
static inline x86_mem x86_mi(int base, int index, unsigned scale, int32_t disp) {
  return (x86_mem){ (int8_t)base, (int8_t)index, (uint8_t)scale, disp };
}

/* The output: code goes to p, which never passes end (an overflow only sets the flag, and
 * the caller throws the translation away). */
typedef struct x86_buf {
  uint8_t *start, *p, *end;
  bool overflow;
} x86_buf;

static inline void x86_init(x86_buf *b, uint8_t *mem, size_t size) {
  b->start = b->p = mem;
  b->end = mem + size;
  b->overflow = false;
}
static inline size_t x86_size(const x86_buf *b) { return (size_t)(b->p - b->start); }

void x86_byte(x86_buf *b, uint8_t v);
void x86_u32(x86_buf *b, uint32_t v);

/* Moves. */
void x86_mov_rr(x86_buf *b, int w, int dst, int src);
void x86_mov_ri(x86_buf *b, int dst, uint64_t imm);         /* 64-bit dst, shortest form */
void x86_mov_ri64(x86_buf *b, int dst, uint64_t imm);       /* always movabs (10 bytes) */
void x86_load(x86_buf *b, int w, int dst, x86_mem m);       /* mov reg, [m] */
void x86_store(x86_buf *b, int w, x86_mem m, int src);      /* mov [m], reg */
void x86_store_imm(x86_buf *b, int w, x86_mem m, int32_t imm);  /* mov [m], imm (sext) */
/* movzx / movsx of an 8- or 16-bit source to a 32- or 64-bit register; movsxd for 32. */
void x86_movzx_rr(x86_buf *b, int dw, int sw, int dst, int src);
void x86_movsx_rr(x86_buf *b, int dw, int sw, int dst, int src);
void x86_movzx_rm(x86_buf *b, int dw, int sw, int dst, x86_mem m);
void x86_movsx_rm(x86_buf *b, int dw, int sw, int dst, x86_mem m);
void x86_lea(x86_buf *b, int w, int dst, x86_mem m);

/* ALU. */
void x86_alu_rr(x86_buf *b, enum x86_alu op, int w, int dst, int src);
void x86_alu_ri(x86_buf *b, enum x86_alu op, int w, int dst, int32_t imm);
void x86_alu_rm(x86_buf *b, enum x86_alu op, int w, int dst, x86_mem m);  /* op reg, [m] */
void x86_alu_mr(x86_buf *b, enum x86_alu op, int w, x86_mem m, int src);  /* op [m], reg */
void x86_alu_mi(x86_buf *b, enum x86_alu op, int w, x86_mem m, int32_t imm);
void x86_test_rr(x86_buf *b, int w, int a, int c);
void x86_test_ri(x86_buf *b, int w, int r, int32_t imm);
void x86_shift_cl(x86_buf *b, enum x86_shift op, int w, int r);
void x86_shift_ri(x86_buf *b, enum x86_shift op, int w, int r, uint8_t imm);
void x86_imul_rr(x86_buf *b, int w, int dst, int src);
void x86_imul_rm(x86_buf *b, int w, int dst, x86_mem m);
void x86_unary(x86_buf *b, enum x86_unop op, int w, int r);
void x86_cqo(x86_buf *b);   /* rdx:rax = sext(rax) */
void x86_cdq(x86_buf *b);   /* edx:eax = sext(eax) */

/* Conditions. */
void x86_setcc(x86_buf *b, enum x86_cc cc, int r);     /* 8-bit register */
void x86_cmov_rr(x86_buf *b, enum x86_cc cc, int w, int dst, int src);

/* Control flow. The rel forms return the address of their 32- or 8-bit displacement, to be
 * filled in by x86_patch_rel32 / x86_patch_rel8 once the target is known (target NULL). */
uint8_t *x86_jcc(x86_buf *b, enum x86_cc cc, const uint8_t *target);
uint8_t *x86_jcc8(x86_buf *b, enum x86_cc cc, const uint8_t *target);
uint8_t *x86_jmp(x86_buf *b, const uint8_t *target);
uint8_t *x86_jmp8(x86_buf *b, const uint8_t *target);
uint8_t *x86_call(x86_buf *b, const uint8_t *target);
void x86_jmp_r(x86_buf *b, int r);
void x86_call_r(x86_buf *b, int r);
void x86_jmp_m(x86_buf *b, x86_mem m);
void x86_call_m(x86_buf *b, x86_mem m);
void x86_patch_rel32(uint8_t *disp, const uint8_t *target);
void x86_patch_rel8(uint8_t *disp, const uint8_t *target);
/* Whether a rel32 from `from` (the end of the instruction) reaches target. */
bool x86_rel32_ok(const uint8_t *from, const uint8_t *target);
void x86_push(x86_buf *b, int r);
void x86_pop(x86_buf *b, int r);
void x86_ret(x86_buf *b);
void x86_ret_imm(x86_buf *b, uint16_t n);   /* ret n: pops n more bytes after the address */
void x86_push_imm(x86_buf *b, int32_t imm); /* push imm32 (sign-extended to 64 bits) */
void x86_ud2(x86_buf *b);
void x86_nop(x86_buf *b, unsigned n);   /* n bytes of (multi-byte) nops */

/* SSE scalar: op is the second opcode byte after 0x0f (0x58 add, 0x59 mul, 0x5c sub, 0x5e
 * div, 0x51 sqrt, 0x5d min, 0x5f max, 0x2e ucomis, 0x2f comis, 0x10 load-move); dbl picks
 * the sd (f2 / 66 for comis) or ss (f3 / none) form. Registers are xmm numbers. */
void x86_sse_rr(x86_buf *b, bool dbl, uint8_t op, int xdst, int xsrc);
void x86_sse_rm(x86_buf *b, bool dbl, uint8_t op, int xdst, x86_mem m);
void x86_movsd_load(x86_buf *b, bool dbl, int xdst, x86_mem m);   /* movsd/movss xmm, [m] */
void x86_movsd_store(x86_buf *b, bool dbl, x86_mem m, int xsrc);  /* movsd/movss [m], xmm */
void x86_movq_xr(x86_buf *b, int w, int xdst, int src);   /* movq/movd xmm, gpr */
void x86_movq_rx(x86_buf *b, int w, int dst, int xsrc);   /* movq/movd gpr, xmm */
/* The SSE forms with a general-purpose operand or result, w 32 or 64 (REX.W): cvtsi2sd/ss
 * (0x2a: xmm <- gpr/mem), cvttsd2si/ss (0x2c) and cvtsd2si/ss (0x2d: gpr <- xmm/mem). reg is
 * the ModRM reg operand (the destination), rm a register (xmm or gpr as the form says). */
void x86_sse_rr_w(x86_buf *b, bool dbl, uint8_t op, int w, int reg, int rm);
void x86_sse_rm_w(x86_buf *b, bool dbl, uint8_t op, int w, int reg, x86_mem m);
void x86_stmxcsr(x86_buf *b, x86_mem m);
void x86_ldmxcsr(x86_buf *b, x86_mem m);

#endif
