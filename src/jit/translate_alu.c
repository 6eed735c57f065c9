/* Translator: the integer operations of RV64IM (ALU, shifts, comparisons, multiply and
 * divide with RISC-V's results for division by zero and overflow). */
#include <stddef.h>
#include <string.h>

#include "jit/translate.h"

/* x[rd] = x[rs1] OP x[rs2], 64-bit or 32-bit sign-extended (w = 32). */
void jit_alu_rr(jit_tr *t, const interp_op *op, enum x86_alu a, int w, bool commutative) {
  x86_buf *b = t->b;
  unsigned rd = op->rd, r1 = op->rs1, r2 = op->rs2;
  int d = jit_dreg(rd);
  if (HOST(rd) >= 0 && rd == r2 && rd != r1) {
    if (commutative) {
      r2 = r1;
      r1 = rd;
    } else {
      d = RAX;
    }
  }
  jit_load_into(t, d, r1);
  if (HOST(r2) >= 0)
    x86_alu_rr(b, a, w, d, HOST(r2));
  else if (r2 == 0)
    x86_alu_ri(b, a, w, d, 0);
  else
    x86_alu_rm(b, a, w, d, XR(r2));
  if (w == 32)
    x86_movsx_rr(b, 64, 32, d, d);
  jit_wb(t, rd, d);
}

/* x[rd] = x[rs1] OP imm */
void jit_alu_ri(jit_tr *t, const interp_op *op, enum x86_alu a, int w) {
  x86_buf *b = t->b;
  int d = jit_dreg(op->rd);
  int32_t imm = (int32_t)op->imm;
  if (a == X86_ADD && w == 32 && imm == 0) {   /* sext.w */
    x86_movsx_rr(b, 64, 32, d, jit_src(t, op->rs1, d));
    jit_wb(t, op->rd, d);
    return;
  }
  if (a == X86_ADD && HOST(op->rs1) >= 0 && HOST(op->rs1) != d) {
    x86_lea(b, w, d, x86_m(HOST(op->rs1), imm));
  } else {
    jit_load_into(t, d, op->rs1);
    if (imm || w == 32 || a == X86_AND)
      x86_alu_ri(b, a, w, d, imm);
  }
  if (w == 32)
    x86_movsx_rr(b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

/* x[rd] = x[rs1] <cc x[rs2] (or imm) as 0/1 */
void jit_set_less(jit_tr *t, const interp_op *op, enum x86_cc cc, bool use_imm) {
  x86_buf *b = t->b;
  int s1 = jit_src(t, op->rs1, RAX);
  x86_alu_rr(b, X86_XOR, 32, RCX, RCX);
  if (use_imm)
    x86_alu_ri(b, X86_CMP, 64, s1, (int32_t)op->imm);
  else if (HOST(op->rs2) >= 0)
    x86_alu_rr(b, X86_CMP, 64, s1, HOST(op->rs2));
  else
    x86_alu_rm(b, X86_CMP, 64, s1, XR(op->rs2));
  x86_setcc(b, cc, RCX);
  jit_wb(t, op->rd, RCX);
}

void jit_shift_imm(jit_tr *t, const interp_op *op, enum x86_shift s, int w) {
  int d = jit_dreg(op->rd);
  jit_load_into(t, d, op->rs1);
  x86_shift_ri(t->b, s, w, d, (uint8_t)op->imm);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

/* x86 masks the count to 6 (64-bit) or 5 (32-bit) bits, as RISC-V does. */
void jit_shift_reg(jit_tr *t, const interp_op *op, enum x86_shift s, int w) {
  jit_load_into(t, RCX, op->rs2);
  int d = jit_dreg(op->rd);
  jit_load_into(t, d, op->rs1);
  x86_shift_cl(t->b, s, w, d);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

void jit_mul(jit_tr *t, const interp_op *op, int w) {
  x86_buf *b = t->b;
  unsigned rd = op->rd, r1 = op->rs1, r2 = op->rs2;
  if (HOST(rd) >= 0 && rd == r2) {
    r2 = r1;
    r1 = rd;
  }
  int d = jit_dreg(rd);
  jit_load_into(t, d, r1);
  if (HOST(r2) >= 0)
    x86_imul_rr(b, w, d, HOST(r2));
  else
    x86_imul_rm(b, w, d, XR(r2));
  if (w == 32)
    x86_movsx_rr(b, 64, 32, d, d);
  jit_wb(t, rd, d);
}

/* mulh, mulhu, mulhsu: the high half of the 128-bit product. */
void jit_mul_high(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  jit_load_into(t, RAX, op->rs1);
  int s2 = jit_src(t, op->rs2, RCX);
  x86_unary(b, hid == H_mulh ? X86_IMUL1 : X86_MUL, 64, s2);
  if (hid == H_mulhsu) {   /* signed a * unsigned b = unsigned product - (a < 0 ? b << 64 : 0) */
    jit_load_into(t, RAX, op->rs1);
    x86_shift_ri(b, X86_SAR, 64, RAX, 63);
    x86_alu_rr(b, X86_AND, 64, RAX, s2);
    x86_alu_rr(b, X86_SUB, 64, RDX, RAX);
  }
  jit_wb(t, op->rd, RDX);
}

/* div/divu/rem/remu and their W forms, with RISC-V's results for a zero divisor (quotient all
 * ones, remainder the dividend) and for the signed overflow MIN / -1 (quotient MIN,
 * remainder 0), where x86 would raise #DE. */
void jit_divide(jit_tr *t, const interp_op *op, bool is_signed, bool is_rem, int w) {
  x86_buf *b = t->b;
  jit_load_into(t, RAX, op->rs1);
  jit_load_into(t, RCX, op->rs2);
  x86_test_rr(b, w, RCX, RCX);
  uint8_t *zero = x86_jcc8(b, X86_CC_E, NULL);
  uint8_t *minus1 = NULL;
  if (is_signed) {
    x86_alu_ri(b, X86_CMP, w, RCX, -1);
    minus1 = x86_jcc8(b, X86_CC_E, NULL);
    if (w == 64)
      x86_cqo(b);
    else
      x86_cdq(b);
    x86_unary(b, X86_IDIV, w, RCX);
  } else if (w == 64) {
    /* 64-bit division is several times slower than 32-bit on many x86 cores: when both
     * operands fit in 32 bits (the common case), divide those. */
    x86_mov_rr(b, 64, RDX, RAX);
    x86_alu_rr(b, X86_OR, 64, RDX, RCX);
    x86_shift_ri(b, X86_SHR, 64, RDX, 32);
    uint8_t *wide = x86_jcc8(b, X86_CC_NE, NULL);
    x86_unary(b, X86_DIV, 32, RCX);   /* edx is 0 */
    uint8_t *narrow_done = x86_jmp8(b, NULL);
    if (!b->overflow)
      x86_patch_rel8(wide, b->p);
    x86_alu_rr(b, X86_XOR, 32, RDX, RDX);
    x86_unary(b, X86_DIV, 64, RCX);
    if (!b->overflow)
      x86_patch_rel8(narrow_done, b->p);
  } else {
    x86_alu_rr(b, X86_XOR, 32, RDX, RDX);
    x86_unary(b, X86_DIV, w, RCX);
  }
  if (is_rem)
    x86_mov_rr(b, 64, RAX, RDX);
  uint8_t *done1 = x86_jmp8(b, NULL);
  uint8_t *done2 = NULL;
  if (is_signed) {   /* x / -1 = -x (MIN stays MIN), x % -1 = 0 */
    if (!b->overflow)
      x86_patch_rel8(minus1, b->p);
    if (is_rem)
      x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
    else
      x86_unary(b, X86_NEG, w, RAX);
    done2 = x86_jmp8(b, NULL);
  }
  if (!b->overflow)
    x86_patch_rel8(zero, b->p);
  if (!is_rem)   /* x / 0 = all ones; x % 0 = x (already in rax) */
    x86_mov_ri(b, RAX, w == 64 ? UINT64_MAX : UINT32_MAX);
  if (!b->overflow) {
    x86_patch_rel8(done1, b->p);
    if (done2)
      x86_patch_rel8(done2, b->p);
  }
  if (w == 32)
    x86_movsx_rr(b, 64, 32, RAX, RAX);
  jit_wb(t, op->rd, RAX);
}

