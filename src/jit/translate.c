/* Translator, tier 1: one predecoded interpreter block (its interp_op array) becomes x86-64
 * code. The guest registers used most live in host registers (jit_host_of, fixed for every
 * translation, so chaining needs no spills); the others in cpu->x, and FP registers in
 * cpu->f (rbx holds cpu). Guest memory is [r15 + address] after the check address <
 * GUEST_SIZE (a rip-relative constant); an access that starts below GUEST_SIZE and runs past
 * it lands in the PROT_NONE guard (mem.h), so no guest address reaches host memory outside
 * the guest region. cpu->pc is not stored before accesses: every host instruction that may
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
 *          add r14 (instret), n
 *          <one sequence per op; a conditional branch is "jcc rel32; jmp rel32", both
 *           displacements 4-byte aligned so that chaining patches them with one store>
 *   cold:  <exit stubs: set pc, return the address of the displacement to patch>
 *          <traps, helper calls of the slow paths, NaN fix-ups>                        */
#include <stddef.h>
#include <string.h>

#include "interp/block.h"
#include "jit/jit_internal.h"
#include "mem/mem.h"
#include "util/options.h"

#define XR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, x) + 8 * (unsigned)(r)))
#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define CPU_PC x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, pc))
#define GMEM x86_mi(JIT_MEM, X86_RAX, 1, 0)

enum { RAX = X86_RAX, RCX = X86_RCX, RDX = X86_RDX, RSI = X86_RSI, RDI = X86_RDI,
       R8 = X86_R8, R9 = X86_R9 };

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

/* The mapping in effect in the translation being made: jit_host_of, plus a loop's lent
 * registers. */
static int8_t cur_host[33];
#define HOST(r) cur_host[(r)]

/* The base operation of every handler id: special forms map to the row whose semantics they
 * have (their fields are the row's fields). */
static uint16_t base_of[H_COUNT];

static void init_base(void) {
  if (base_of[H_COUNT - 1])
    return;
  for (unsigned i = 0; i < H_COUNT; i++)
    base_of[i] = (uint16_t)i;
#define ACC_BASE(id) base_of[H_##id##_acc] = H_##id;
  INTERP_ACC_OPS(ACC_BASE)
#undef ACC_BASE
#define BR_BASE2(h, br) base_of[H_##h##_##br] = H_##h;
#define BR_BASE(h) INTERP_BRS(BR_BASE2, h)
  INTERP_BR_HEADS(BR_BASE)
#undef BR_BASE
#undef BR_BASE2
  for (unsigned i = 0; i < H_COUNT; i++)
    base_of[i] = base_of[base_of[i]];
  base_of[H_sd_run] = H_sd;
  base_of[H_ld_run] = H_ld;
  base_of[H_lui] = H_li;
  base_of[H_auipc] = H_li;   /* the predecoder resolved the value */
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
static void load_into(jit_tr *t, int d, unsigned r) {
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
static void put_imm_via(jit_tr *t, unsigned rd, uint64_t v, int scratch) {
  if (HOST(rd) >= 0) {
    x86_mov_ri(t->b, HOST(rd), v);
  } else if ((int64_t)v == (int32_t)v) {
    x86_store_imm(t->b, 64, XR(rd), (int32_t)v);
  } else {
    x86_mov_ri(t->b, scratch, v);
    x86_store(t->b, 64, XR(rd), scratch);
  }
}

static void put_imm(jit_tr *t, unsigned rd, uint64_t v) { put_imm_via(t, rd, v, RAX); }

/* cpu->pc = pc (rcx is the scratch for a pc beyond 2^31). */
static void set_pc(jit_tr *t, uint64_t pc) {
  if (pc <= INT32_MAX) {
    x86_store_imm(t->b, 64, CPU_PC, (int32_t)pc);
  } else {
    x86_mov_ri(t->b, RCX, pc);
    x86_store(t->b, 64, CPU_PC, RCX);
  }
}

/* ---- cold code, side table ---- */

void jit_cold_at(jit_tr *t, uint8_t *jump, int kind, const interp_op *op, uint64_t pc) {
  t->colds[t->n_colds++] = (jit_cold){ jump, NULL, op, pc, kind };
}

/* The cold code added since first_cold comes back here. */
void jit_resume_here(jit_tr *t, unsigned first_cold) {
  for (unsigned i = first_cold; i < t->n_colds; i++)
    t->colds[i].resume = t->b->p;
}

/* The next host instruction may fault: it belongs to op. */
void jit_fault_here(jit_tr *t, const interp_op *op) {
  t->faults[t->n_faults++] = (jit_fault_rec){ (uint32_t)(t->b->p - t->b->start),
                                              (uint32_t)(op->pc - t->blk->pc) };
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
  x86_alu_rm(b, X86_CMP, 64, RAX, x86_m(X86_RIP, 0));
  if (!b->overflow) {   /* rip-relative: from the end of the cmp */
    int32_t d = (int32_t)(jit_fx.limit - b->p);
    memcpy(b->p - 4, &d, 4);
  }
  jit_cold_at(t, x86_jcc(b, X86_CC_AE, NULL), JIT_COLD_SEGV, op, op->pc);
}

/* A chainable jump to the translation of guest pc `target`: "jmp rel32" (or "jcc rel32"
 * when cc >= 0) with its displacement 4-byte aligned, first to a cold stub that returns to
 * the dispatcher, which may patch it to jump straight to target's translation. */
static void exit_direct(jit_tr *t, int cc, uint64_t target) {
  x86_buf *b = t->b;
  unsigned oplen = cc >= 0 ? 2 : 1;
  unsigned mis = (unsigned)((uintptr_t)(b->p + oplen) & 3);
  if (mis)
    x86_nop(b, 4 - mis);
  uint8_t *disp = cc >= 0 ? x86_jcc(b, (enum x86_cc)cc, NULL) : x86_jmp(b, NULL);
  jit_cold_at(t, disp, JIT_COLD_EXIT, NULL, target);
}

/* An exit to the guest pc in rax: looks the target up in the interpreter's jump cache and
 * jumps straight to its translation when there is one, else returns to the dispatcher. */
static void exit_indirect(jit_tr *t) {
  x86_buf *b = t->b;
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
static void call_direct(jit_tr *t, const interp_op *op) {
  x86_buf *b = t->b;
  uint64_t ret = op->pc + op->len;
  uint8_t *plain = ras_room(t);
  push_pc(t, ret);
  unsigned mis = (unsigned)((uintptr_t)(b->p + 1) & 3);
  if (mis)
    x86_nop(b, 4 - mis);
  uint8_t *disp = x86_call(b, NULL);
  jit_cold_at(t, disp, JIT_COLD_EXIT, NULL, (uint64_t)op->imm);
  exit_direct(t, -1, ret);
  if (!b->overflow)
    x86_patch_rel8(plain, b->p);
  exit_direct(t, -1, (uint64_t)op->imm);
}

/* ---- integer operations ---- */

/* x[rd] = x[rs1] OP x[rs2], 64-bit or 32-bit sign-extended (w = 32). */
static void alu_rr(jit_tr *t, const interp_op *op, enum x86_alu a, int w, bool commutative) {
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
  load_into(t, d, r1);
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
static void alu_ri(jit_tr *t, const interp_op *op, enum x86_alu a, int w) {
  x86_buf *b = t->b;
  int d = jit_dreg(op->rd);
  int32_t imm = (int32_t)op->imm;
  if (a == X86_ADD && HOST(op->rs1) >= 0 && HOST(op->rs1) != d) {
    x86_lea(b, w, d, x86_m(HOST(op->rs1), imm));
  } else {
    load_into(t, d, op->rs1);
    if (imm || w == 32 || a == X86_AND)
      x86_alu_ri(b, a, w, d, imm);
  }
  if (w == 32)
    x86_movsx_rr(b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

/* x[rd] = x[rs1] <cc x[rs2] (or imm) as 0/1 */
static void set_less(jit_tr *t, const interp_op *op, enum x86_cc cc, bool use_imm) {
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

static void shift_imm(jit_tr *t, const interp_op *op, enum x86_shift s, int w) {
  int d = jit_dreg(op->rd);
  load_into(t, d, op->rs1);
  x86_shift_ri(t->b, s, w, d, (uint8_t)op->imm);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

/* x86 masks the count to 6 (64-bit) or 5 (32-bit) bits, as RISC-V does. */
static void shift_reg(jit_tr *t, const interp_op *op, enum x86_shift s, int w) {
  load_into(t, RCX, op->rs2);
  int d = jit_dreg(op->rd);
  load_into(t, d, op->rs1);
  x86_shift_cl(t->b, s, w, d);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, d, d);
  jit_wb(t, op->rd, d);
}

static void mul(jit_tr *t, const interp_op *op, int w) {
  x86_buf *b = t->b;
  unsigned rd = op->rd, r1 = op->rs1, r2 = op->rs2;
  if (HOST(rd) >= 0 && rd == r2) {
    r2 = r1;
    r1 = rd;
  }
  int d = jit_dreg(rd);
  load_into(t, d, r1);
  if (HOST(r2) >= 0)
    x86_imul_rr(b, w, d, HOST(r2));
  else
    x86_imul_rm(b, w, d, XR(r2));
  if (w == 32)
    x86_movsx_rr(b, 64, 32, d, d);
  jit_wb(t, rd, d);
}

/* mulh, mulhu, mulhsu: the high half of the 128-bit product. */
static void mul_high(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  load_into(t, RAX, op->rs1);
  int s2 = jit_src(t, op->rs2, RCX);
  x86_unary(b, hid == H_mulh ? X86_IMUL1 : X86_MUL, 64, s2);
  if (hid == H_mulhsu) {   /* signed a * unsigned b = unsigned product - (a < 0 ? b << 64 : 0) */
    load_into(t, RAX, op->rs1);
    x86_shift_ri(b, X86_SAR, 64, RAX, 63);
    x86_alu_rr(b, X86_AND, 64, RAX, s2);
    x86_alu_rr(b, X86_SUB, 64, RDX, RAX);
  }
  jit_wb(t, op->rd, RDX);
}

/* div/divu/rem/remu and their W forms, with RISC-V's results for a zero divisor (quotient all
 * ones, remainder the dividend) and for the signed overflow MIN / -1 (quotient MIN,
 * remainder 0), where x86 would raise #DE. */
static void divide(jit_tr *t, const interp_op *op, bool is_signed, bool is_rem, int w) {
  x86_buf *b = t->b;
  load_into(t, RAX, op->rs1);
  load_into(t, RCX, op->rs2);
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

/* ---- memory ---- */

static void load(jit_tr *t, const interp_op *op, int bits, bool sign, bool fp) {
  x86_buf *b = t->b;
  jit_addr(t, op);
  int d = fp ? RCX : jit_dreg(op->rd);
  jit_fault_here(t, op);
  if (bits == 64)
    x86_load(b, 64, d, GMEM);
  else if (bits == 32 && (sign && !fp))
    x86_movsx_rm(b, 64, 32, d, GMEM);
  else if (bits == 32)
    x86_load(b, 32, d, GMEM);
  else if (sign)
    x86_movsx_rm(b, 64, bits, d, GMEM);
  else
    x86_movzx_rm(b, 32, bits, d, GMEM);
  if (!fp) {
    jit_wb(t, op->rd, d);
  } else if (bits == 64) {
    x86_store(b, 64, FR(op->rd), RCX);
  } else {   /* NaN-boxed */
    x86_store(b, 32, FR(op->rd), RCX);
    x86_store_imm(b, 32, x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8u * op->rd + 4)), -1);
  }
}

static void store(jit_tr *t, const interp_op *op, int bits, bool fp) {
  x86_buf *b = t->b;
  jit_addr(t, op);
  int v;
  if (fp) {
    x86_load(b, bits == 64 ? 64 : 32, RCX, FR(op->rs2));
    v = RCX;
  } else if (op->rs2 == 0) {
    jit_fault_here(t, op);
    x86_store_imm(b, bits, GMEM, 0);
    return;
  } else {
    v = jit_src(t, op->rs2, RCX);
  }
  jit_fault_here(t, op);
  x86_store(b, bits, GMEM, v);
}

/* ---- control ---- */

/* The lent host registers go back to their owners (cpu->x[guest] = host; host = owner). */
static void lend_back(jit_tr *t) {
  for (unsigned i = 0; i < t->n_lends; i++) {
    int h = jit_host_of[t->lends[i].owner];
    x86_store(t->b, 64, XR(t->lends[i].guest), h);
    x86_load(t->b, 64, h, XR(t->lends[i].owner));
  }
}

static void lend_out(jit_tr *t) {
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
static void plan_lends(jit_tr *t, const interp_block *blk, unsigned n) {
  t->n_lends = 0;
  t->loop_head = NULL;
  /* --verify compares one run of a block with the interpreter's: a loop kept inside the
   * translation would run many (this form is checked by tests/unit/test_jit_fault.c and the
   * suites instead). */
  if (rvx_opts.verify)
    return;
  const interp_op *last = &blk->ops[n - 1];
  unsigned lh = base_of[last->hid];
  if (n != blk->n_ops || lh < H_beq || lh > H_bgeu || (uint64_t)last->imm != blk->pc)
    return;
  unsigned uses[33] = { 0 };
  for (unsigned i = 0; i < n; i++) {
    const interp_op *op = &blk->ops[i];
    unsigned h = base_of[op->hid];
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
    cur_host[best] = jit_host_of[idle];
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
static void branch(jit_tr *t, const interp_op *op, enum x86_cc cc) {
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
    lend_back(t);
  } else {
    exit_direct(t, (int)cc, (uint64_t)op->imm);
  }
  exit_direct(t, -1, op->pc + op->len);
}

/* jalr and its forms: target = (x[rs1] + imm) & ~1, computed before x[rd] is written. A
 * return to the pc on top of the return stack is a host ret; an indirect call pushes its
 * return pc and host-calls the jump cache lookup. */
static void jump_reg(jit_tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  load_into(t, RAX, op->rs1);
  if (op->imm)
    x86_alu_ri(b, X86_ADD, 64, RAX, (int32_t)op->imm);
  x86_alu_ri(b, X86_AND, 64, RAX, -2);
  if (op->rd != CPU_XSINK)   /* rax holds the target */
    put_imm_via(t, op->rd, op->pc + op->len, RCX);
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
    exit_direct(t, -1, op->pc + op->len);
    if (!b->overflow) {
      x86_patch_rel8(plain, b->p);
      x86_patch_rel32(lookup, b->p);
    }
  }
  exit_indirect(t);
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

/* Emits op; returns false (emitting nothing) when it has no translation. *ends is set when
 * the op ends the translation (a jump or branch, which emitted its exits); *skip is how many
 * following ops it consumed (fused pairs). */
static bool emit_op(jit_tr *t, const interp_op *op, unsigned n_left, bool *ends,
                    unsigned *skip) {
  const interp_op *next = n_left > 1 ? op + 1 : NULL;
  unsigned hid = base_of[op->hid];
  x86_buf *b = t->b;
  *ends = false;
  *skip = 0;
  switch (hid) {
  case H_nop: break;
  case H_li: put_imm(t, op->rd, (uint64_t)op->imm); break;
  case H_mv:
    if (HOST(op->rd) >= 0) {
      load_into(t, HOST(op->rd), op->rs1);
    } else {
      int s = jit_src(t, op->rs1, RAX);
      x86_store(b, 64, XR(op->rd), s);
    }
    break;
  case H_addi: alu_ri(t, op, X86_ADD, 64); break;
  case H_xori: alu_ri(t, op, X86_XOR, 64); break;
  case H_ori: alu_ri(t, op, X86_OR, 64); break;
  case H_andi: alu_ri(t, op, X86_AND, 64); break;
  case H_addiw: alu_ri(t, op, X86_ADD, 32); break;
  case H_add: alu_rr(t, op, X86_ADD, 64, true); break;
  case H_sub: alu_rr(t, op, X86_SUB, 64, false); break;
  case H_xor: alu_rr(t, op, X86_XOR, 64, true); break;
  case H_or: alu_rr(t, op, X86_OR, 64, true); break;
  case H_and: alu_rr(t, op, X86_AND, 64, true); break;
  case H_addw: alu_rr(t, op, X86_ADD, 32, true); break;
  case H_subw: alu_rr(t, op, X86_SUB, 32, false); break;
  case H_slti: set_less(t, op, X86_CC_L, true); break;
  case H_sltiu: set_less(t, op, X86_CC_B, true); break;
  case H_slt: set_less(t, op, X86_CC_L, false); break;
  case H_sltu: set_less(t, op, X86_CC_B, false); break;
  case H_slli:
    /* slli rd, rs, 32; srli rd, rd, 32: zero-extension, one 32-bit mov */
    if (op->imm == 32 && next && base_of[next->hid] == H_srli && next->imm == 32 &&
        next->rs1 == op->rd && next->rd == op->rd) {
      int d = jit_dreg(op->rd);
      int s = jit_src(t, op->rs1, RAX);
      x86_mov_rr(b, 32, d, s);
      jit_wb(t, op->rd, d);
      *skip = 1;
      break;
    }
    shift_imm(t, op, X86_SHL, 64);
    break;
  case H_srli: shift_imm(t, op, X86_SHR, 64); break;
  case H_srai: shift_imm(t, op, X86_SAR, 64); break;
  case H_slliw: shift_imm(t, op, X86_SHL, 32); break;
  case H_srliw: shift_imm(t, op, X86_SHR, 32); break;
  case H_sraiw: shift_imm(t, op, X86_SAR, 32); break;
  case H_sll: shift_reg(t, op, X86_SHL, 64); break;
  case H_srl: shift_reg(t, op, X86_SHR, 64); break;
  case H_sra: shift_reg(t, op, X86_SAR, 64); break;
  case H_sllw: shift_reg(t, op, X86_SHL, 32); break;
  case H_srlw: shift_reg(t, op, X86_SHR, 32); break;
  case H_sraw: shift_reg(t, op, X86_SAR, 32); break;
  case H_mul: mul(t, op, 64); break;
  case H_mulw: mul(t, op, 32); break;
  case H_mulh: case H_mulhu: case H_mulhsu: mul_high(t, op, hid); break;
  case H_div: divide(t, op, true, false, 64); break;
  case H_divu: divide(t, op, false, false, 64); break;
  case H_rem: divide(t, op, true, true, 64); break;
  case H_remu: divide(t, op, false, true, 64); break;
  case H_divw: divide(t, op, true, false, 32); break;
  case H_divuw: divide(t, op, false, false, 32); break;
  case H_remw: divide(t, op, true, true, 32); break;
  case H_remuw: divide(t, op, false, true, 32); break;
  case H_lb: load(t, op, 8, true, false); break;
  case H_lh: load(t, op, 16, true, false); break;
  case H_lw: load(t, op, 32, true, false); break;
  case H_ld: load(t, op, 64, true, false); break;
  case H_lbu: load(t, op, 8, false, false); break;
  case H_lhu: load(t, op, 16, false, false); break;
  case H_lwu: load(t, op, 32, false, false); break;
  case H_flw: load(t, op, 32, false, true); break;
  case H_fld: load(t, op, 64, false, true); break;
  case H_sb: store(t, op, 8, false); break;
  case H_sh: store(t, op, 16, false); break;
  case H_sw: store(t, op, 32, false); break;
  case H_sd: store(t, op, 64, false); break;
  case H_fsw: store(t, op, 32, true); break;
  case H_fsd: store(t, op, 64, true); break;
  case H_fence:   /* the interpreter's fence is a full barrier too */
    x86_byte(b, 0x0f);
    x86_byte(b, 0xae);
    x86_byte(b, 0xf0);
    break;
  case H_beq: branch(t, op, X86_CC_E); *ends = true; break;
  case H_bne: branch(t, op, X86_CC_NE); *ends = true; break;
  case H_blt: branch(t, op, X86_CC_L); *ends = true; break;
  case H_bge: branch(t, op, X86_CC_GE); *ends = true; break;
  case H_bltu: branch(t, op, X86_CC_B); *ends = true; break;
  case H_bgeu: branch(t, op, X86_CC_AE); *ends = true; break;
  case H_jal: case H_j: case H_call:
    if (op->rd != CPU_XSINK)
      put_imm(t, op->rd, op->pc + op->len);
    if (hid == H_call)
      call_direct(t, op);
    else
      exit_direct(t, -1, (uint64_t)op->imm);
    *ends = true;
    break;
  case H_jalr: case H_callr: case H_ret:
    jump_reg(t, op, hid);
    *ends = true;
    break;
  case H_next_block:
    exit_direct(t, -1, op->pc);
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
      lend_back(t);
      set_pc(t, c->pc);
      x86_jmp(b, jit_fx.segv);
      break;
    case JIT_COLD_ASYNC:   /* a loop's head: a stop is pending */
      lend_back(t);
      set_pc(t, c->pc);
      x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
      x86_jmp(b, jit_fx.exit);
      break;
    case JIT_COLD_ILLEGAL:
      set_pc(t, c->pc);
      x86_jmp(b, jit_fx.illegal);
      break;
    case JIT_COLD_EXIT: {   /* return the executable address of the displacement, +1 when
                               the jump goes forward (it may skip the async_stop check) */
      set_pc(t, c->pc);
      x86_lea(b, 64, RAX, x86_m(X86_RIP, 0));
      if (!b->overflow) {
        int32_t d = (int32_t)(c->jump - b->p) + (c->pc > t->blk->pc);
        memcpy(b->p - 4, &d, 4);
      }
      x86_jmp(b, jit_fx.exit);
      break;
    }
    case JIT_COLD_HELPER:
      jit_call_fp(t, c->op, jit_fp_helper(base_of[c->op->hid]));
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
  unsigned h = base_of[op->hid];
  if (h >= OP_COUNT)
    return h != H_fetch_fault;
  uint32_t f = isa_rows[h].flags;
  if ((f & F_CSR) && jit_csr_inline(op))
    return true;
  if ((f & (F_SYSTEM | F_CSR | F_ATOMIC)) || h == H_illegal)
    return false;
  return !(f & F_FP) || (f & (F_LOAD | F_STORE)) || jit_fp_helper(h);
}

unsigned jit_translate(const interp_block *blk, x86_buf *b, unsigned *fallback_hid) {
  init_base();
  jit_tr *t = &the_tr;   /* callers hold the translation lock */
  t->b = b;
  t->blk = blk;
  t->n_colds = t->n_faults = 0;
  *fallback_hid = H_COUNT;
  /* How many ops have a translation, and the instructions among them. */
  unsigned n = 0, insns = 0;
  for (; n < blk->n_ops; n++) {
    unsigned h = base_of[blk->ops[n].hid];
    if (!jit_translatable(&blk->ops[n])) {
      *fallback_hid = h;
      break;
    }
    if (h != H_next_block)
      insns++;
  }
  if (n == 0)
    return 0;
  memcpy(cur_host, jit_host_of, sizeof cur_host);
  plan_lends(t, blk, n);
  /* Entry: a pending asynchronous stop leaves before anything runs or is counted. */
  x86_alu_mi(b, X86_CMP, 32, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, async_stop)), 0);
  uint8_t *async = x86_jcc(b, X86_CC_NE, NULL);
  if (x86_size(b) != JIT_ENTRY_CHECK)
    return 0;   /* cannot happen: the chaining code skips exactly this much */
  if (t->n_lends) {   /* a loop with lent registers: swap in, then the head */
    lend_out(t);
    t->loop_head = b->p;
    x86_alu_mi(b, X86_CMP, 32, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, async_stop)), 0);
    jit_cold_at(t, x86_jcc(b, X86_CC_NE, NULL), JIT_COLD_ASYNC, NULL, blk->pc);
  }
  x86_alu_ri(b, X86_ADD, 64, JIT_INSTRET, (int32_t)insns);
  bool ended = false;
  for (unsigned i = 0; i < n && !ended && !b->overflow;) {
    unsigned skip;
    emit_op(t, &blk->ops[i], n - i, &ended, &skip);
    i += 1 + skip;
  }
  if (!ended)   /* stopped before an op without translation: the interpreter runs it */
    exit_direct(t, -1, blk->ops[n].pc);
  if (!b->overflow)
    x86_patch_rel32(async, b->p);
  set_pc(t, blk->pc);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  x86_jmp(b, jit_fx.exit);
  emit_colds(t);
  return b->overflow ? 0 : n;
}
