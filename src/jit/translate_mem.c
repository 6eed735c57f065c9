/* Translator: guest loads and stores. The address is checked against GUEST_SIZE (a
 * rip-relative constant) and the access is [r15 + address]; an access that starts below
 * GUEST_SIZE and runs past it lands in the PROT_NONE guard (mem.h). Every host instruction
 * that may fault is recorded with its guest pc for the side table (jit_side.c). */
#include <stddef.h>
#include <string.h>

#include "jit/translate.h"

/* cmp r, GUEST_SIZE (a rip-relative constant of the fixed code) */
static void cmp_limit(jit_tr *t, int r) {
  x86_buf *b = t->b;
  x86_alu_rm(b, X86_CMP, 64, r, x86_m(X86_RIP, 0));
  if (!b->overflow) {   /* rip-relative: from the end of the cmp */
    int32_t d = (int32_t)(jit_fx.limit - b->p);
    memcpy(b->p - 4, &d, 4);
  }
}

/* rax = x[rs1] + imm, the guest address of a load or store, checked to lie in the guest
 * space (else the guest SIGSEGV at this op). */
void jit_addr(jit_tr *t, const interp_op *op) {
  x86_buf *b = t->b;
  int h = HOST(op->rs1);
  if (h >= 0) {
    if (op->imm)
      x86_lea(b, 64, RAX, x86_m(h, (int32_t)op->imm));
    else
      x86_mov_rr(b, 64, RAX, h);
  } else if (op->rs1 == 0) {
    x86_mov_ri(b, RAX, (uint64_t)op->imm);
  } else {
    x86_load(b, 64, RAX, XR(op->rs1));
    if (op->imm)
      x86_alu_ri(b, X86_ADD, 64, RAX, (int32_t)op->imm);
  }
  cmp_limit(t, RAX);
  jit_cold_at(t, x86_jcc(b, X86_CC_AE, NULL), JIT_COLD_SEGV, op, op->pc);
}

/* The host operand of op's access. An offset >= 0 (at most 2047, plus up to 16 bytes
 * accessed) from a base register below GUEST_SIZE stays inside the region or the guard
 * behind it (mem.h), where a fault is the guest's, found in the side table like any other:
 * the base alone is checked, once until it is written again (t->checked), and the access is
 * [r15 + base + imm]. A base that fails the check takes jit_mem_wide. Other accesses are
 * checked whole (jit_addr). */
static x86_mem mem_operand(jit_tr *t, const interp_op *op) {
  x86_buf *b = t->b;
  if (op->imm < 0 || op->rs1 == 0) {
    jit_addr(t, op);
    return GMEM;
  }
  int h = jit_src(t, op->rs1, RAX);
  uint64_t bit = UINT64_C(1) << op->rs1;
  if (!(t->checked & bit)) {
    cmp_limit(t, h);
    jit_cold_at(t, x86_jcc(b, X86_CC_AE, NULL), JIT_COLD_WIDE, op, op->pc);
    t->colds[t->n_colds - 1].uncount = t->left;
    t->checked |= bit;
  }
  return x86_mi(JIT_MEM, h, 1, (int32_t)op->imm);
}

static void load(jit_tr *t, const interp_op *op, x86_mem m, int bits, bool sign, bool fp) {
  x86_buf *b = t->b;
  int d = fp ? RCX : jit_dreg(op->rd);
  jit_fault_here(t, op);
  if (bits == 64)
    x86_load(b, 64, d, m);
  else if (bits == 32 && (sign && !fp))
    x86_movsx_rm(b, 64, 32, d, m);
  else if (bits == 32)
    x86_load(b, 32, d, m);
  else if (sign)
    x86_movsx_rm(b, 64, bits, d, m);
  else
    x86_movzx_rm(b, 32, bits, d, m);
  if (!fp) {
    jit_wb(t, op->rd, d);
  } else if (bits == 64) {
    x86_store(b, 64, FR(op->rd), RCX);
  } else {   /* NaN-boxed */
    x86_store(b, 32, FR(op->rd), RCX);
    x86_store_imm(b, 32, x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8u * op->rd + 4)), -1);
  }
}

static void store(jit_tr *t, const interp_op *op, x86_mem m, int bits, bool fp) {
  x86_buf *b = t->b;
  int v;
  if (fp) {
    x86_load(b, bits == 64 ? 64 : 32, RCX, FR(op->rs2));
    v = RCX;
  } else if (op->rs2 == 0) {
    jit_fault_here(t, op);
    x86_store_imm(b, bits, m, 0);
    return;
  } else {
    v = jit_src(t, op->rs2, RCX);
  }
  jit_fault_here(t, op);
  x86_store(b, bits, m, v);
}

/* The access of memory op `op` at host operand m. */
static void access(jit_tr *t, const interp_op *op, x86_mem m) {
  switch (jit_base_of[op->hid]) {
  case H_lb: load(t, op, m, 8, true, false); break;
  case H_lh: load(t, op, m, 16, true, false); break;
  case H_lw: load(t, op, m, 32, true, false); break;
  case H_ld: load(t, op, m, 64, true, false); break;
  case H_lbu: load(t, op, m, 8, false, false); break;
  case H_lhu: load(t, op, m, 16, false, false); break;
  case H_lwu: load(t, op, m, 32, false, false); break;
  case H_sb: store(t, op, m, 8, false); break;
  case H_sh: store(t, op, m, 16, false); break;
  case H_sw: store(t, op, m, 32, false); break;
  case H_sd: store(t, op, m, 64, false); break;
  }
}

void jit_mem(jit_tr *t, const interp_op *op) {
  x86_mem m = mem_operand(t, op);
  access(t, op, m);
}

/* The cold path of a base register that failed the check in mem_operand: the access with
 * its whole address checked (the guest SIGSEGV, or a base near 2^64 wrapping around to a
 * valid address), then an exit to the next instruction, since the code after the access
 * takes the base as checked. */
void jit_mem_wide(jit_tr *t, const jit_cold *c) {
  const interp_op *op = c->op;
  jit_addr(t, op);
  access(t, op, GMEM);
  jit_lend_back(t);
  jit_fp_spill(t, c->fp);
  if (c->uncount > 1)
    x86_alu_ri(t->b, X86_SUB, 64, JIT_INSTRET, (int32_t)(c->uncount - 1));
  jit_set_pc(t, op->pc + op->len);
  x86_alu_rr(t->b, X86_XOR, 32, RAX, RAX);
  x86_jmp(t->b, jit_fx.exit);
}
