/* Interpreter predecoder: the guest instructions of one basic block become an array of
 * interp_op with every field extracted and the common special cases resolved once (x0
 * destinations, pc-relative values, li/mv/j/call/ret), so handlers do no decoding at all.
 *
 * A block starts at a pc the guest jumps to and ends after a branch, jump or system
 * instruction, after an illegal word, before the first instruction that starts on another
 * page, or after INTERP_MAX_OPS instructions. Nothing traps here except the fetch of the
 * block's first instruction: a later word that turns out illegal, or the second half of an
 * instruction on a page we may not execute, becomes an op that traps when (if ever) reached. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include "exc/exc.h"
#include "interp/block.h"
#include "mem/mem.h"

#define PAGE_MASK (~(uint64_t)(GUEST_PAGE - 1))

/* Whether guest address g may be executed; else *code is the SIGSEGV si_code a fetch gets. */
static bool can_exec(uint64_t g, int *code) {
  int prot = g < GUEST_SIZE ? mem_prot_at(g) : -1;
  if (prot < 0) {
    *code = SEGV_MAPERR;
    return false;
  }
  if (!(prot & PROT_EXEC)) {
    *code = SEGV_ACCERR;
    return false;
  }
  return true;
}

static uint16_t fetch16(uint64_t g) {
  uint16_t v;
  mem_guest_copy(&v, mem_g2h(g), sizeof v);
  return v;
}

/* Fills op from a decoded instruction at pc, choosing the handler. Returns whether the
 * instruction writes an integer register. */
static bool fill(interp_op *op, const isa_insn *in, uint64_t pc) {
  uint32_t flags = isa_rows[in->op].flags;
  bool int_rd = !(flags & (F_NO_RD | F_RD_FP));
  op->hid = in->op;
  op->rd = in->rd;
  op->rs1 = in->rs1;
  op->rs2 = in->rs2;
  op->rs3 = in->rs3;
  op->rm = in->rm;
  op->imm = in->imm;
  if (int_rd && in->rd == 0)
    op->rd = CPU_XSINK;
  switch (in->op) {
  case OP_lui:
    op->hid = H_li;
    break;
  case OP_auipc:
    op->imm = (int64_t)(pc + (uint64_t)in->imm);
    break;
  case OP_addi:
    if (in->rs1 == 0)
      op->hid = H_li;
    else if (in->imm == 0)
      op->hid = H_mv;
    break;
  case OP_add:   /* c.mv is add rd, x0, rs2 */
    if (in->rs1 == 0) {
      op->hid = H_mv;
      op->rs1 = in->rs2;
    } else if (in->rs2 == 0) {
      op->hid = H_mv;
    }
    break;
  case OP_jal:   /* the psABI's link registers are ra and t0 (x5) */
    op->imm = (int64_t)(pc + (uint64_t)in->imm);
    if (in->rd == 0)
      op->hid = H_j;
    else if (in->rd == REG_RA || in->rd == 5)
      op->hid = H_call;
    break;
  case OP_jalr:
    if (in->rd == 0 && in->imm == 0 && (in->rs1 == REG_RA || in->rs1 == 5))
      op->hid = H_ret;
    else if (in->rd == REG_RA || in->rd == 5)
      op->hid = H_callr;
    break;
  case OP_beq: case OP_bne: case OP_blt: case OP_bge: case OP_bltu: case OP_bgeu:
    op->imm = (int64_t)(pc + (uint64_t)in->imm);
    break;
  case OP_csrrw: case OP_csrrs: case OP_csrrc:
  case OP_csrrwi: case OP_csrrsi: case OP_csrrci:
    op->imm = in->imm & 0xfff;   /* the pending count is added when the block is complete */
    break;
  default:
    break;
  }
  /* Plain integer computations into x0 (nop and the HINT space) need not run at all. */
  if (int_rd && in->rd == 0 && (flags & ~F_W_OP) == 0)
    op->hid = H_nop;
  return int_rd;
}

/* The _acc form of each handler that has one (0: none). */
static const uint16_t acc_form[H_COUNT] = {
#define ACC_FORM(id) [H_##id] = H_##id##_acc,
  INTERP_ACC_OPS(ACC_FORM)
#undef ACC_FORM
};
/* Handlers that leave their result in the accumulator. */
static const bool acc_writer[H_COUNT] = {
#define ACC_WRITER(id) [H_##id] = true,
  INTERP_ACC_OPS(ACC_WRITER)
#undef ACC_WRITER
  [H_li] = true, [H_auipc] = true,
};

static bool commutative(unsigned hid) {
  return hid == H_add || hid == H_xor || hid == H_or || hid == H_and || hid == H_addw ||
         hid == H_mul || hid == H_mulw;
}

/* Picks the _acc form when x[rs1] (or, swapping, x[rs2]) is what the accumulator holds, and
 * tracks which register it holds after this op (*acc_reg, -1 for none). */
static void use_acc(interp_op *op, bool int_rd, int *acc_reg) {
  unsigned hid = op->hid;
  if (acc_form[hid] && *acc_reg > 0) {
    if (op->rs1 == *acc_reg) {
      op->hid = acc_form[hid];
    } else if (commutative(hid) && op->rs2 == *acc_reg) {
      op->rs2 = op->rs1;
      op->rs1 = (uint8_t)*acc_reg;
      op->hid = acc_form[hid];
    }
  }
  if (acc_writer[hid])
    *acc_reg = op->rd;    /* CPU_XSINK never matches a source register */
  else if (int_rd)
    *acc_reg = -1;
}

/* Fuses runs of sd, and of ld, that share a base register into one sd_run / ld_run op at
 * the head of the run (the others stay in place to supply their fields and be skipped).
 * Only plain H_ld heads a run (an ld_acc takes its base from the accumulator); a load that
 * overwrites the base ends the run, as the handler reads the base once. */
static void fuse_runs(interp_op *out, unsigned n) {
  for (unsigned i = 0; i < n;) {
    unsigned hid = out[i].hid, j = i + 1;
    if (hid == H_sd || hid == H_ld) {
      uint8_t base = out[i].rs1;
      bool done = hid == H_ld && out[i].rd == base;
      while (!done && j < n && j - i < 255 && out[j].hid == hid && out[j].rs1 == base) {
        done = hid == H_ld && out[j].rd == base;
        j++;
      }
      if (j - i >= 2) {
        out[i].hid = hid == H_sd ? H_sd_run : H_ld_run;
        out[i].rm = (uint8_t)(j - i);
      }
    }
    i = j;
  }
}

/* The fused form of each head (INTERP_BR_HEADS) with each branch, in INTERP_BRS order. */
static const uint16_t br_fused[H_COUNT][6] = {
#define BR_FUSED2(h, br) H_##h##_##br,
#define BR_FUSED(h) [H_##h] = { INTERP_BRS(BR_FUSED2, h) },
  INTERP_BR_HEADS(BR_FUSED)
#undef BR_FUSED
#undef BR_FUSED2
};

/* Fuses an ALU op with the conditional branch that ends the block after it. */
static void fuse_branch(interp_op *out, unsigned n) {
  static const uint16_t brs[6] = { H_beq, H_bne, H_blt, H_bge, H_bltu, H_bgeu };
  if (n < 2)
    return;
  interp_op *h = &out[n - 2];
  for (unsigned k = 0; k < 6; k++)
    if (out[n - 1].hid == brs[k] && br_fused[h->hid][0])
      h->hid = br_fused[h->hid][k];
}

__thread unsigned interp_predecode_limit = INTERP_MAX_OPS;

unsigned interp_predecode(rv_cpu *cpu, uint64_t pc, interp_op *out, uint64_t *end,
                          unsigned *n_insns) {
  int code;
  if (!can_exec(pc, &code)) {
    cpu->pc = pc;
    exc_guest_trap(cpu, SIGSEGV, code, pc);
  }
  uint64_t page = pc & PAGE_MASK;
  unsigned n = 0, insns = 0;
  int acc_reg = -1;
  for (;;) {
    interp_op *op = &out[n++];
    memset(op, 0, sizeof *op);
    op->pc = pc;
    uint32_t word = fetch16(pc);
    op->len = (uint8_t)isa_length((uint16_t)word);
    if (op->len == 4) {
      uint64_t hi = pc + 2;
      if ((hi & PAGE_MASK) != page && !can_exec(hi, &code)) {
        /* Linux reports the address of the part that could not be fetched. */
        op->hid = H_fetch_fault;
        op->imm = (int64_t)hi;
        op->rm = (uint8_t)code;
        pc += 4;
        break;
      }
      word |= (uint32_t)fetch16(hi) << 16;
    }
    isa_insn in;
    insns++;
    if (!isa_decode(word, &in)) {
      op->hid = H_illegal;
      pc += op->len;
      break;
    }
    use_acc(op, fill(op, &in, pc), &acc_reg);
    pc += op->len;
    if (isa_rows[in.op].flags & (F_BRANCH | F_JUMP | F_SYSTEM))
      break;
    if (insns >= interp_predecode_limit || (pc & PAGE_MASK) != page) {
      op = &out[n++];
      memset(op, 0, sizeof *op);
      op->hid = H_next_block;
      op->pc = pc;
      break;
    }
  }
  fuse_runs(out, n);
  fuse_branch(out, n);
  /* CSR reads of instret need the instructions of the block not retired yet (cpu->instret
   * counts the whole block on entry): this one and those after it. */
  unsigned pending = 0;
  for (unsigned i = n; i-- > 0;) {
    interp_op *op = &out[i];
    if (op->hid == H_next_block || op->hid == H_fetch_fault)
      continue;
    pending++;
    if (op->hid < OP_COUNT && (isa_rows[op->hid].flags & F_CSR))
      op->imm |= (int64_t)pending << 12;
  }
  *end = pc;
  *n_insns = insns;
  return n;
}
