/* Translator: the F and D instructions inline on the host SSE unit (FMA3 when the host has
 * it), with the exact RISC-V results and flags, on guest f registers kept in xmm registers
 * (fp_cache.c); what has no inline form calls the interpreter's fpu_<id> (fp_helpers.c).
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
 * as the canonical NaN); a register last written by a single instruction is known boxed.
 * min/max of NaNs or of equal values (±0) take the helper; float to integer conversions
 * whose result is the x86 "indefinite" value (out of range, NaN, or the most negative
 * integer itself) take the helper, which saturates as RISC-V does. A fused multiply-add with
 * a NaN result takes the helper too (RISC-V raises invalid for inf * 0 + qNaN, x86 need
 * not; the helper's flags include the inline instruction's). */
#include <stddef.h>
#include <string.h>

#include "interp/fpu.h"
#include "jit/fp_internal.h"
#include "util/options.h"

#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define FR_HI(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r) + 4))
#define FRM x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, frm))
#define GMEM x86_mi(JIT_MEM, X86_RAX, 1, 0)

enum { RAX = X86_RAX, RCX = X86_RCX };
enum { SSE_ADD = 0x58, SSE_MUL = 0x59, SSE_SUB = 0x5c, SSE_DIV = 0x5e, SSE_SQRT = 0x51,
       SSE_MIN = 0x5d, SSE_MAX = 0x5f, SSE_UCOMI = 0x2e, SSE_COMI = 0x2f, SSE_CVT_SD = 0x5a,
       SSE_CVTSI = 0x2a, SSE_CVTT = 0x2c, SSE_CVT = 0x2d };

static void slow(jit_tr *t, const interp_op *op, enum x86_cc cc) {
  fp_slow(t, op, x86_jcc(t->b, cc, NULL));
}

/* Whether op's rounding mode runs inline: RNE, or DYN with frm RNE. frm is checked at the
 * first DYN op of the translation (and again after a write to frm): when it is not RNE, that
 * op runs by its helper and the translation ends after it (fp_frm_exit), so that the later
 * ops need no check. --verify compares whole blocks with the interpreter, which such an
 * early exit would not match: there every DYN op checks frm and takes its helper. */
static bool rm_inline(jit_tr *t, const interp_op *op) {
  if (op->rm == 0)
    return true;
  if (op->rm != 7)
    return false;
  if (fp_st.frm_rne)
    return true;
  x86_alu_mi(t->b, X86_CMP, 32, FRM, 0);
  if (rvx_opts.verify) {
    slow(t, op, X86_CC_NE);
    return true;
  }
  fp_frm_exit(t, op, x86_jcc(t->b, X86_CC_NE, NULL));
  fp_st.frm_rne = true;
  return true;
}

/* A single operand that is not NaN-boxed takes the helper (a register a single instruction
 * wrote is boxed; else its upper half is checked, in cpu->f or through rax). */
static void boxed(jit_tr *t, const interp_op *op, unsigned r) {
  if (fp_st.single & (1u << r))
    return;
  if (fp_in_memory(r)) {
    x86_alu_mi(t->b, X86_CMP, 32, FR_HI(r), -1);
  } else {
    x86_movq_rx(t->b, 64, RAX, fp_st.xmm[r]);
    x86_shift_ri(t->b, X86_SHR, 64, RAX, 32);
    x86_alu_ri(t->b, X86_CMP, 32, RAX, -1);
  }
  slow(t, op, X86_CC_NE);
}

/* xmm x = the canonical NaN if it holds a NaN. */
static void canon(jit_tr *t, int x, bool dbl) {
  x86_sse_rr(t->b, dbl, SSE_UCOMI, x, x);
  fp_canon_jump(t, x86_jcc(t->b, X86_CC_P, NULL), x, dbl);
}

static int src(jit_tr *t, unsigned r, bool dbl, int scratch) {
  return dbl ? fp_src_d(t, r, scratch) : fp_src(t, r, scratch);
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
  int d = fp_dst(op->rd);
  int x1 = src(t, op->rs1, dbl, FP_X0);
  if (sse == SSE_SQRT) {
    x86_sse_rr(b, dbl, SSE_SQRT, d, x1);
  } else {
    int x2 = src(t, op->rs2, dbl, FP_X15);
    bool commutes = sse == SSE_ADD || sse == SSE_MUL;
    if (d == x1) {
      x86_sse_rr(b, dbl, sse, d, x2);
    } else if (d == x2 && commutes) {
      x86_sse_rr(b, dbl, sse, d, x1);
    } else if (d == x2) {   /* rd = rs2 (cached) and a non-commutative op */
      fpx_movapd(b, FP_X0, x1);
      x86_sse_rr(b, dbl, sse, FP_X0, x2);
      d = FP_X0;
    } else {
      fpx_movapd(b, d, x1);
      x86_sse_rr(b, dbl, sse, d, x2);
    }
  }
  canon(t, d, dbl);
  fp_put(t, op->rd, d, !dbl);
  fp_resume_here(t, c0);
  return true;
}

/* fmadd/fmsub/fnmsub/fnmadd with FMA3 (x86's fnmadd is RISC-V's fnmsub and vice versa):
 * xmm0 = rs3, then xmm0 = rs1 * rs2 + xmm0 in the form's signs. rs1 and rs2 must not both
 * be uncached (one scratch is left for them). */
static bool fused(jit_tr *t, const interp_op *op, bool dbl, uint8_t opc) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  if (!fpu_have_fma || (fp_st.xmm[op->rs1] < 0 && fp_st.xmm[op->rs2] < 0))
    return false;
  if (!rm_inline(t, op))
    return false;
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
    boxed(t, op, op->rs3);
  }
  int x1 = src(t, op->rs1, dbl, FP_X15);
  int x2 = src(t, op->rs2, dbl, FP_X15);
  int x3 = src(t, op->rs3, dbl, FP_X0);
  fpx_movapd(b, FP_X0, x3);
  fpx_fma231(b, dbl, opc, FP_X0, x1, x2);
  x86_sse_rr(b, dbl, SSE_UCOMI, FP_X0, FP_X0);
  slow(t, op, X86_CC_P);
  fp_put(t, op->rd, FP_X0, !dbl);
  fp_resume_here(t, c0);
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
  int x1 = src(t, op->rs1, dbl, FP_X0);
  int x2 = src(t, op->rs2, dbl, FP_X15);
  x86_sse_rr(b, dbl, SSE_UCOMI, x1, x2);
  slow(t, op, X86_CC_P);
  slow(t, op, X86_CC_E);
  int d = fp_dst(op->rd);
  if (d == x2) {
    x86_sse_rr(b, dbl, sse, d, x1);
  } else {
    fpx_movapd(b, d, x1);
    x86_sse_rr(b, dbl, sse, d, x2);
  }
  fp_put(t, op->rd, d, !dbl);
  fp_resume_here(t, c0);
  return true;
}

/* rax = (f[rs1] == f[rs2]), or, when `less` (kind 1: <, 2: <=), f[rs1] < f[rs2] as
 * f[rs2] > f[rs1] (CF clear; unordered sets it). cmp: ucomis (feq, and the quiet forms) or
 * comis (flt, fle: invalid for any NaN). Clobbers rcx. */
static void cmp_to_rax(jit_tr *t, const interp_op *op, bool dbl, int kind, uint8_t cmp) {
  x86_buf *b = t->b;
  int x1 = src(t, op->rs1, dbl, FP_X0);
  int x2 = src(t, op->rs2, dbl, FP_X15);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  if (kind == 0) {
    x86_alu_rr(b, X86_XOR, 32, RCX, RCX);
    x86_sse_rr(b, dbl, cmp, x1, x2);
    x86_setcc(b, X86_CC_E, RAX);
    x86_setcc(b, X86_CC_NP, RCX);
    x86_alu_rr(b, X86_AND, 32, RAX, RCX);
  } else {
    x86_sse_rr(b, dbl, cmp, x2, x1);
    x86_setcc(b, kind == 1 ? X86_CC_A : X86_CC_AE, RAX);
  }
}

/* feq (quiet: ucomis raises invalid only for a signalling NaN), flt and fle (comis: for any
 * NaN), as RISC-V specifies. Unordered operands give 0. */
static bool compare(jit_tr *t, const interp_op *op, bool dbl, int kind) {
  unsigned c0 = t->n_colds;
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
  }
  cmp_to_rax(t, op, dbl, kind, kind == 0 ? SSE_UCOMI : SSE_COMI);
  jit_wb(t, op->rd, RAX);
  fp_resume_here(t, c0);
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
  int x1 = src(t, op->rs1, dbl, FP_X0);
  x86_sse_rr_w(b, dbl, sse, w, RAX, x1);
  x86_alu_ri(b, X86_CMP, w, RAX, 1);
  slow(t, op, X86_CC_O);
  if (w == 32)
    x86_movsx_rr(b, 64, 32, RAX, RAX);
  jit_wb(t, op->rd, RAX);
  fp_resume_here(t, c0);
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
  int d = fp_dst(op->rd);
  fpx_xorps(b, d, d);   /* cvtsi2sd writes the low lane only: no wait for d's old value */
  x86_sse_rr_w(b, dbl, SSE_CVTSI, w, d, s);
  fp_put(t, op->rd, d, !dbl);
  fp_resume_here(t, c0);
  return true;
}

/* fcvt.s.d (rounds) and fcvt.d.s (exact): invalid for a signalling NaN, as on x86. */
static bool convert_fp(jit_tr *t, const interp_op *op, bool to_dbl) {
  unsigned c0 = t->n_colds;
  if (!rm_inline(t, op))
    return false;
  if (to_dbl)
    boxed(t, op, op->rs1);
  int x1 = src(t, op->rs1, !to_dbl, FP_X0);
  int d = fp_dst(op->rd);
  x86_sse_rr(t->b, !to_dbl, SSE_CVT_SD, d, x1);
  canon(t, d, to_dbl);
  fp_put(t, op->rd, d, !to_dbl);
  fp_resume_here(t, c0);
  return true;
}

/* fsgnj/fsgnjn/fsgnjx (kind 0, 1, 2) as integer code; fmv a register move. */
static bool sign_inject(jit_tr *t, const interp_op *op, bool dbl, int kind) {
  x86_buf *b = t->b;
  unsigned c0 = t->n_colds;
  int w = dbl ? 64 : 32;
  uint8_t top = (uint8_t)(w - 1);
  if (!dbl) {
    boxed(t, op, op->rs1);
    boxed(t, op, op->rs2);
  }
  int x1 = src(t, op->rs1, dbl, FP_X0);
  if (kind == 0 && op->rs1 == op->rs2) {
    fp_put(t, op->rd, x1, !dbl);
    fp_resume_here(t, c0);
    return true;
  }
  x86_movq_rx(b, w, RAX, x1);
  if (op->rs1 == op->rs2) {
    x86_mov_rr(b, 64, RCX, RAX);
  } else {
    x86_movq_rx(b, w, RCX, src(t, op->rs2, dbl, FP_X15));
  }
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
  int d = fp_dst(op->rd);
  x86_movq_xr(b, w, d, RAX);
  fp_put(t, op->rd, d, !dbl);
  fp_resume_here(t, c0);
  return true;
}

/* flw/fld: f[rd] = guest memory (a single NaN-boxed) */
static bool load(jit_tr *t, const interp_op *op, bool dbl) {
  jit_addr(t, op);
  int d = fp_dst(op->rd);
  jit_fault_here(t, op);
  x86_movsd_load(t->b, dbl, d, GMEM);
  fp_put(t, op->rd, d, !dbl);
  return true;
}

/* fsw/fsd: guest memory = f[rs2] (fsw: its low 32 bits, boxed or not) */
static bool store(jit_tr *t, const interp_op *op, bool dbl) {
  jit_addr(t, op);
  int x = src(t, op->rs2, dbl, FP_X0);
  jit_fault_here(t, op);
  x86_movsd_store(t->b, dbl, GMEM, x);
  return true;
}

/* An op without an inline form: its C helper, on cpu->f. */
static bool call_helper(jit_tr *t, const interp_op *op, unsigned hid) {
  jit_fp_fn fn = jit_fp_helper(hid);
  if (!fn)
    return false;
  fp_call(t, op, fn);
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
  /* ucomis: ordered operands raise nothing, so MXCSR's flags stay in fflags; unordered ones
   * (a signalling NaN may raise invalid) clear MXCSR, as the fsflags would. */
  int kind = c == H_feq_d ? 0 : c == H_flt_d ? 1 : 2;
  int x1 = fp_src_d(t, cmp->rs1, FP_X0);
  int x2 = fp_src_d(t, cmp->rs2, FP_X15);
  x86_alu_rr(b, X86_XOR, 32, RCX, RCX);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  if (kind == 0)
    x86_sse_rr(b, true, SSE_UCOMI, x1, x2);
  else
    x86_sse_rr(b, true, SSE_UCOMI, x2, x1);
  unsigned k = t->n_colds;
  jit_cold_at(t, x86_jcc(b, X86_CC_P, NULL), JIT_COLD_CLEAR_MXCSR, NULL, 0);
  t->colds[k].resume = b->p;
  if (kind == 0) {
    x86_setcc(b, X86_CC_E, RAX);
    x86_setcc(b, X86_CC_NP, RCX);
    x86_alu_rr(b, X86_AND, 32, RAX, RCX);
  } else {
    x86_setcc(b, kind == 1 ? X86_CC_A : X86_CC_AE, RAX);
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
      fp_st.frm_rne = false;
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
  if (hid >= OP_COUNT)
    return false;
  bool done;
  switch (hid) {
  case H_flw: return load(t, op, false);
  case H_fld: return load(t, op, true);
  case H_fsw: return store(t, op, false);
  case H_fsd: return store(t, op, true);
  case H_fadd_d: done = arith(t, op, true, SSE_ADD); break;
  case H_fsub_d: done = arith(t, op, true, SSE_SUB); break;
  case H_fmul_d: done = arith(t, op, true, SSE_MUL); break;
  case H_fdiv_d: done = arith(t, op, true, SSE_DIV); break;
  case H_fsqrt_d: done = arith(t, op, true, SSE_SQRT); break;
  case H_fadd_s: done = arith(t, op, false, SSE_ADD); break;
  case H_fsub_s: done = arith(t, op, false, SSE_SUB); break;
  case H_fmul_s: done = arith(t, op, false, SSE_MUL); break;
  case H_fdiv_s: done = arith(t, op, false, SSE_DIV); break;
  case H_fsqrt_s: done = arith(t, op, false, SSE_SQRT); break;
  case H_fmadd_d: done = fused(t, op, true, 0xb9); break;
  case H_fmsub_d: done = fused(t, op, true, 0xbb); break;
  case H_fnmsub_d: done = fused(t, op, true, 0xbd); break;
  case H_fnmadd_d: done = fused(t, op, true, 0xbf); break;
  case H_fmadd_s: done = fused(t, op, false, 0xb9); break;
  case H_fmsub_s: done = fused(t, op, false, 0xbb); break;
  case H_fnmsub_s: done = fused(t, op, false, 0xbd); break;
  case H_fnmadd_s: done = fused(t, op, false, 0xbf); break;
  case H_fmin_d: done = min_max(t, op, true, SSE_MIN); break;
  case H_fmax_d: done = min_max(t, op, true, SSE_MAX); break;
  case H_fmin_s: done = min_max(t, op, false, SSE_MIN); break;
  case H_fmax_s: done = min_max(t, op, false, SSE_MAX); break;
  case H_feq_d: done = compare(t, op, true, 0); break;
  case H_flt_d: done = compare(t, op, true, 1); break;
  case H_fle_d: done = compare(t, op, true, 2); break;
  case H_feq_s: done = compare(t, op, false, 0); break;
  case H_flt_s: done = compare(t, op, false, 1); break;
  case H_fle_s: done = compare(t, op, false, 2); break;
  case H_fcvt_w_d: done = to_int(t, op, true, 32); break;
  case H_fcvt_l_d: done = to_int(t, op, true, 64); break;
  case H_fcvt_w_s: done = to_int(t, op, false, 32); break;
  case H_fcvt_l_s: done = to_int(t, op, false, 64); break;
  case H_fcvt_d_w: done = from_int(t, op, true, 32, false); break;
  case H_fcvt_d_wu: done = from_int(t, op, true, 32, true); break;
  case H_fcvt_d_l: done = from_int(t, op, true, 64, false); break;
  case H_fcvt_s_w: done = from_int(t, op, false, 32, false); break;
  case H_fcvt_s_wu: done = from_int(t, op, false, 32, true); break;
  case H_fcvt_s_l: done = from_int(t, op, false, 64, false); break;
  case H_fcvt_s_d: done = convert_fp(t, op, false); break;
  case H_fcvt_d_s: done = convert_fp(t, op, true); break;
  case H_fsgnj_d: done = sign_inject(t, op, true, 0); break;
  case H_fsgnjn_d: done = sign_inject(t, op, true, 1); break;
  case H_fsgnjx_d: done = sign_inject(t, op, true, 2); break;
  case H_fsgnj_s: done = sign_inject(t, op, false, 0); break;
  case H_fsgnjn_s: done = sign_inject(t, op, false, 1); break;
  case H_fsgnjx_s: done = sign_inject(t, op, false, 2); break;
  case H_fmv_x_d: {
    int d = jit_dreg(op->rd);
    x86_movq_rx(b, 64, d, fp_src_d(t, op->rs1, FP_X0));
    jit_wb(t, op->rd, d);
    return true;
  }
  case H_fmv_x_w: {
    int d = jit_dreg(op->rd);
    x86_movq_rx(b, 32, d, fp_src(t, op->rs1, FP_X0));
    x86_movsx_rr(b, 64, 32, d, d);
    jit_wb(t, op->rd, d);
    return true;
  }
  case H_fmv_d_x:
  case H_fmv_w_x: {
    int d = fp_dst(op->rd);
    x86_movq_xr(b, hid == H_fmv_d_x ? 64 : 32, d, jit_src(t, op->rs1, RAX));
    fp_put(t, op->rd, d, hid == H_fmv_w_x);
    return true;
  }
  default:
    done = false;
    break;
  }
  return done || call_helper(t, op, hid);
}
