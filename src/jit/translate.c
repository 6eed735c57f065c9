/* Translator, tier 1, the block driver: one predecoded interpreter block (its interp_op
 * array), continued by the blocks that follow it on its fall-through path (a superblock,
 * plan_sections), becomes x86-64 code. The guest registers used most live in host registers (jit_host_of, fixed for every
 * translation, so chaining needs no spills); the others in cpu->x, and FP registers in
 * cpu->f (rbx holds cpu). Guest memory is [r15 + address] after the check address <
 * GUEST_SIZE (a rip-relative constant; translate_mem.c); an access that starts below
 * GUEST_SIZE and runs past it lands in the PROT_NONE guard (mem.h), so no guest address
 * reaches host memory outside the guest region. cpu->pc is not stored before accesses: every host instruction that may
 * fault is in the side table with its guest pc (jit_side.c), and the mapping says where every
 * register is. Integer RV64IM, loads and stores, jumps and branches are translated directly,
 * the common F/D computations inline on SSE (translate_fp.c), the rest call the interpreter's
 * fpu_<id>; fflags/frm/fcsr accesses inline; anything else (other CSRs, atomics, ecall,
 * ebreak, fence.i, illegal words) ends the translation just before it, and the interpreter
 * runs it. Guest calls and returns use the host's call/ret with the return pc checked
 * (jit_internal.h), so returns are predicted by the CPU. A loop block may lend idle host
 * registers to the unmapped registers it uses (plan_lends).
 *
 * Layout of a translation:
 *   entry: cmp dword [cpu.async_stop], 0; jne async_exit   (JIT_ENTRY_CHECK bytes)
 *          add r14 (instret), n                               (per section)
 *          <one sequence per op; a conditional branch is "jcc rel32; jmp rel32", both
 *           displacements 4-byte aligned so that chaining patches them with one store;
 *           inside a superblock only the jcc, the next section follows>
 *   cold:  <exit stubs: set pc, return the address of the displacement to patch>
 *          <traps, helper calls of the slow paths, NaN fix-ups>                        */
#include <stddef.h>
#include <string.h>

#include "jit/translate.h"
#include "util/options.h"

/* Emits op; returns false (emitting nothing) when it has no translation. *ends is set when
 * the op ends the translation (a jump or branch, which emitted its exits); *skip is how many
 * following ops it consumed (fused pairs). */
static bool emit_op(jit_tr *t, const interp_op *op, unsigned n_left, bool *ends,
                    unsigned *skip) {
  const interp_op *next = n_left > 1 ? op + 1 : NULL;
  unsigned hid = jit_base_of[op->hid];
  x86_buf *b = t->b;
  *ends = false;
  *skip = 0;
  switch (hid) {
  case H_nop: break;
  case H_li: jit_put_imm(t, op->rd, (uint64_t)op->imm); break;
  case H_mv:
    if (HOST(op->rd) >= 0) {
      jit_load_into(t, HOST(op->rd), op->rs1);
    } else {
      int s = jit_src(t, op->rs1, RAX);
      x86_store(b, 64, XR(op->rd), s);
    }
    break;
  case H_addi: jit_alu_ri(t, op, X86_ADD, 64); break;
  case H_xori: jit_alu_ri(t, op, X86_XOR, 64); break;
  case H_ori: jit_alu_ri(t, op, X86_OR, 64); break;
  case H_andi: jit_alu_ri(t, op, X86_AND, 64); break;
  case H_addiw: jit_alu_ri(t, op, X86_ADD, 32); break;
  case H_add: jit_alu_rr(t, op, X86_ADD, 64, true); break;
  case H_sub: jit_alu_rr(t, op, X86_SUB, 64, false); break;
  case H_xor: jit_alu_rr(t, op, X86_XOR, 64, true); break;
  case H_or: jit_alu_rr(t, op, X86_OR, 64, true); break;
  case H_and: jit_alu_rr(t, op, X86_AND, 64, true); break;
  case H_addw: jit_alu_rr(t, op, X86_ADD, 32, true); break;
  case H_subw: jit_alu_rr(t, op, X86_SUB, 32, false); break;
  case H_slti: jit_set_less(t, op, X86_CC_L, true); break;
  case H_sltiu: jit_set_less(t, op, X86_CC_B, true); break;
  case H_slt: jit_set_less(t, op, X86_CC_L, false); break;
  case H_sltu: jit_set_less(t, op, X86_CC_B, false); break;
  case H_slli:
    /* slli rd, rs, 32; srli rd, rd, 32: zero-extension, one 32-bit mov */
    if (op->imm == 32 && next && jit_base_of[next->hid] == H_srli && next->imm == 32 &&
        next->rs1 == op->rd && next->rd == op->rd) {
      int d = jit_dreg(op->rd);
      int s = jit_src(t, op->rs1, RAX);
      x86_mov_rr(b, 32, d, s);
      jit_wb(t, op->rd, d);
      *skip = 1;
      break;
    }
    jit_shift_imm(t, op, X86_SHL, 64);
    break;
  case H_srli: jit_shift_imm(t, op, X86_SHR, 64); break;
  case H_srai: jit_shift_imm(t, op, X86_SAR, 64); break;
  case H_slliw: jit_shift_imm(t, op, X86_SHL, 32); break;
  case H_srliw: jit_shift_imm(t, op, X86_SHR, 32); break;
  case H_sraiw: jit_shift_imm(t, op, X86_SAR, 32); break;
  case H_sll: jit_shift_reg(t, op, X86_SHL, 64); break;
  case H_srl: jit_shift_reg(t, op, X86_SHR, 64); break;
  case H_sra: jit_shift_reg(t, op, X86_SAR, 64); break;
  case H_sllw: jit_shift_reg(t, op, X86_SHL, 32); break;
  case H_srlw: jit_shift_reg(t, op, X86_SHR, 32); break;
  case H_sraw: jit_shift_reg(t, op, X86_SAR, 32); break;
  case H_mul: jit_mul(t, op, 64); break;
  case H_mulw: jit_mul(t, op, 32); break;
  case H_mulh: case H_mulhu: case H_mulhsu: jit_mul_high(t, op, hid); break;
  case H_div: jit_divide(t, op, true, false, 64); break;
  case H_divu: jit_divide(t, op, false, false, 64); break;
  case H_rem: jit_divide(t, op, true, true, 64); break;
  case H_remu: jit_divide(t, op, false, true, 64); break;
  case H_divw: jit_divide(t, op, true, false, 32); break;
  case H_divuw: jit_divide(t, op, false, false, 32); break;
  case H_remw: jit_divide(t, op, true, true, 32); break;
  case H_remuw: jit_divide(t, op, false, true, 32); break;
  case H_lb: case H_lh: case H_lw: case H_ld: case H_lbu: case H_lhu: case H_lwu:
  case H_sb: case H_sh: case H_sw: case H_sd:   /* FP loads and stores: translate_fp.c */
    jit_mem(t, op);
    break;
  case H_fence:   /* the interpreter's fence is a full barrier too */
    x86_byte(b, 0x0f);
    x86_byte(b, 0xae);
    x86_byte(b, 0xf0);
    break;
  case H_beq: jit_branch(t, op, X86_CC_E); *ends = true; break;
  case H_bne: jit_branch(t, op, X86_CC_NE); *ends = true; break;
  case H_blt: jit_branch(t, op, X86_CC_L); *ends = true; break;
  case H_bge: jit_branch(t, op, X86_CC_GE); *ends = true; break;
  case H_bltu: jit_branch(t, op, X86_CC_B); *ends = true; break;
  case H_bgeu: jit_branch(t, op, X86_CC_AE); *ends = true; break;
  case H_jal: case H_j: case H_call:
    if (op->rd != CPU_XSINK)
      jit_put_imm(t, op->rd, op->pc + op->len);
    if (hid == H_call)
      jit_call_direct(t, op);
    else if (!t->fall_inline)
      jit_exit_direct(t, -1, (uint64_t)op->imm);
    *ends = true;
    break;
  case H_jalr: case H_callr: case H_ret:
    jit_jump_reg(t, op, hid);
    *ends = true;
    break;
  case H_next_block:
    if (!t->fall_inline)
      jit_exit_direct(t, -1, op->pc);
    *ends = true;
    break;
  case H_csrrw: case H_csrrs: case H_csrrc: case H_csrrwi: case H_csrrsi: case H_csrrci:
    if (!jit_csr_inline(op))
      return false;
    if (jit_emit_quiet_cmp(t, op, n_left)) {
      *skip = 2;
      break;
    }
    jit_emit_csr(t, op, hid);
    break;
  default: {
    if (jit_emit_fp(t, op, hid))
      break;
    jit_fp_fn fn = hid < OP_COUNT ? jit_fp_helper(hid) : NULL;
    if (!fn)
      return false;
    jit_call_fp(t, op, fn);
    break;
  }
  }
  return true;
}

/* The cold code: exit stubs, traps, slow paths. */
static void emit_colds(jit_tr *t) {
  x86_buf *b = t->b;
  for (unsigned i = 0; i < t->n_colds && !b->overflow; i++) {
    jit_cold *c = &t->colds[i];
    x86_patch_rel32(c->jump, b->p);
    switch (c->kind) {
    case JIT_COLD_SEGV:   /* address in rax */
      jit_lend_back(t);
      jit_fp_spill(t, c->fp);
      jit_set_pc(t, c->pc);
      x86_jmp(b, jit_fx.segv);
      break;
    case JIT_COLD_ASYNC:   /* a loop's head: a stop is pending */
      jit_lend_back(t);
      jit_set_pc(t, c->pc);
      x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
      x86_jmp(b, jit_fx.exit);
      break;
    case JIT_COLD_WIDE:
      jit_mem_wide(t, c);
      break;
    case JIT_COLD_ILLEGAL:
      jit_fp_spill(t, c->fp);
      jit_set_pc(t, c->pc);
      x86_jmp(b, jit_fx.illegal);
      break;
    case JIT_COLD_EXIT: {   /* return the executable address of the displacement, +1 when
                               the jump goes forward (it may skip the async_stop check) */
      jit_set_pc(t, c->pc);
      x86_lea(b, 64, RAX, x86_m(X86_RIP, 0));
      if (!b->overflow) {
        int32_t d = (int32_t)(c->jump - b->p) + (c->pc > t->blk->pc);
        memcpy(b->p - 4, &d, 4);
      }
      x86_jmp(b, jit_fx.exit);
      break;
    }
    case JIT_COLD_HELPER:
      jit_call_fp(t, c->op, jit_fp_helper(jit_base_of[c->op->hid]));
      x86_jmp(b, c->resume);
      break;
    case JIT_COLD_CLEAR_MXCSR:
      x86_ldmxcsr(b, x86_m(X86_RIP, 0));
      if (!b->overflow) {
        int32_t d = (int32_t)(jit_fx.mxcsr - b->p);
        memcpy(b->p - 4, &d, 4);
      }
      x86_jmp(b, c->resume);
      break;
    case JIT_COLD_FP:
      jit_fp_emit_cold(t, c);
      break;
    case JIT_COLD_CANON_D:
    case JIT_COLD_CANON_S:
      x86_mov_ri(b, RAX, c->kind == JIT_COLD_CANON_D ? UINT64_C(0x7ff8000000000000)
                                                    : UINT64_C(0x7fc00000));
      x86_movq_xr(b, 64, 0, RAX);
      x86_jmp(b, c->resume);
      break;
    }
  }
}

static jit_tr the_tr;

const jit_fault_rec *jit_translate_faults(unsigned *n) {
  *n = the_tr.n_faults;
  return the_tr.faults;
}

const jit_lend *jit_translate_lends(unsigned *n) {
  *n = the_tr.n_lends;
  return the_tr.lends;
}

bool jit_translatable(const interp_op *op);
bool jit_translatable(const interp_op *op) {
  unsigned h = jit_base_of[op->hid];
  if (h >= OP_COUNT)
    return h != H_fetch_fault;
  uint32_t f = isa_rows[h].flags;
  if ((f & F_CSR) && jit_csr_inline(op))
    return true;
  if ((f & (F_SYSTEM | F_CSR | F_ATOMIC)) || h == H_illegal)
    return false;
  return !(f & F_FP) || (f & (F_LOAD | F_STORE)) || jit_fp_helper(h);
}

/* The ops of b that have a translation (n, and the instructions among them). */
static unsigned translatable_prefix(const interp_block *b, unsigned *insns, unsigned *stop_hid) {
  unsigned n = 0;
  *insns = 0;
  for (; n < b->n_ops; n++) {
    unsigned h = jit_base_of[b->ops[n].hid];
    if (!jit_translatable(&b->ops[n])) {
      *stop_hid = h;
      break;
    }
    if (h != H_next_block)
      (*insns)++;
  }
  return n;
}

/* Superblocks: a block that ends in a conditional branch, a plain jump forward or a size or
 * page cap is continued by the block that follows on that path (the fall-through, the jump's
 * target), when the interpreter already has it and every op of it has a translation: the
 * path runs without a jump, an exit or an entry check between the blocks, and a not-taken
 * branch costs no more than its compare. Each section counts its own instructions on entry,
 * so instret stays exactly the interpreter's (blocks count whole on entry). The sections go
 * strictly forward in guest pc, so that side-table offsets stay positive, chaining's forward
 * rule (JIT_ENTRY_CHECK) still finds a checked jump in every cycle of translations, and no
 * block is repeated. Invalidation is all or nothing (interp/cache.c): the blocks behind a
 * superblock go away with it. Not under --verify, which compares one block's run. */
#define MAX_SECTIONS 8

static unsigned plan_sections(const jit_tr *t, const interp_block *blk, unsigned n,
                              const interp_block **secs) {
  secs[0] = blk;
  if (rvx_opts.verify || t->n_lends || n != blk->n_ops)
    return 1;
  unsigned nsecs = 1, total = n;
  while (nsecs < MAX_SECTIONS) {
    const interp_block *last_b = secs[nsecs - 1];
    const interp_op *last = &last_b->ops[last_b->n_ops - 1];
    unsigned h = jit_base_of[last->hid];
    uint64_t next;
    if (h >= H_beq && h <= H_bgeu)
      next = last->pc + last->len;
    else if (h == H_j)
      next = (uint64_t)last->imm;
    else if (h == H_next_block)
      next = last->pc;
    else
      break;
    if (next <= last->pc || next <= blk->pc)
      break;
    const interp_block *nb = interp_cache_find(next);
    unsigned insns, stop = H_COUNT;
    if (!nb || nb->pc != next || total + nb->n_ops > INTERP_MAX_OPS ||
        translatable_prefix(nb, &insns, &stop) != nb->n_ops)
      break;
    secs[nsecs++] = nb;
    total += nb->n_ops;
  }
  return nsecs;
}

static unsigned more_insns;   /* of the last translation: its sections past the first */

unsigned jit_translate_more_insns(void) { return more_insns; }

unsigned jit_translate(const interp_block *blk, x86_buf *b, unsigned *fallback_hid) {
  jit_init_base();
  jit_tr *t = &the_tr;   /* callers hold the translation lock */
  t->b = b;
  t->blk = blk;
  t->n_colds = t->n_faults = 0;
  *fallback_hid = H_COUNT;
  unsigned insns;
  unsigned n = translatable_prefix(blk, &insns, fallback_hid);
  if (n == 0)
    return 0;
  memcpy(jit_cur_host, jit_host_of, sizeof jit_cur_host);
  jit_plan_lends(t, blk, n);
  jit_fp_begin(t, blk, n);
  const interp_block *secs[MAX_SECTIONS];
  unsigned nsecs = plan_sections(t, blk, n, secs);
  /* Entry: a pending asynchronous stop leaves before anything runs or is counted. */
  x86_alu_mi(b, X86_CMP, 32, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, async_stop)), 0);
  uint8_t *async = x86_jcc(b, X86_CC_NE, NULL);
  if (x86_size(b) != JIT_ENTRY_CHECK)
    return 0;   /* cannot happen: the chaining code skips exactly this much */
  if (t->n_lends) {   /* a loop with lent registers: swap in, then the head */
    jit_lend_out(t);
    t->loop_head = b->p;
    x86_alu_mi(b, X86_CMP, 32, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, async_stop)), 0);
    jit_cold_at(t, x86_jcc(b, X86_CC_NE, NULL), JIT_COLD_ASYNC, NULL, blk->pc);
  }
  bool ended = false;
  t->checked = 0;
  more_insns = 0;
  for (unsigned s = 0; s < nsecs && !b->overflow; s++) {
    const interp_block *sb = secs[s];
    unsigned sn = n, stop;
    if (s > 0) {
      sn = translatable_prefix(sb, &insns, &stop);
      more_insns += insns;
    }
    x86_alu_ri(b, X86_ADD, 64, JIT_INSTRET, (int32_t)insns);
    t->left = insns;
    ended = false;
    for (unsigned i = 0; i < sn && !ended && !b->overflow;) {
      unsigned skip;
      /* the last op of a section another follows: its fall-through is that section */
      t->fall_inline = s + 1 < nsecs && i == sn - 1;
      if (i == sn - 1)   /* the exits of a section's last op see every FP register in cpu->f */
        jit_fp_flush(t);
      emit_op(t, &sb->ops[i], sn - i, &ended, &skip);
      for (unsigned k = i; k <= i + skip; k++) {
        t->checked &= ~(UINT64_C(1) << sb->ops[k].rd);
        t->left -= sb->ops[k].hid != H_next_block;
      }
      i += 1 + skip;
    }
    t->fall_inline = false;
    if (!ended) {   /* stopped before an op without translation: the interpreter runs it */
      jit_fp_flush(t);
      jit_exit_direct(t, -1, sb->ops[sn].pc);
    }
  }
  if (!b->overflow)
    x86_patch_rel32(async, b->p);
  jit_set_pc(t, blk->pc);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  x86_jmp(b, jit_fx.exit);
  emit_colds(t);
  return b->overflow ? 0 : n;
}
