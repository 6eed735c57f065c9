/* Translator: where guest registers live (the fixed mapping to host registers, by measured
 * frequency), moving values between them and host registers, the cold code and side-table
 * records every translation collects, and calls to the FP helpers (spilling around them). */
#include <stddef.h>
#include <string.h>

#include "jit/translate.h"

/* The mapping, by measured frequency: guest register uses (sources and destinations) weighted
 * by execution counts over bench/ (interpreter blocks' entry counts), each workload's counts
 * normalised, summed: a5 1.52, a4 .79, s0 .65, s1 .46, a0 .38, a1 .30, a3 .25, t1 .22, sp .22,
 * s3 .21 (not mapped: r14 holds instret), then a6 .18, a2 .17, s2 .14, the rest below .08. The callee-saved guest registers
 * (sp, s*) get the callee-saved host registers: they are the ones live across the rare calls
 * to C helpers, which then need not reload them. */
const uint8_t jit_mapped[JIT_N_MAPPED] = { 15, 14, 10, 11, 13, 6, 8, 9, 2 };
#define U -1
const int8_t jit_host_of[33] = {
  /* x0 ra  sp      gp tp t0 t1       t2 s0       s1       a0      a1      a2 a3       a4 */
     U, U,  X86_R13, U, U, U, X86_R11, U, X86_RBP, X86_R12, X86_R8, X86_R9, U, X86_R10, X86_RDI,
  /* a5      a6 a7 s2 s3 ... t6, sink */
     X86_RSI, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
};
#undef U

static bool caller_saved(int h) { return h == RSI || h == RDI || (h >= R8 && h <= X86_R11); }

int8_t jit_cur_host[33];
uint16_t jit_base_of[H_COUNT];

void jit_init_base(void) {
  if (jit_base_of[H_COUNT - 1])
    return;
  for (unsigned i = 0; i < H_COUNT; i++)
    jit_base_of[i] = (uint16_t)i;
#define ACC_BASE(id) jit_base_of[H_##id##_acc] = H_##id;
  INTERP_ACC_OPS(ACC_BASE)
#undef ACC_BASE
#define BR_BASE2(h, br) jit_base_of[H_##h##_##br] = H_##h;
#define BR_BASE(h) INTERP_BRS(BR_BASE2, h)
  INTERP_BR_HEADS(BR_BASE)
#undef BR_BASE
#undef BR_BASE2
  for (unsigned i = 0; i < H_COUNT; i++)
    jit_base_of[i] = jit_base_of[jit_base_of[i]];
  jit_base_of[H_sd_run] = H_sd;
  jit_base_of[H_ld_run] = H_ld;
  jit_base_of[H_lui] = H_li;
  jit_base_of[H_auipc] = H_li;   /* the predecoder resolved the value */
}

/* ---- registers ---- */

/* A host register holding guest register r: its own, or `scratch` loaded with it. */
int jit_src(jit_tr *t, unsigned r, int scratch) {
  if (HOST(r) >= 0)
    return HOST(r);
  if (r == 0)
    x86_alu_rr(t->b, X86_XOR, 32, scratch, scratch);
  else
    x86_load(t->b, 64, scratch, XR(r));
  return scratch;
}

/* Where to compute a value for guest register r: its host register, or rax. */
int jit_dreg(unsigned r) { return HOST(r) >= 0 ? HOST(r) : RAX; }

/* x[r] = host register h. */
void jit_wb(jit_tr *t, unsigned r, int h) {
  if (HOST(r) >= 0) {
    if (HOST(r) != h)
      x86_mov_rr(t->b, 64, HOST(r), h);
  } else {
    x86_store(t->b, 64, XR(r), h);
  }
}

/* host register d = x[r] */
void jit_load_into(jit_tr *t, int d, unsigned r) {
  if (HOST(r) >= 0) {
    if (HOST(r) != d)
      x86_mov_rr(t->b, 64, d, HOST(r));
  } else if (r == 0) {
    x86_alu_rr(t->b, X86_XOR, 32, d, d);
  } else {
    x86_load(t->b, 64, d, XR(r));
  }
}

/* x[rd] = imm (scratch: the register a wide value goes through when rd is unmapped) */
void jit_put_imm_via(jit_tr *t, unsigned rd, uint64_t v, int scratch) {
  if (HOST(rd) >= 0) {
    x86_mov_ri(t->b, HOST(rd), v);
  } else if ((int64_t)v == (int32_t)v) {
    x86_store_imm(t->b, 64, XR(rd), (int32_t)v);
  } else {
    x86_mov_ri(t->b, scratch, v);
    x86_store(t->b, 64, XR(rd), scratch);
  }
}

void jit_put_imm(jit_tr *t, unsigned rd, uint64_t v) { jit_put_imm_via(t, rd, v, RAX); }

/* cpu->pc = pc (rcx is the scratch for a pc beyond 2^31). */
void jit_set_pc(jit_tr *t, uint64_t pc) {
  if (pc <= INT32_MAX) {
    x86_store_imm(t->b, 64, CPU_PC, (int32_t)pc);
  } else {
    x86_mov_ri(t->b, RCX, pc);
    x86_store(t->b, 64, CPU_PC, RCX);
  }
}

/* ---- cold code, side table ---- */

void jit_cold_at(jit_tr *t, uint8_t *jump, int kind, const interp_op *op, uint64_t pc) {
  t->colds[t->n_colds++] = (jit_cold){ jump, NULL, op, pc, kind, jit_fp_snap(), 0 };
}

/* The cold code added since first_cold comes back here. */
void jit_resume_here(jit_tr *t, unsigned first_cold) {
  for (unsigned i = first_cold; i < t->n_colds; i++)
    t->colds[i].resume = t->b->p;
}

/* The next host instruction may fault: it belongs to op. */
void jit_fault_here(jit_tr *t, const interp_op *op) {
  uint64_t fp = jit_fp_snap();
  t->faults[t->n_faults++] = (jit_fault_rec){ (uint32_t)(t->b->p - t->b->start),
                                              (uint32_t)(op->pc - t->blk->pc), (uint32_t)fp,
                                              (uint32_t)(fp >> 32) };
}

/* An FP computation by its C helper (fp_helpers.c: fpu_<id>(cpu, rd, rs1, rs2, rs3, rm),
 * non-zero when illegal, with MXCSR's flags folded in). It reads cpu->x / cpu->f and may
 * write x[rd]: the registers it may read or the call may clobber are stored, and reloaded
 * after. */
void jit_call_fp(jit_tr *t, const interp_op *op, jit_fp_fn fn) {
  x86_buf *b = t->b;
  for (unsigned i = 0; i < JIT_N_MAPPED; i++) {
    unsigned g = jit_mapped[i];
    if (caller_saved(HOST(g)) || g == op->rs1 || g == op->rd)
      x86_store(b, 64, XR(g), HOST(g));
  }
  x86_mov_rr(b, 64, RDI, JIT_CPU);
  x86_mov_ri(b, RSI, op->rd);
  x86_mov_ri(b, RDX, op->rs1);
  x86_mov_ri(b, RCX, op->rs2);
  x86_mov_ri(b, R8, op->rs3);
  x86_mov_ri(b, R9, op->rm);
  x86_mov_ri64(b, RAX, (uint64_t)(uintptr_t)fn);
  x86_call_r(b, RAX);
  x86_test_rr(b, 32, RAX, RAX);   /* the reloads (movs) keep the flags */
  for (unsigned i = 0; i < JIT_N_MAPPED; i++) {
    unsigned g = jit_mapped[i];
    if (caller_saved(HOST(g)) || g == op->rd)
      x86_load(b, 64, HOST(g), XR(g));
  }
  jit_cold_at(t, x86_jcc(b, X86_CC_NE, NULL), JIT_COLD_ILLEGAL, op, op->pc);
}

