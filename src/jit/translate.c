/* Translator, tier 1: one predecoded interpreter block (its interp_op array) becomes x86-64
 * code. Every guest register lives in cpu->x / cpu->f (rbx holds cpu), so the guest state in
 * memory is exact after every instruction and a host fault needs no side table: only cpu->pc,
 * which each op that may fault stores first. Guest memory is [r15 + address] after the check
 * address < r14 (= GUEST_SIZE); an access that starts below GUEST_SIZE and runs past it lands
 * in the PROT_NONE guard (mem.h), so no guest address reaches host memory outside the guest
 * region. Integer RV64IM, loads and stores (also FP), jumps and branches are translated
 * directly, FP computations call their fpu_<id> helper; anything else (CSRs, atomics, ecall,
 * ebreak, fence.i, illegal words) ends the translation just before it, and the interpreter
 * runs it.
 *
 * Layout of a translation:
 *   entry: cmp dword [cpu.async_stop], 0; jne async_exit; add qword [cpu.instret], n
 *          <one sequence per op>
 *          <exit stubs: chainable "jmp rel32" + set pc + return the stub's address>
 *          <cold stubs: traps>                                                       */
#include <stddef.h>
#include <string.h>

#include "interp/block.h"
#include "jit/jit_internal.h"
#include "mem/mem.h"

#define XR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, x) + 8 * (unsigned)(r)))
#define FR(r) x86_m(JIT_CPU, (int32_t)(offsetof(rv_cpu, f) + 8 * (unsigned)(r)))
#define CPU_PC x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, pc))
#define GMEM(reg) x86_mi(JIT_MEM, (reg), 1, 0)

enum { RAX = X86_RAX, RCX = X86_RCX, RDX = X86_RDX, RSI = X86_RSI, RDI = X86_RDI,
       R8 = X86_R8, R9 = X86_R9, R11 = X86_R11 };

/* Cold code to emit after the block: a trap with its guest pc. */
typedef struct cold {
  uint8_t *jump;    /* the jcc displacement to point at it */
  uint64_t pc;
  int kind;         /* COLD_SEGV (address in rax) or COLD_ILLEGAL */
} cold;
enum { COLD_SEGV, COLD_ILLEGAL };

typedef struct tr {
  x86_buf *b;
  cold colds[2 * INTERP_MAX_OPS + 4];
  unsigned n_colds;
  uint8_t *segv_jumps[INTERP_MAX_OPS + 2];   /* address-check failures (pc already set) */
  unsigned n_segv;
} tr;

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

/* x[rd] = imm */
static void put_imm(tr *t, unsigned rd, uint64_t v) {
  if ((int64_t)v == (int32_t)v) {
    x86_store_imm(t->b, 64, XR(rd), (int32_t)v);
  } else {
    x86_mov_ri(t->b, RAX, v);
    x86_store(t->b, 64, XR(rd), RAX);
  }
}

static void set_pc(tr *t, uint64_t pc) {
  if (pc <= INT32_MAX) {
    x86_store_imm(t->b, 64, CPU_PC, (int32_t)pc);
  } else {
    x86_mov_ri(t->b, R11, pc);
    x86_store(t->b, 64, CPU_PC, R11);
  }
}

/* rax = x[rs1] + imm, the guest address of a load or store, checked to lie in the guest
 * space (else the guest SIGSEGV, at this op's pc, stored first). */
static void address(tr *t, const interp_op *op) {
  set_pc(t, op->pc);
  x86_load(t->b, 64, RAX, XR(op->rs1));
  if (op->imm)
    x86_alu_ri(t->b, X86_ADD, 64, RAX, (int32_t)op->imm);
  x86_alu_rr(t->b, X86_CMP, 64, RAX, JIT_LIMIT);
  t->segv_jumps[t->n_segv++] = x86_jcc(t->b, X86_CC_AE, NULL);
}

/* A chainable exit to a fixed guest pc: "jmp rel32" (4-byte aligned displacement, so that
 * patching it is one atomic store), initially to the next instruction; then cpu->pc = target
 * and return the stub's (executable) address to the dispatcher, which may patch the jmp to
 * go straight to the target's translation. */
static void exit_direct(tr *t, uint64_t target) {
  x86_buf *b = t->b;
  unsigned mis = (unsigned)((uintptr_t)(b->p + 1) & 3);
  if (mis)
    x86_nop(b, 4 - mis);
  uint8_t *stub = b->p;
  x86_jmp(b, b->p + 5);
  set_pc(t, target);
  x86_lea(b, 64, RAX, x86_m(X86_RIP, 0));
  /* rip-relative to the stub: the displacement counts from the end of the lea */
  if (!b->overflow) {
    int32_t d = (int32_t)(stub - b->p);
    memcpy(b->p - 4, &d, 4);
  }
  x86_jmp(b, jit_fx.exit_w);
}

/* An exit to the guest pc in rax: looks the target up in the interpreter's jump cache and
 * jumps straight to its translation when there is one, else returns to the dispatcher. */
static void exit_indirect(tr *t) {
  x86_buf *b = t->b;
  x86_store(b, 64, CPU_PC, RAX);
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
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  x86_jmp(b, jit_fx.exit_w);
}

/* x[rd] = x[rs1] OP x[rs2] (or OP imm), 64-bit or 32-bit sign-extended (w = 32). */
static void alu(tr *t, const interp_op *op, enum x86_alu a, int w, bool use_imm) {
  x86_load(t->b, w, RAX, XR(op->rs1));
  if (use_imm)
    x86_alu_ri(t->b, a, w, RAX, (int32_t)op->imm);
  else
    x86_alu_rm(t->b, a, w, RAX, XR(op->rs2));
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, RAX, RAX);
  x86_store(t->b, 64, XR(op->rd), RAX);
}

/* x[rd] = x[rs1] <cc x[rs2] (or imm) as 0/1 */
static void set_less(tr *t, const interp_op *op, enum x86_cc cc, bool use_imm) {
  x86_load(t->b, 64, RAX, XR(op->rs1));
  x86_alu_rr(t->b, X86_XOR, 32, RCX, RCX);
  if (use_imm)
    x86_alu_ri(t->b, X86_CMP, 64, RAX, (int32_t)op->imm);
  else
    x86_alu_rm(t->b, X86_CMP, 64, RAX, XR(op->rs2));
  x86_setcc(t->b, cc, RCX);
  x86_store(t->b, 64, XR(op->rd), RCX);
}

static void shift_imm(tr *t, const interp_op *op, enum x86_shift s, int w) {
  x86_load(t->b, w, RAX, XR(op->rs1));
  x86_shift_ri(t->b, s, w, RAX, (uint8_t)op->imm);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, RAX, RAX);
  x86_store(t->b, 64, XR(op->rd), RAX);
}

/* x86 masks the count to 6 (64-bit) or 5 (32-bit) bits, as RISC-V does. */
static void shift_reg(tr *t, const interp_op *op, enum x86_shift s, int w) {
  x86_load(t->b, 32, RCX, XR(op->rs2));
  x86_load(t->b, w, RAX, XR(op->rs1));
  x86_shift_cl(t->b, s, w, RAX);
  if (w == 32)
    x86_movsx_rr(t->b, 64, 32, RAX, RAX);
  x86_store(t->b, 64, XR(op->rd), RAX);
}

/* mulh, mulhu, mulhsu: the high half of the 128-bit product. */
static void mul_high(tr *t, const interp_op *op, unsigned hid) {
  x86_buf *b = t->b;
  x86_load(b, 64, RAX, XR(op->rs1));
  x86_load(b, 64, RCX, XR(op->rs2));
  x86_unary(b, hid == H_mulh ? X86_IMUL1 : X86_MUL, 64, RCX);
  if (hid == H_mulhsu) {   /* signed a * unsigned b = unsigned product - (a < 0 ? b << 64 : 0) */
    x86_load(b, 64, RAX, XR(op->rs1));
    x86_shift_ri(b, X86_SAR, 64, RAX, 63);
    x86_alu_rr(b, X86_AND, 64, RAX, RCX);
    x86_alu_rr(b, X86_SUB, 64, RDX, RAX);
  }
  x86_store(b, 64, XR(op->rd), RDX);
}

/* div/divu/rem/remu and their W forms, with RISC-V's results for a zero divisor (quotient all
 * ones, remainder the dividend) and for the signed overflow MIN / -1 (quotient MIN,
 * remainder 0), where x86 would raise #DE. */
static void divide(tr *t, const interp_op *op, bool is_signed, bool is_rem, int w) {
  x86_buf *b = t->b;
  x86_load(b, w, RAX, XR(op->rs1));
  x86_load(b, w, RCX, XR(op->rs2));
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
  x86_store(b, 64, XR(op->rd), RAX);
}

static void load(tr *t, const interp_op *op, int bits, bool sign, bool fp) {
  x86_buf *b = t->b;
  address(t, op);
  if (bits == 64)
    x86_load(b, 64, RAX, GMEM(RAX));
  else if (bits == 32 && sign)
    x86_movsx_rm(b, 64, 32, RAX, GMEM(RAX));
  else if (bits == 32)
    x86_load(b, 32, RAX, GMEM(RAX));
  else if (sign)
    x86_movsx_rm(b, 64, bits, RAX, GMEM(RAX));
  else
    x86_movzx_rm(b, 32, bits, RAX, GMEM(RAX));
  if (fp && bits == 32) {   /* NaN-box */
    x86_mov_ri(b, RCX, UINT64_C(0xffffffff00000000));
    x86_alu_rr(b, X86_OR, 64, RAX, RCX);
  }
  x86_store(b, 64, fp ? FR(op->rd) : XR(op->rd), RAX);
}

static void store(tr *t, const interp_op *op, int bits, bool fp) {
  address(t, op);
  x86_load(t->b, 64, RCX, fp ? FR(op->rs2) : XR(op->rs2));
  x86_store(t->b, bits, GMEM(RAX), RCX);
}

static void branch(tr *t, const interp_op *op, enum x86_cc taken) {
  x86_load(t->b, 64, RAX, XR(op->rs1));
  x86_alu_rm(t->b, X86_CMP, 64, RAX, XR(op->rs2));
  uint8_t *fall = x86_jcc(t->b, (enum x86_cc)(taken ^ 1), NULL);
  exit_direct(t, (uint64_t)op->imm);
  if (!t->b->overflow)
    x86_patch_rel32(fall, t->b->p);
  exit_direct(t, op->pc + op->len);
}

/* jalr and its forms: target = (x[rs1] + imm) & ~1, computed before x[rd] is written. */
static void jump_reg(tr *t, const interp_op *op) {
  x86_load(t->b, 64, RAX, XR(op->rs1));
  if (op->imm)
    x86_alu_ri(t->b, X86_ADD, 64, RAX, (int32_t)op->imm);
  x86_alu_ri(t->b, X86_AND, 64, RAX, -2);
  if (op->rd != CPU_XSINK) {
    x86_mov_ri(t->b, RCX, op->pc + op->len);
    x86_store(t->b, 64, XR(op->rd), RCX);
  }
  exit_indirect(t);
}

/* An FP computation: fpu_<id>(cpu, rd, rs1, rs2, rs3, rm), non-zero when illegal. */
static void fp_call(tr *t, const interp_op *op, jit_fp_fn fn) {
  x86_buf *b = t->b;
  x86_mov_rr(b, 64, RDI, JIT_CPU);
  x86_mov_ri(b, RSI, op->rd);
  x86_mov_ri(b, RDX, op->rs1);
  x86_mov_ri(b, RCX, op->rs2);
  x86_mov_ri(b, R8, op->rs3);
  x86_mov_ri(b, R9, op->rm);
  x86_mov_ri64(b, RAX, (uint64_t)(uintptr_t)fn);
  x86_call_r(b, RAX);
  x86_test_rr(b, 32, RAX, RAX);
  t->colds[t->n_colds++] = (cold){ x86_jcc(b, X86_CC_NE, NULL), op->pc, COLD_ILLEGAL };
}

/* Emits op; returns false (emitting nothing) when it has no translation. *ends is set when
 * the op ends the translation (a jump or branch, which emitted its exits). */
static bool emit_op(tr *t, const interp_op *op, bool *ends) {
  unsigned hid = base_of[op->hid];
  x86_buf *b = t->b;
  *ends = false;
  switch (hid) {
  case H_nop: break;
  case H_li: put_imm(t, op->rd, (uint64_t)op->imm); break;
  case H_mv:
    x86_load(b, 64, RAX, XR(op->rs1));
    x86_store(b, 64, XR(op->rd), RAX);
    break;
  case H_addi: alu(t, op, X86_ADD, 64, true); break;
  case H_xori: alu(t, op, X86_XOR, 64, true); break;
  case H_ori: alu(t, op, X86_OR, 64, true); break;
  case H_andi: alu(t, op, X86_AND, 64, true); break;
  case H_addiw: alu(t, op, X86_ADD, 32, true); break;
  case H_add: alu(t, op, X86_ADD, 64, false); break;
  case H_sub: alu(t, op, X86_SUB, 64, false); break;
  case H_xor: alu(t, op, X86_XOR, 64, false); break;
  case H_or: alu(t, op, X86_OR, 64, false); break;
  case H_and: alu(t, op, X86_AND, 64, false); break;
  case H_addw: alu(t, op, X86_ADD, 32, false); break;
  case H_subw: alu(t, op, X86_SUB, 32, false); break;
  case H_slti: set_less(t, op, X86_CC_L, true); break;
  case H_sltiu: set_less(t, op, X86_CC_B, true); break;
  case H_slt: set_less(t, op, X86_CC_L, false); break;
  case H_sltu: set_less(t, op, X86_CC_B, false); break;
  case H_slli: shift_imm(t, op, X86_SHL, 64); break;
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
  case H_mul:
  case H_mulw: {
    int w = hid == H_mul ? 64 : 32;
    x86_load(b, w, RAX, XR(op->rs1));
    x86_load(b, w, RCX, XR(op->rs2));
    x86_imul_rr(b, w, RAX, RCX);
    if (w == 32)
      x86_movsx_rr(b, 64, 32, RAX, RAX);
    x86_store(b, 64, XR(op->rd), RAX);
    break;
  }
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
    exit_direct(t, (uint64_t)op->imm);
    *ends = true;
    break;
  case H_jalr: case H_callr: case H_ret:
    jump_reg(t, op);
    *ends = true;
    break;
  case H_next_block:
    exit_direct(t, op->pc);
    *ends = true;
    break;
  default: {
    jit_fp_fn fn = hid < OP_COUNT ? jit_fp_helper(hid) : NULL;
    if (!fn)
      return false;
    fp_call(t, op, fn);
    break;
  }
  }
  return true;
}

/* The cold code: traps, each calling its helper with cpu->pc set. */
static void emit_colds(tr *t) {
  x86_buf *b = t->b;
  if (t->n_segv) {   /* address in rax, pc already stored */
    for (unsigned i = 0; i < t->n_segv && !b->overflow; i++)
      x86_patch_rel32(t->segv_jumps[i], b->p);
    x86_mov_rr(b, 64, RDI, JIT_CPU);
    x86_mov_rr(b, 64, RSI, RAX);
    x86_mov_ri64(b, RAX, (uint64_t)(uintptr_t)jit_trap_segv);
    x86_call_r(b, RAX);
  }
  for (unsigned i = 0; i < t->n_colds; i++) {
    cold *c = &t->colds[i];
    if (!b->overflow)
      x86_patch_rel32(c->jump, b->p);
    set_pc(t, c->pc);
    x86_mov_rr(b, 64, RDI, JIT_CPU);
    x86_mov_ri64(b, RAX, (uint64_t)(uintptr_t)jit_trap_illegal);
    x86_call_r(b, RAX);
  }
}

unsigned jit_translate(const interp_block *blk, x86_buf *b, unsigned *fallback_hid) {
  init_base();
  static tr t;
  memset(&t, 0, sizeof t);
  t.b = b;
  *fallback_hid = H_COUNT;
  /* How many ops have a translation, and the instructions among them. */
  unsigned n = 0, insns = 0;
  for (; n < blk->n_ops; n++) {
    unsigned h = base_of[blk->ops[n].hid];
    bool ok = h < OP_COUNT ? (!(isa_rows[h].flags & (F_SYSTEM | F_CSR | F_ATOMIC)) &&
                              h != H_illegal && (!(isa_rows[h].flags & F_FP) ||
                              (isa_rows[h].flags & (F_LOAD | F_STORE)) || jit_fp_helper(h)))
                           : h != H_fetch_fault;
    if (!ok) {
      *fallback_hid = h;
      break;
    }
    if (h != H_next_block)
      insns++;
  }
  if (n == 0)
    return 0;
  /* Entry: a pending asynchronous stop leaves before anything runs or is counted. */
  x86_alu_mi(b, X86_CMP, 32, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, async_stop)), 0);
  uint8_t *async = x86_jcc(b, X86_CC_NE, NULL);
  x86_alu_mi(b, X86_ADD, 64, x86_m(JIT_CPU, (int32_t)offsetof(rv_cpu, instret)), (int32_t)insns);
  bool ended = false;
  for (unsigned i = 0; i < n && !ended; i++)
    emit_op(&t, &blk->ops[i], &ended);
  if (!ended)   /* stopped before an op without translation: the interpreter runs it */
    exit_direct(&t, blk->ops[n].pc);
  if (!b->overflow)
    x86_patch_rel32(async, b->p);
  set_pc(&t, blk->pc);
  x86_alu_rr(b, X86_XOR, 32, RAX, RAX);
  x86_jmp(b, jit_fx.exit_w);
  emit_colds(&t);
  return b->overflow ? 0 : n;
}
