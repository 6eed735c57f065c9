/* The translator's FP register cache: the guest f registers a translation uses most live in
 * xmm1..xmm14 while it runs, loaded on first use and stored back to cpu->f only where C
 * code or the dispatcher reads them: at the translation's exits, around C helper calls,
 * and in the cold code of traps. A host fault in between (a guest load or store) finds the
 * registers through the side table: each faulting instruction's record carries the dirty
 * and single masks at that point, the translation the mask of cached registers
 * (jit_fp_fault_state). The state only changes along the straight main path of the
 * translation, so every cold path that comes back (helper calls, NaN fix-ups) comes back
 * to exactly the state the main path has there. */
#define _GNU_SOURCE
#include <stddef.h>
#include <string.h>
#include <ucontext.h>

#include "interp/fpu.h"
#include "isa/isa.h"
#include "jit/fp_internal.h"

fp_state fp_st;

#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define FR_HI(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r) + 4))

/* Cold code of the FP translation (jit_cold kind JIT_COLD_FP, its pc the index here). The
 * slow paths of one op share one helper call (FC_ALIAS jumps go to the first one's code). */
enum { FC_CANON, FC_HELPER, FC_ALIAS, FC_FRM_EXIT };
typedef struct fp_cold {
  uint8_t kind;
  int8_t x;               /* FC_CANON: the register */
  bool dbl;
  const interp_op *op;    /* FC_HELPER */
  uint32_t dirty, single; /* FC_HELPER: the state at the jump ... */
  uint32_t loaded;        /* ... what was loaded there, then what to load before resuming */
  uint32_t boxed;         /* FC_HELPER: singles whose box the main path made explicit */
  uint32_t target;        /* FC_ALIAS: the FC_HELPER */
  uint32_t left;          /* FC_FRM_EXIT: instructions counted in r14 after op */
  uint8_t *code;          /* FC_HELPER: where it was emitted */
} fp_cold;
static fp_cold colds[6 * INTERP_MAX_OPS + 8];
static unsigned n_colds;
static unsigned open_helper = UINT32_MAX;   /* the current op's FC_HELPER */

static unsigned bit(unsigned r) { return 1u << r; }

void jit_fp_begin(jit_tr *t, const interp_block *blk, unsigned n) {
  (void)t;
  memset(&fp_st, 0, sizeof fp_st);
  memset(fp_st.xmm, -1, sizeof fp_st.xmm);
  n_colds = 0;
  open_helper = UINT32_MAX;
  unsigned uses[32] = { 0 };
  for (unsigned i = 0; i < n; i++) {
    const interp_op *op = &blk->ops[i];
    if (op->hid >= OP_COUNT)
      continue;
    uint32_t f = isa_rows[op->hid].flags;
    if (!(f & F_FP))
      continue;
    if (f & F_RD_FP)
      uses[op->rd & 31]++;
    if (f & F_RS1_FP)
      uses[op->rs1 & 31]++;
    if (f & F_RS2_FP)
      uses[op->rs2 & 31]++;
    if (f & F_RS3_FP)
      uses[op->rs3 & 31]++;
  }
  for (unsigned k = 0; k < FP_MAX_CACHED; k++) {
    unsigned best = 32;
    for (unsigned r = 0; r < 32; r++)
      if (uses[r] && (best == 32 || uses[r] > uses[best]))
        best = r;
    if (best == 32)
      break;
    fp_st.cached |= bit(best);
    uses[best] = 0;
  }
  int x = 1;
  for (unsigned r = 0; r < 32; r++)
    if (fp_st.cached & bit(r))
      fp_st.xmm[r] = (int8_t)x++;
}

uint32_t jit_fp_cached(void) { return fp_st.cached; }
uint64_t jit_fp_snap(void) { return fp_st.dirty | (uint64_t)fp_st.single << 32; }

void fp_store_regs(jit_tr *t, uint32_t dirty, uint32_t single) {
  for (unsigned r = 0; r < 32; r++) {
    if (!(dirty & bit(r)))
      continue;
    if (single & bit(r)) {
      x86_movsd_store(t->b, false, FR(r), fp_st.xmm[r]);
      x86_store_imm(t->b, 32, FR_HI(r), -1);
    } else {
      x86_movsd_store(t->b, true, FR(r), fp_st.xmm[r]);
    }
  }
}

void jit_fp_spill(jit_tr *t, uint64_t snap) {
  fp_store_regs(t, (uint32_t)snap, (uint32_t)(snap >> 32));
}

void fp_spill_all(jit_tr *t) {
  fp_store_regs(t, fp_st.dirty, fp_st.single);
  fp_st.dirty = 0;
}

void jit_fp_flush(jit_tr *t) { fp_spill_all(t); }

bool fp_in_memory(unsigned r) { return !(fp_st.dirty & bit(r)); }

int fp_src(jit_tr *t, unsigned r, int scratch) {
  int x = fp_st.xmm[r];
  if (x < 0) {
    x86_movsd_load(t->b, true, scratch, FR(r));
    return scratch;
  }
  if (!(fp_st.loaded & bit(r))) {
    x86_movsd_load(t->b, true, x, FR(r));
    fp_st.loaded |= bit(r);
  }
  return x;
}

int fp_src_d(jit_tr *t, unsigned r, int scratch) {
  int x = fp_src(t, r, scratch);
  if (x != scratch && (fp_st.single & bit(r))) {   /* x |= FPU_BOX */
    fpx_pcmpeqd(t->b, scratch, scratch);
    fpx_psllq(t->b, scratch, 32);
    fpx_orpd(t->b, x, scratch);
    fp_st.single &= ~bit(r);
  }
  return x;
}

int fp_dst(unsigned r) { return fp_st.xmm[r] >= 0 ? fp_st.xmm[r] : FP_X0; }

void fp_put(jit_tr *t, unsigned r, int x, bool single) {
  int d = fp_st.xmm[r];
  if (d < 0) {
    x86_movsd_store(t->b, !single, FR(r), x);
    if (single)
      x86_store_imm(t->b, 32, FR_HI(r), -1);
    return;
  }
  fpx_movapd(t->b, d, x);
  fp_st.loaded |= bit(r);
  fp_st.dirty |= bit(r);
  if (single)
    fp_st.single |= bit(r);
  else
    fp_st.single &= ~bit(r);
}

/* The operands the helper of op reads from cpu->f (rs1..rs3: stored when dirty; an integer
 * operand's f register stored too does no harm). */
static uint32_t helper_reads(const interp_op *op) {
  return bit(op->rs1 & 31) | bit(op->rs2 & 31) | bit(op->rs3 & 31);
}

/* The register the helper of op writes in cpu->f, as a mask (0: it writes x[rd]). */
static uint32_t helper_writes(const interp_op *op) {
  return op->hid < OP_COUNT && (isa_rows[op->hid].flags & F_RD_FP) ? bit(op->rd & 31) : 0;
}

void fp_slow(jit_tr *t, const interp_op *op, uint8_t *jump) {
  if (open_helper != UINT32_MAX && colds[open_helper].op == op) {
    /* Another slow path of the same op: the state can only have lost single flags since
     * (made explicit in the xmm, the same value either way), so its code serves. */
    colds[n_colds] = (fp_cold){ .kind = FC_ALIAS, .target = open_helper };
  } else {
    open_helper = n_colds;
    colds[n_colds] = (fp_cold){ .kind = FC_HELPER, .op = op, .dirty = fp_st.dirty,
                                .single = fp_st.single, .loaded = fp_st.loaded };
  }
  jit_cold_at(t, jump, JIT_COLD_FP, op, n_colds++);
}

void fp_resume_here(jit_tr *t, unsigned first_cold) {
  for (unsigned i = first_cold; i < t->n_colds; i++) {
    jit_cold *c = &t->colds[i];
    if (c->kind == JIT_COLD_FP && colds[c->pc].kind == FC_HELPER) {
      c->resume = t->b->p;
      /* to reload: what the main path loaded after the jump, and the helper's result */
      fp_cold *fc = &colds[c->pc];
      fc->loaded = (fp_st.loaded & ~fc->loaded) | (helper_writes(c->op) & fp_st.cached);
      fc->boxed = fc->single & ~fp_st.single & ~fc->loaded;
    }
  }
  open_helper = UINT32_MAX;
}

/* An op without an inline form: its helper on cpu->f (xmm registers survive the call). */
void fp_call(jit_tr *t, const interp_op *op, jit_fp_fn fn) {
  uint32_t st = fp_st.dirty & helper_reads(op);
  fp_store_regs(t, st, fp_st.single);
  fp_st.dirty &= ~st;
  jit_call_fp(t, op, fn);
  uint32_t w = helper_writes(op);
  if (w & fp_st.cached) {
    unsigned r = op->rd & 31u;
    x86_movsd_load(t->b, true, fp_st.xmm[r], FR(r));
    fp_st.loaded |= w;
    fp_st.dirty &= ~w;
    fp_st.single &= ~w;
  }
}

void fp_frm_exit(jit_tr *t, const interp_op *op, uint8_t *jump) {
  /* t->left counts op and what follows it in its section (a superblock counts each section
   * on entry): the exit takes back what follows. */
  colds[n_colds] = (fp_cold){ .kind = FC_FRM_EXIT, .op = op, .dirty = fp_st.dirty,
                              .single = fp_st.single, .left = t->left ? t->left - 1 : 0 };
  jit_cold_at(t, jump, JIT_COLD_FP, op, n_colds++);
}

void fp_canon_jump(jit_tr *t, uint8_t *jump, int x, bool dbl) {
  colds[n_colds] = (fp_cold){ .kind = FC_CANON, .x = (int8_t)x, .dbl = dbl };
  unsigned k = t->n_colds;
  jit_cold_at(t, jump, JIT_COLD_FP, NULL, n_colds++);
  t->colds[k].resume = t->b->p;
}

void jit_fp_emit_cold(jit_tr *t, const jit_cold *c) {
  x86_buf *b = t->b;
  const fp_cold *fc = &colds[c->pc];
  if (fc->kind == FC_CANON) {
    if (fc->dbl) {
      x86_mov_ri(b, X86_RAX, FPU_CANON_D);
      x86_movq_xr(b, 64, fc->x, X86_RAX);
    } else {
      x86_mov_ri(b, X86_RAX, FPU_CANON_S);
      x86_movq_xr(b, 32, fc->x, X86_RAX);
    }
  } else if (fc->kind == FC_FRM_EXIT) {
    /* frm is not RNE: op by its helper, then back to the dispatcher at the next op, with
     * instret counting only the ops run (the translation added all of them on entry). */
    fp_state saved = fp_st;
    fp_store_regs(t, fc->dirty, fc->single);
    fp_st.dirty = 0;
    jit_call_fp(t, fc->op, jit_fp_helper(fc->op->hid));
    fp_st = saved;
    if (fc->left)
      x86_alu_ri(b, X86_SUB, 64, JIT_INSTRET, (int32_t)fc->left);
    uint64_t next = fc->op->pc + fc->op->len;
    x86_mov_ri(b, X86_RCX, next);
    x86_store(b, 64, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, pc)), X86_RCX);
    x86_alu_rr(b, X86_XOR, 32, X86_RAX, X86_RAX);
    x86_jmp(b, jit_fx.exit);
    return;
  } else if (fc->kind == FC_ALIAS) {
    x86_patch_rel32(c->jump, colds[fc->target].code);
    return;
  } else {
    /* The helper reads its operands from cpu->f (stored if dirty at the jump) and writes its
     * result there; xmm registers survive it (fp_helpers.c). Then what the main path loaded
     * after the jump, and the result, are loaded. Its illegal-rm exit stores the rest. */
    colds[c->pc].code = b->p;
    fp_state saved = fp_st;
    uint32_t st = fc->dirty & helper_reads(fc->op);
    fp_store_regs(t, st, fc->single);
    fp_st.dirty = fc->dirty & ~st;
    fp_st.single = fc->single;
    jit_call_fp(t, fc->op, jit_fp_helper(fc->op->hid));
    for (unsigned r = 0; r < 32; r++)
      if (fc->loaded & bit(r))
        x86_movsd_load(b, true, fp_st.xmm[r], FR(r));
    if (fc->boxed) {   /* as fp_src_d did on the main path */
      fpx_pcmpeqd(b, FP_X15, FP_X15);
      fpx_psllq(b, FP_X15, 32);
      for (unsigned r = 0; r < 32; r++)
        if (fc->boxed & bit(r))
          fpx_orpd(b, fp_st.xmm[r], FP_X15);
    }
    fp_st = saved;
  }
  x86_jmp(b, c->resume);
}

/* Writes the registers a fault found in xmm registers into cpu->f (fp: the translation's
 * cached mask, and the record's dirty and single masks). Async-signal-safe. */
void jit_fp_fault_state(const uint32_t fp[3], const struct ucontext_t *uc, rv_cpu *cpu) {
  if (!fp[1] || !uc->uc_mcontext.fpregs)
    return;
  for (unsigned r = 0; r < 32; r++) {
    if (!(fp[1] & bit(r)))
      continue;
    unsigned x = 1 + (unsigned)__builtin_popcount(fp[0] & (bit(r) - 1));
    uint64_t v;
    memcpy(&v, &uc->uc_mcontext.fpregs->_xmm[x], 8);
    if (fp[2] & bit(r))
      v |= FPU_BOX;
    cpu->f[r] = v;
  }
}
