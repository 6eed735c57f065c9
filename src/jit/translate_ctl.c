/* Translator: control flow. Chainable direct exits, indirect exits through the jump cache,
 * calls and returns on the host's return stack, conditional branches, and the registers a
 * loop lends to unmapped guest registers. */
#include <stddef.h>
#include <string.h>

#include "jit/translate.h"
#include "util/options.h"

/* A chainable jump to the translation of guest pc `target`: "jmp rel32" (or "jcc rel32"
 * when cc >= 0) with its displacement 4-byte aligned, first to a cold stub that returns to
 * the dispatcher, which may patch it to jump straight to target's translation. */
void jit_exit_direct(jit_tr *t, int cc, uint64_t target) {
  x86_buf *b = t->b;
  unsigned oplen = cc >= 0 ? 2 : 1;
  unsigned mis = (unsigned)((uintptr_t)(b->p + oplen) & 3);
  if (mis)
    x86_nop(b, 4 - mis);
  uint8_t *disp = cc >= 0 ? x86_jcc(b, (enum x86_cc)cc, NULL) : x86_jmp(b, NULL);
  jit_cold_at(t, disp, JIT_COLD_EXIT, NULL, target);
}

/* An exit to the guest pc in rax: looks the target up in the indirect-jump table
 * (jit_internal.h), then in the interpreter's jump cache, and jumps straight to its
 * translation when there is one, else returns to the dispatcher (which fills the table's
 * entry when it is empty: then the jump cache is not tried). */
static void exit_indirect(jit_tr *t) {
  x86_buf *b = t->b;
  uintptr_t tbl = (uintptr_t)jit_ind_table;
  bool near = tbl + sizeof jit_ind_table <= INT32_MAX;   /* rvx is linked static, no PIE */
  x86_mov_rr(b, 32, RCX, RAX);
  x86_shift_ri(b, X86_SHR, 32, RCX, 1);
  x86_alu_ri(b, X86_AND, 32, RCX, JIT_IND_SIZE - 1);
  x86_alu_rr(b, X86_ADD, 32, RCX, RCX);   /* 16-byte entries: index * 2 * 8 */
  x86_mem pc_m = x86_mi(X86_NOREG, RCX, 8, (int32_t)tbl);
  x86_mem code_m = x86_mi(X86_NOREG, RCX, 8, (int32_t)(tbl + 8));
  if (!near) {
    x86_mov_ri64(b, RDX, tbl);
    x86_lea(b, 64, RDX, x86_mi(RDX, RCX, 8, 0));
    pc_m = x86_m(RDX, 0);
    code_m = x86_m(RDX, 8);
  }
  x86_alu_rm(b, X86_CMP, 64, RAX, pc_m);
  uint8_t *miss0 = x86_jcc8(b, X86_CC_NE, NULL);
  x86_jmp_m(b, code_m);
  if (!b->overflow)
    x86_patch_rel8(miss0, b->p);
  x86_alu_mi(b, X86_CMP, 64, pc_m, JIT_IND_EMPTY);
  uint8_t *empty = x86_jcc8(b, X86_CC_E, NULL);
  x86_mov_rr(b, 64, RCX, RAX);
  x86_shift_ri(b, X86_SHR, 64, RCX, 1);
  x86_mov_rr(b, 64, RDX, RAX);
  x86_shift_ri(b, X86_SHR, 64, RDX, INTERP_JC_BITS + 1);
  x86_alu_rr(b, X86_XOR, 32, RCX, RDX);
  x86_alu_ri(b, X86_AND, 32, RCX, (1 << INTERP_JC_BITS) - 1);
  x86_mov_ri64(b, RDX, (uint64_t)(uintptr_t)interp_jcache);
  x86_load(b, 64, RDX, x86_mi(RDX, RCX, 8, 0));
  x86_test_rr(b, 64, RDX, RDX);
  uint8_t *miss1 = x86_jcc8(b, X86_CC_E, NULL);
  x86_alu_rm(b, X86_CMP, 64, RAX, x86_m(RDX, (int32_t)offsetof(interp_block, pc)));
  uint8_t *miss2 = x86_jcc8(b, X86_CC_NE, NULL);
  x86_load(b, 64, RDX, x86_m(RDX, (int32_t)offsetof(interp_block, jit)));
  x86_test_rr(b, 64, RDX, RDX);
  uint8_t *miss3 = x86_jcc8(b, X86_CC_E, NULL);
  x86_jmp_r(b, RDX);
  if (!b->overflow) {
    x86_patch_rel8(empty, b->p);
    x86_patch_rel8(miss1, b->p);
    x86_patch_rel8(miss2, b->p);
    x86_patch_rel8(miss3, b->p);
  }
  x86_store(b, 64, CPU_PC, RAX);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  x86_jmp(b, jit_fx.exit);
}

/* cmp rsp, fs:[jit_tls.limit]; jbe plain (rel8, patched by the caller) */
static uint8_t *ras_room(jit_tr *t) {
  x86_byte(t->b, 0x64);   /* fs: */
  x86_alu_rm(t->b, X86_CMP, 64, X86_RSP,
             x86_m(X86_NOREG, jit_tls_off + (int32_t)offsetof(jit_tls_t, limit)));
  return x86_jcc8(t->b, X86_CC_BE, NULL);
}

static void push_pc(jit_tr *t, uint64_t pc) {
  if (pc <= INT32_MAX) {
    x86_push_imm(t->b, (int32_t)pc);
  } else {
    x86_mov_ri(t->b, RCX, pc);
    x86_push(t->b, RCX);
  }
}

/* A direct call (x[rd] already written): push the return pc, host-call the callee's
 * translation (a chainable call), and when it returns here, continue at the return pc. */
void jit_call_direct(jit_tr *t, const interp_op *op) {
  x86_buf *b = t->b;
  uint64_t ret = op->pc + op->len;
  uint8_t *plain = ras_room(t);
  push_pc(t, ret);
  unsigned mis = (unsigned)((uintptr_t)(b->p + 1) & 3);
  if (mis)
    x86_nop(b, 4 - mis);
  uint8_t *disp = x86_call(b, NULL);
  jit_cold_at(t, disp, JIT_COLD_EXIT, NULL, (uint64_t)op->imm);
  jit_exit_direct(t, -1, ret);
  if (!b->overflow)
    x86_patch_rel8(plain, b->p);
  jit_exit_direct(t, -1, (uint64_t)op->imm);
}

/* The lent host registers go back to their owners (cpu->x[guest] = host; host = owner). */
void jit_lend_back(jit_tr *t) {
  for (unsigned i = 0; i < t->n_lends; i++) {
    int h = jit_host_of[t->lends[i].owner];
    x86_store(t->b, 64, XR(t->lends[i].guest), h);
    x86_load(t->b, 64, h, XR(t->lends[i].owner));
  }
}

void jit_lend_out(jit_tr *t) {
  for (unsigned i = 0; i < t->n_lends; i++) {
    int h = jit_host_of[t->lends[i].owner];
    x86_store(t->b, 64, XR(t->lends[i].owner), h);
    x86_load(t->b, 64, h, XR(t->lends[i].guest));
  }
}

/* A loop (a block ending in a conditional branch to itself) that uses unmapped registers
 * and leaves some mapped ones alone runs with the idle host registers lent to the busiest
 * unmapped ones: swapped in once on entry, out on every exit; the back edge stays inside.
 * Only for integer and memory ops: nothing in it calls C with guest registers in host ones. */
void jit_plan_lends(jit_tr *t, const interp_block *blk, unsigned n) {
  t->n_lends = 0;
  t->loop_head = NULL;
  /* --verify compares one run of a block with the interpreter's: a loop kept inside the
   * translation would run many (this form is checked by tests/unit/test_jit_fault.c and the
   * suites instead). */
  if (rvx_opts.verify)
    return;
  const interp_op *last = &blk->ops[n - 1];
  unsigned lh = jit_base_of[last->hid];
  if (n != blk->n_ops || lh < H_beq || lh > H_bgeu || (uint64_t)last->imm != blk->pc)
    return;
  unsigned uses[33] = { 0 };
  for (unsigned i = 0; i < n; i++) {
    const interp_op *op = &blk->ops[i];
    unsigned h = jit_base_of[op->hid];
    if (h < OP_COUNT && (isa_rows[h].flags & (F_CSR | F_SYSTEM | F_ATOMIC)))
      return;
    if (h < OP_COUNT && (isa_rows[h].flags & F_FP) && !(isa_rows[h].flags & (F_LOAD | F_STORE)))
      return;
    uses[op->rs1]++;
    uses[op->rs2]++;
    uses[op->rs3]++;
    uses[op->rd]++;
  }
  for (;;) {
    unsigned best = 0;
    for (unsigned r = 1; r < 32; r++)
      if (jit_host_of[r] < 0 && uses[r] >= 2 && (!best || uses[r] > uses[best]))
        best = r;
    unsigned idle = 0;
    for (unsigned i = 0; i < JIT_N_MAPPED && !idle; i++)
      if (!uses[jit_mapped[i]])
        idle = jit_mapped[i];
    if (!best || !idle)
      break;
    t->lends[t->n_lends++] = (jit_lend){ (uint8_t)best, (uint8_t)idle };
    jit_cur_host[best] = jit_host_of[idle];
    uses[best] = 0;
    uses[idle] = 1;   /* taken */
  }
}

static enum x86_cc swap_cc(enum x86_cc cc) {
  switch (cc) {
  case X86_CC_L: return X86_CC_G;
  case X86_CC_GE: return X86_CC_LE;
  case X86_CC_B: return X86_CC_A;
  case X86_CC_AE: return X86_CC_BE;
  default: return cc;
  }
}

/* A conditional branch ending the block: both ways are chainable exits. */
void jit_branch(jit_tr *t, const interp_op *op, enum x86_cc cc) {
  x86_buf *b = t->b;
  if (op->rs2 == 0) {   /* beqz, bltz, ...: x < 0 unsigned is never, x >= 0 always (CF=0) */
    int s1 = jit_src(t, op->rs1, RAX);
    x86_test_rr(b, 64, s1, s1);
  } else if (op->rs1 == 0) {
    int s2 = jit_src(t, op->rs2, RAX);
    x86_test_rr(b, 64, s2, s2);
    if (cc == X86_CC_B || cc == X86_CC_AE) {   /* 0 <u x: x != 0; 0 >=u x: x == 0 */
      cc = cc == X86_CC_B ? X86_CC_NE : X86_CC_E;
    } else {
      cc = swap_cc(cc);
    }
  } else {
    int s1 = jit_src(t, op->rs1, RAX);
    if (HOST(op->rs2) >= 0)
      x86_alu_rr(b, X86_CMP, 64, s1, HOST(op->rs2));
    else
      x86_alu_rm(b, X86_CMP, 64, s1, XR(op->rs2));
  }
  if (t->loop_head && (uint64_t)op->imm == t->blk->pc) {   /* the loop's back edge */
    x86_jcc(b, cc, t->loop_head);
    jit_lend_back(t);
  } else {
    jit_exit_direct(t, (int)cc, (uint64_t)op->imm);
  }
  if (!t->fall_inline)
    jit_exit_direct(t, -1, op->pc + op->len);
}

/* jalr and its forms: target = (x[rs1] + imm) & ~1, computed before x[rd] is written. A
 * return to the pc on top of the return stack is a host ret; an indirect call pushes its
 * return pc and host-calls the jump cache lookup. */
void jit_jump_reg(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  jit_load_into(t, RAX, op->rs1);
  if (op->imm)
    x86_alu_ri(b, X86_ADD, 64, RAX, (int32_t)op->imm);
  x86_alu_ri(b, X86_AND, 64, RAX, -2);
  if (op->rd != CPU_XSINK)   /* rax holds the target */
    jit_put_imm_via(t, op->rd, op->pc + op->len, RCX);
  if (hid == H_ret) {
    x86_alu_rm(b, X86_CMP, 64, RAX, x86_m(X86_RSP, 8));
    uint8_t *miss = x86_jcc8(b, X86_CC_NE, NULL);
    x86_ret_imm(b, 8);
    if (!b->overflow)
      x86_patch_rel8(miss, b->p);
  } else if (hid == H_callr) {
    uint8_t *plain = ras_room(t);
    push_pc(t, op->pc + op->len);
    uint8_t *lookup = x86_call(b, NULL);
    jit_exit_direct(t, -1, op->pc + op->len);
    if (!b->overflow) {
      x86_patch_rel8(plain, b->p);
      x86_patch_rel32(lookup, b->p);
    }
  }
  exit_indirect(t);
}
