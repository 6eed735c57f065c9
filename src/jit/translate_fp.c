/* Translator: the common F and D computations inline on the host SSE unit, with the exact
 * RISC-V results and flags; everything else calls the interpreter's fpu_<id> (fp_helpers.c).
 *
 * Flags: inline SSE instructions leave their exceptions sticky in MXCSR. The dispatcher makes
 * MXCSR's flags a subset of cpu->fflags before entering translated code (fpu_mxcsr_enter)
 * and ORs them into cpu->fflags after (and before any helper call, which may reload MXCSR;
 * and at traps), so the accrued flags are exactly what the guest raised. x86 detects
 * tininess after rounding, as RISC-V does; DE (denormal operand) is dropped. MXCSR stays in
 * round-to-nearest: only rm = RNE, or DYN while frm is RNE (checked inline), runs here; the
 * other modes take the helper.
 *
 * NaNs: x86 returns an operand's NaN or its own default NaN (negative); RISC-V returns the
 * canonical NaN: a NaN result (ucomis with itself: PF) is replaced in cold code. Singles must
 * be NaN-boxed: an operand whose upper half is not all ones takes the helper (which reads it
 * as the canonical NaN). min/max of NaNs or of equal values (±0) take the helper; float to
 * integer conversions whose result is the x86 "indefinite" value (out of range, NaN, or the
 * most negative integer itself) take the helper, which saturates as RISC-V does. */
#include <stddef.h>
#include <string.h>

#include "jit/jit_internal.h"

#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define FR_HI(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r) + 4))
#define FRM x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, frm))

enum { RAX = X86_RAX, RCX = X86_RCX };
enum { SSE_ADD = 0x58, SSE_MUL = 0x59, SSE_SUB = 0x5c, SSE_DIV = 0x5e, SSE_SQRT = 0x51,
       SSE_MIN = 0x5d, SSE_MAX = 0x5f, SSE_UCOMI = 0x2e, SSE_COMI = 0x2f, SSE_CVT_SD = 0x5a,
       SSE_CVTSI = 0x2a, SSE_CVTT = 0x2c, SSE_CVT = 0x2d };

static void slow(jit_tr *t, const interp_op *op, enum x86_cc cc) {
  jit_cold_at(t, x86_jcc(t->b, cc, NULL), JIT_COLD_HELPER, op, op->pc);
}

/* Whether op's rounding mode runs inline: RNE, or DYN with frm checked to be RNE. */
static bool rm_inline(jit_tr *t, const interp_op *op) {
  if (op->rm == 0)
    return true;
  if (op->rm != 7)
    return false;
  x86_alu_mi(t->b, X86_CMP, 32, FRM, 0);
  slow(t, op, X86_CC_NE);
  return true;
}

/* A single operand that is not NaN-boxed takes the helper. */
static void boxed(jit_tr *t, const interp_op *op, unsigned r) {
  x86_alu_mi(t->b, X86_CMP, 32, FR_HI(r), -1);
  slow(t, op, X86_CC_NE);
}

/* xmm0 = the canonical NaN if it holds a NaN. */
static void canon(jit_tr *t, bool dbl) {
  x86_sse_rr(t->b, dbl, SSE_UCOMI, 0, 0);
  unsigned k = t->n_colds;
  jit_cold_at(t, x86_jcc(t->b, X86_CC_P, NULL), dbl ? JIT_COLD_CANON_D : JIT_COLD_CANON_S,
              NULL, 0);
  t->colds[k].resume = t->b->p;
}

/* f[rd] = xmm0 (NaN-boxed for a single) */
static void put_f(jit_tr *t, bool dbl, unsigned rd) {
  x86_movsd_store(t->b, dbl, FR(rd), 0);
  if (!dbl)
    x86_store_imm(t->b, 32, FR_HI(rd), -1);
}

/* The helper paths of this op resume after its inline code. */
static void done(jit_tr *t, unsigned first_cold) {
  for (unsigned i = first_cold; i < t->n_colds; i++)
    if (t->colds[i].kind == JIT_COLD_HELPER)
      t->colds[i].resume = t->b->p;
}

/* f[rd] = f[rs1] op f[rs2] (sqrt: of f[rs1]) */
static bool arith(jit_tr *t, const interp_op *op, bool dbl, uint8_t sse) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!rm_inline(t, op))
    return false;
  if (!dbl) {
    boxed(t, op, op->rs1);
    if (sse != SSE_SQRT)
      boxed(t, op, op->rs2);
  }
  if (sse == SSE_SQRT) {
    x86_sse_rm(b, dbl, SSE_SQRT, 0, FR(op->rs1));
  } else {
    x86_movsd_load(b, dbl, 0, FR(op->rs1));
    x86_sse_rm(b, dbl, sse, 0, FR(op->rs2));
  }
  canon(t, dbl);
  put_f(t, dbl, op->rd);
  done(t, c0);
  return true;
}

/* fmin/fmax: the x86 instruction when the operands are ordered and different. */
static bool min_max(jit_tr *t, const interp_op *op, bool dbl, uint8_t sse) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
  }
  x86_movsd_load(b, dbl, 0, FR(op->rs1));
  x86_movsd_load(b, dbl, 1, FR(op->rs2));
  x86_sse_rr(b, dbl, SSE_UCOMI, 0, 1);
  slow(t, op, X86_CC_P);
  slow(t, op, X86_CC_E);
  x86_sse_rr(b, dbl, sse, 0, 1);
  put_f(t, dbl, op->rd);
  done(t, c0);
  return true;
}

/* feq (quiet: ucomis raises invalid only for a signalling NaN), flt and fle (comis: for any
 * NaN), as RISC-V specifies. Unordered operands give 0. */
static bool compare(jit_tr *t, const interp_op *op, bool dbl, int kind) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
  }
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  if (kind == 0) {   /* a == b: ZF and not PF */
    x86_alu_rr(b, X86_XOR, 32, RCX, RCX);
    x86_movsd_load(b, dbl, 0, FR(op->rs1));
    x86_sse_rm(b, dbl, SSE_UCOMI, 0, FR(op->rs2));
    x86_setcc(b, X86_CC_E, RAX);
    x86_setcc(b, X86_CC_NP, RCX);
    x86_alu_rr(b, X86_AND, 32, RAX, RCX);
  } else {           /* a < b as b > a, a <= b as b >= a: CF clear (unordered sets it) */
    x86_movsd_load(b, dbl, 0, FR(op->rs2));
    x86_sse_rm(b, dbl, SSE_COMI, 0, FR(op->rs1));
    x86_setcc(b, kind == 1 ? X86_CC_A : X86_CC_AE, RAX);
  }
  jit_wb(t, op->rd, RAX);
  done(t, c0);
  return true;
}

/* fcvt.w/l.s/d: truncating (rtz) or in MXCSR's mode (RNE); the result 1 << (w-1) may be the
 * x86 indefinite value and takes the helper ("cmp r, 1" overflows exactly for it). */
static bool to_int(jit_tr *t, const interp_op *op, bool dbl, int w) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  uint8_t sse = SSE_CVT;
  if (op->rm == 1)
    sse = SSE_CVTT;
  else if (!rm_inline(t, op))
    return false;
  if (!dbl)
    boxed(t, op, op->rs1);
  x86_sse_rm_w(b, dbl, sse, w, RAX, FR(op->rs1));
  x86_alu_ri(b, X86_CMP, w, RAX, 1);
  slow(t, op, X86_CC_O);
  if (w == 32)
    x86_movsx_rr(b, 64, 32, RAX, RAX);
  jit_wb(t, op->rd, RAX);
  done(t, c0);
  return true;
}

/* fcvt.s/d.w/wu/l: x[rs1] to FP (exact, or rounded in MXCSR's mode) */
static bool from_int(jit_tr *t, const interp_op *op, bool dbl, int w, bool is_unsigned) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!rm_inline(t, op))
    return false;
  int s = jit_src(t, op->rs1, RAX);
  if (is_unsigned) {   /* a 32-bit unsigned value is a non-negative 64-bit one */
    x86_mov_rr(b, 32, RAX, s);
    s = RAX;
    w = 64;
  }
  x86_sse_rr_w(b, dbl, SSE_CVTSI, w, 0, s);
  put_f(t, dbl, op->rd);
  done(t, c0);
  return true;
}

/* fcvt.s.d (rounds) and fcvt.d.s (exact): invalid for a signalling NaN, as on x86. */
static bool convert_fp(jit_tr *t, const interp_op *op, bool to_dbl) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!rm_inline(t, op))
    return false;
  if (to_dbl)
    boxed(t, op, op->rs1);
  x86_sse_rm(b, !to_dbl, SSE_CVT_SD, 0, FR(op->rs1));
  canon(t, to_dbl);
  put_f(t, to_dbl, op->rd);
  done(t, c0);
  return true;
}

/* fsgnj/fsgnjn/fsgnjx (kind 0, 1, 2) as integer code; fmv/fneg/fabs when rs1 == rs2. */
static bool sign_inject(jit_tr *t, const interp_op *op, bool dbl, int kind) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  int w = dbl ? 64 : 32;
  uint8_t top = (uint8_t)(w - 1);
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
  }
  x86_load(b, w, RAX, FR(op->rs1));
  if (!(kind == 0 && op->rs1 == op->rs2)) {
    x86_load(b, w, RCX, FR(op->rs2));
    if (kind == 1)
      x86_unary(b, X86_NOT, w, RCX);
    x86_shift_ri(b, X86_SHR, w, RCX, top);   /* rcx = the sign bit alone */
    x86_shift_ri(b, X86_SHL, w, RCX, top);
    if (kind != 2) {                          /* clear rax's sign */
      x86_shift_ri(b, X86_SHL, w, RAX, 1);
      x86_shift_ri(b, X86_SHR, w, RAX, 1);
      x86_alu_rr(b, X86_OR, w, RAX, RCX);
    } else {
      x86_alu_rr(b, X86_XOR, w, RAX, RCX);
    }
  }
  x86_store(b, w, FR(op->rd), RAX);
  if (!dbl)
    x86_store_imm(b, 32, FR_HI(op->rd), -1);
  done(t, c0);
  return true;
}

/* ---- fflags, frm, fcsr ---- */

enum { CSR_FFLAGS = 1, CSR_FRM = 2, CSR_FCSR = 3 };
#define FFLAGS x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, fflags))

bool jit_csr_inline(const interp_op *op) {
  unsigned csr = (unsigned)(op->imm & 0xfff);
  return csr >= CSR_FFLAGS && csr <= CSR_FCSR;
}

/* rip-relative operand to a fixed-area constant */
static x86_mem rip_to(jit_tr *t, const uint8_t *target, unsigned insn_tail) {
  (void)t;
  (void)insn_tail;
  return x86_m(X86_RIP, (int32_t)(intptr_t)target);   /* fixed up by rip_fix */
}
static void rip_fix(jit_tr *t, const uint8_t *target) {
  if (!t->b->overflow) {
    int32_t d = (int32_t)(target - t->b->p);
    memcpy(t->b->p - 4, &d, 4);
  }
}

/* csrrw/csrrs/csrrc (and the immediate forms) on the FP CSRs, as csr.c has them: reading
 * fflags folds MXCSR's sticky flags into cpu->fflags first; writing it also clears MXCSR's,
 * which must stay a subset of cpu->fflags. The red zone below rsp is the scratch for
 * stmxcsr (the return stack may be in use at [rsp]). */
/* eax = cpu->fflags |= the flags in MXCSR (clobbers rdx) */
static void fold_flags(jit_tr *t) {
  x86_buf *b = t->b;
  x86_stmxcsr(b, x86_m(X86_RSP, -8));
  x86_load(b, 32, RAX, x86_m(X86_RSP, -8));
  x86_alu_ri(b, X86_AND, 32, RAX, 63);
  x86_lea(b, 64, X86_RDX, rip_to(t, jit_fx.flags, 0));
  rip_fix(t, jit_fx.flags);
  x86_movzx_rm(b, 32, 8, RAX, x86_mi(X86_RDX, RAX, 1, 0));
  x86_alu_rm(b, X86_OR, 32, RAX, FFLAGS);
  x86_store(b, 32, FFLAGS, RAX);
}

bool jit_emit_quiet_cmp(jit_tr *t, const interp_op *ops, unsigned n_left) {
  if (n_left < 3)
    return false;
  const interp_op *rd = &ops[0], *cmp = &ops[1], *wr = &ops[2];
  unsigned c = cmp->hid;
  if (rd->hid != H_csrrs || (rd->imm & 0xfff) != CSR_FFLAGS || rd->rs1 != 0 ||
      rd->rd == CPU_XSINK || (c != H_flt_d && c != H_fle_d && c != H_feq_d) ||
      cmp->rd == rd->rd || wr->hid != H_csrrw || (wr->imm & 0xfff) != CSR_FFLAGS ||
      wr->rs1 != rd->rd || wr->rd != CPU_XSINK)
    return false;
  x86_buf *b = t->b;
  fold_flags(t);   /* rX = the flags; writing them back changes nothing */
  jit_wb(t, rd->rd, RAX);
  x86_alu_rr(b, X86_XOR, 32, RCX, RCX);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  /* ucomis: ordered operands raise nothing, so MXCSR's flags stay in fflags; unordered ones
   * (a signalling NaN may raise invalid) clear MXCSR, as the fsflags would. */
  if (c == H_feq_d) {
    x86_movsd_load(b, true, 0, FR(cmp->rs1));
    x86_sse_rm(b, true, SSE_UCOMI, 0, FR(cmp->rs2));
  } else {
    x86_movsd_load(b, true, 0, FR(cmp->rs2));
    x86_sse_rm(b, true, SSE_UCOMI, 0, FR(cmp->rs1));
  }
  unsigned k = t->n_colds;
  jit_cold_at(t, x86_jcc(b, X86_CC_P, NULL), JIT_COLD_CLEAR_MXCSR, NULL, 0);
  t->colds[k].resume = b->p;
  if (c == H_feq_d) {
    x86_setcc(b, X86_CC_E, RAX);
    x86_setcc(b, X86_CC_NP, RCX);
    x86_alu_rr(b, X86_AND, 32, RAX, RCX);
  } else {
    x86_setcc(b, c == H_flt_d ? X86_CC_A : X86_CC_AE, RAX);
  }
  jit_wb(t, cmp->rd, RAX);
  return true;
}

bool jit_emit_csr(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  unsigned csr = (unsigned)(op->imm & 0xfff);
  bool imm_form = hid == H_csrrwi || hid == H_csrrsi || hid == H_csrrci;
  bool is_w = hid == H_csrrw || hid == H_csrrwi;
  bool is_s = hid == H_csrrs || hid == H_csrrsi;
  bool writes = is_w || op->rs1 != 0;
  if (imm_form)
    x86_mov_ri(b, RCX, op->rs1);
  else
    x86_mov_rr(b, 64, RCX, jit_src(t, op->rs1, RCX));
  if (csr != CSR_FRM) {
    fold_flags(t);
    x86_alu_ri(b, X86_AND, 32, RAX, 0x1f);
  }
  if (csr != CSR_FFLAGS) {
    x86_load(b, 32, X86_RDX, FRM);
    x86_alu_ri(b, X86_AND, 32, X86_RDX, 7);
    if (csr == CSR_FRM) {
      x86_mov_rr(b, 32, RAX, X86_RDX);
    } else {
      x86_shift_ri(b, X86_SHL, 32, X86_RDX, 5);
      x86_alu_rr(b, X86_OR, 32, RAX, X86_RDX);
    }
  }
  if (writes) {
    if (is_s) {
      x86_alu_rr(b, X86_OR, 64, RCX, RAX);
    } else if (!is_w) {
      x86_unary(b, X86_NOT, 64, RCX);
      x86_alu_rr(b, X86_AND, 64, RCX, RAX);
    }
    if (csr != CSR_FFLAGS) {
      x86_mov_rr(b, 32, X86_RDX, RCX);
      if (csr == CSR_FCSR)
        x86_shift_ri(b, X86_SHR, 32, X86_RDX, 5);
      x86_alu_ri(b, X86_AND, 32, X86_RDX, 7);
      x86_store(b, 32, FRM, X86_RDX);
    }
    if (csr != CSR_FRM) {
      x86_alu_ri(b, X86_AND, 32, RCX, 0x1f);
      x86_store(b, 32, FFLAGS, RCX);
      x86_ldmxcsr(b, rip_to(t, jit_fx.mxcsr, 0));
      rip_fix(t, jit_fx.mxcsr);
    }
  }
  jit_wb(t, op->rd, RAX);
  return true;
}

bool jit_emit_fp(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  switch (hid) {
  case H_fadd_d: return arith(t, op, true, SSE_ADD);
  case H_fsub_d: return arith(t, op, true, SSE_SUB);
  case H_fmul_d: return arith(t, op, true, SSE_MUL);
  case H_fdiv_d: return arith(t, op, true, SSE_DIV);
  case H_fsqrt_d: return arith(t, op, true, SSE_SQRT);
  case H_fadd_s: return arith(t, op, false, SSE_ADD);
  case H_fsub_s: return arith(t, op, false, SSE_SUB);
  case H_fmul_s: return arith(t, op, false, SSE_MUL);
  case H_fdiv_s: return arith(t, op, false, SSE_DIV);
  case H_fsqrt_s: return arith(t, op, false, SSE_SQRT);
  case H_fmin_d: return min_max(t, op, true, SSE_MIN);
  case H_fmax_d: return min_max(t, op, true, SSE_MAX);
  case H_fmin_s: return min_max(t, op, false, SSE_MIN);
  case H_fmax_s: return min_max(t, op, false, SSE_MAX);
  case H_feq_d: return compare(t, op, true, 0);
  case H_flt_d: return compare(t, op, true, 1);
  case H_fle_d: return compare(t, op, true, 2);
  case H_feq_s: return compare(t, op, false, 0);
  case H_flt_s: return compare(t, op, false, 1);
  case H_fle_s: return compare(t, op, false, 2);
  case H_fcvt_w_d: return to_int(t, op, true, 32);
  case H_fcvt_l_d: return to_int(t, op, true, 64);
  case H_fcvt_w_s: return to_int(t, op, false, 32);
  case H_fcvt_l_s: return to_int(t, op, false, 64);
  case H_fcvt_d_w: return from_int(t, op, true, 32, false);
  case H_fcvt_d_wu: return from_int(t, op, true, 32, true);
  case H_fcvt_d_l: return from_int(t, op, true, 64, false);
  case H_fcvt_s_w: return from_int(t, op, false, 32, false);
  case H_fcvt_s_wu: return from_int(t, op, false, 32, true);
  case H_fcvt_s_l: return from_int(t, op, false, 64, false);
  case H_fcvt_s_d: return convert_fp(t, op, false);
  case H_fcvt_d_s: return convert_fp(t, op, true);
  case H_fsgnj_d: return sign_inject(t, op, true, 0);
  case H_fsgnjn_d: return sign_inject(t, op, true, 1);
  case H_fsgnjx_d: return sign_inject(t, op, true, 2);
  case H_fsgnj_s: return sign_inject(t, op, false, 0);
  case H_fsgnjn_s: return sign_inject(t, op, false, 1);
  case H_fsgnjx_s: return sign_inject(t, op, false, 2);
  case H_fmv_x_d: {
    int d = jit_dreg(op->rd);
    x86_load(b, 64, d, FR(op->rs1));
    jit_wb(t, op->rd, d);
    return true;
  }
  case H_fmv_x_w: {
    int d = jit_dreg(op->rd);
    x86_movsx_rm(b, 64, 32, d, FR(op->rs1));
    jit_wb(t, op->rd, d);
    return true;
  }
  case H_fmv_d_x:
    x86_store(b, 64, FR(op->rd), jit_src(t, op->rs1, RAX));
    return true;
  case H_fmv_w_x:
    x86_store(b, 32, FR(op->rd), jit_src(t, op->rs1, RAX));
    x86_store_imm(b, 32, FR_HI(op->rd), -1);
    return true;
  default:
    return false;
  }
}
