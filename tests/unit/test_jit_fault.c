/* Translator state test: random blocks of integer operations over every guest register
 * (mapped to host registers or not), ending in a load or store that faults, are translated
 * and run; the SIGSEGV handler rebuilds the guest state with jit_fault_state, and every
 * register, the pc and instret must be what a reference evaluation of the ops says. Blocks
 * that do not fault must leave the same state in cpu->x when they return to the dispatcher.
 * Prints PASS/FAIL lines in the suite format. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "interp/block.h"
#include "jit/jit.h"
#include "jit/jit_internal.h"
#include "mem/mem.h"
#include "util/options.h"

static rv_cpu cpu;
static sigjmp_buf env;
static volatile int faulted, rebuilt;
static volatile uint64_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uctx) {
  (void)sig;
  ucontext_t *uc = uctx;
  faulted = 1;
  fault_addr = (uint64_t)((uint8_t *)si->si_addr - mem_base);
  rebuilt = jit_fault_state((void *)uc->uc_mcontext.gregs[REG_RIP], uc, &cpu);
  siglongjmp(env, 1);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static uint64_t rnd(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

#define DATA 0x10000u    /* a mapped page */
#define HOLE 0x40000u    /* unmapped */
enum { N_KINDS = 12 };

/* Appends a random op to ops[n] and applies it to the reference registers x[]. */
static void random_op(interp_op *op, uint64_t *x, uint64_t pc) {
  memset(op, 0, sizeof *op);
  op->pc = pc;
  op->len = 4;
  unsigned rd = 1 + (unsigned)(rnd() % 31), r1 = (unsigned)(rnd() % 32), r2 = (unsigned)(rnd() % 32);
  if (rd == 3 || rd == 4)
    rd = 5;   /* leave gp/tp alone: they hold nothing special here, but keep some stable */
  op->rd = (uint8_t)rd;
  op->rs1 = (uint8_t)r1;
  op->rs2 = (uint8_t)r2;
  int64_t imm = (int64_t)(rnd() % 4096) - 2048;
  op->imm = imm;
  uint64_t a = x[r1], b = x[r2], v = 0;
  switch (rnd() % N_KINDS) {
  case 0: op->hid = H_li; op->imm = (int64_t)rnd(); v = (uint64_t)op->imm; break;
  case 1: op->hid = H_add; v = a + b; break;
  case 2: op->hid = H_sub; v = a - b; break;
  case 3: op->hid = H_addi; v = a + (uint64_t)imm; break;
  case 4: op->hid = H_xor; v = a ^ b; break;
  case 5: op->hid = H_slli; op->imm = imm & 63; v = a << (imm & 63); break;
  case 6: op->hid = H_mv; v = a; break;
  case 7: op->hid = H_mul; v = a * b; break;
  case 8: op->hid = H_sltu; v = a < b; break;
  case 9: op->hid = H_addw; v = (uint64_t)(int64_t)(int32_t)(uint32_t)(a + b); break;
  case 10: op->hid = H_sra; v = (uint64_t)((int64_t)a >> (b & 63)); break;
  case 11: op->hid = H_divu; v = b ? a / b : UINT64_MAX; break;
  }
  x[rd] = v;
  x[0] = 0;
}

static interp_block *new_block(unsigned n) {
  interp_block *b = calloc(1, sizeof *b + (n + 1) * sizeof(interp_op));
  return b;
}

int main(void) {
  if (mem_init() != 0 || mem_map_fixed(DATA, 4096, PROT_READ | PROT_WRITE, false, "test") != 0) {
    printf("FAIL jit-fault-state: no guest memory\n");
    return 1;
  }
  rvx_opts.engine = RVX_ENGINE_JIT;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  unsigned bad = 0, faults = 0, runs = 0;
  for (unsigned iter = 0; iter < 400 && bad < 5; iter++) {
    uint64_t ref[33] = { 0 };
    memset(&cpu, 0, sizeof cpu);
    for (unsigned r = 1; r < 32; r++)
      cpu.x[r] = ref[r] = rnd();
    cpu.instret = 1000;
    /* Every third block is a loop (a branch back to its start, here never taken), which
     * may run with idle host registers lent to unmapped guest registers: short ones. */
    bool loop = iter % 3 == 2;
    unsigned n = 1 + (unsigned)(rnd() % (loop ? 6 : 40));
    bool fault = iter % 4 != 3;
    interp_block *b = new_block(n + 3);
    b->pc = 0x1000 + 0x1000 * (uint64_t)iter;
    uint64_t pc = b->pc;
    unsigned k = 0;
    for (; k < n; k++, pc += 4)
      random_op(&b->ops[k], ref, pc);
    /* The access: a base register set to the hole (faults) or to the data page. */
    unsigned base = 1 + (unsigned)(rnd() % 31);
    interp_op *op = &b->ops[k++];
    memset(op, 0, sizeof *op);
    op->hid = H_li; op->rd = (uint8_t)base; op->pc = pc; op->len = 4;
    op->imm = fault ? HOLE + 8 * (int64_t)(rnd() % 64) : DATA;
    ref[base] = (uint64_t)op->imm;
    pc += 4;
    op = &b->ops[k++];
    memset(op, 0, sizeof *op);
    op->pc = pc; op->len = 4; op->rs1 = (uint8_t)base; op->imm = 16;
    unsigned other = 1 + (unsigned)(rnd() % 31);
    bool is_store = rnd() & 1;
    if (is_store) {
      op->hid = H_sd; op->rs2 = (uint8_t)other;
    } else {
      op->hid = H_ld; op->rd = (uint8_t)other;
    }
    uint64_t access_pc = pc;
    uint64_t target = ref[base] + 16;
    if (!fault) {
      if (is_store)
        memcpy(mem_base + target, &ref[other], 8);
      else
        memcpy(&ref[other], mem_base + target, 8);
    }
    pc += 4;
    op = &b->ops[k++];
    memset(op, 0, sizeof *op);
    op->pc = pc;
    if (loop) {   /* bne x0, x0, start */
      op->hid = H_bne; op->len = 4; op->imm = (int64_t)b->pc;
      pc += 4;
    } else {
      op->hid = H_next_block;
    }
    b->n_ops = k;
    b->n_insns = loop ? k : k - 1;
    faulted = rebuilt = 0;
    if (sigsetjmp(env, 1) == 0) {
      if (!jit_block_hot(&cpu, b)) {
        printf("FAIL jit-fault-state: block %u not translated\n", iter);
        bad++;
        continue;
      }
    }
    const char *why = NULL;
    if (fault && !faulted)
      why = "no fault";
    else if (!fault && faulted)
      why = "unexpected fault";
    else if (faulted && !rebuilt)
      why = "jit_fault_state did not recognise the faulting instruction";
    else if (faulted && (cpu.pc != access_pc || fault_addr != target))
      why = "wrong pc or address";
    else if (!faulted && cpu.pc != pc)
      why = "wrong pc after the block";
    else if (cpu.instret != 1000 + b->n_insns)
      why = "wrong instret";
    unsigned wrong = 0;
    for (unsigned r = 1; r < 32 && !why; r++)
      if (cpu.x[r] != ref[r]) {
        why = "a register differs";
        wrong = r;
      }
    if (why) {
      bad++;
      printf("FAIL jit-fault-state: block %u (%u ops, %s): %s", iter, k,
             fault ? "faulting" : "not faulting", why);
      if (wrong)
        printf(" (x%u = %#llx, want %#llx)", wrong, (unsigned long long)cpu.x[wrong],
               (unsigned long long)ref[wrong]);
      printf(" pc %#llx want %#llx\n", (unsigned long long)cpu.pc,
             (unsigned long long)(faulted ? access_pc : pc));
    }
    faults += faulted;
    runs++;
  }
  if (!bad)
    printf("PASS jit-fault-state (%u random blocks, %u faulting, %u loops with lent registers: "
           "registers, pc, instret)\n", runs, faults, (unsigned)jit_stats.loops_lent);
  return bad != 0;
}
