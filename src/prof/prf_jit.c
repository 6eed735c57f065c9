/* The profiler's view of translated code: the guest state a timer signal interrupted, from
 * the host context. The translator's side tables give the translation and the guest pc (the
 * last guest memory access at or before the host pc, else the block's start: the block is
 * exact, the instruction approximate); the fixed register mapping gives sp and s0 from host
 * registers; ra is unmapped, so cpu->x holds it. */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>

#include "cache/code_cache.h"
#include "jit/jit_internal.h"

bool prf_jit_state(void *rip, const ucontext_t *uc, rv_cpu *cpu, uint64_t *pc, uint64_t *sp,
                   uint64_t *fp, uint64_t *ra);

/* x86_reg number to its mcontext slot. */
static const int greg_at[16] = { REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
  REG_RSI, REG_RDI, REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15 };

static uint64_t guest_reg(const ucontext_t *uc, const rv_cpu *cpu, unsigned r)
{
  int h = jit_host_of[r];
  return h >= 0 ? (uint64_t)uc->uc_mcontext.gregs[greg_at[h]] : cpu->x[r];
}

bool prf_jit_state(void *rip, const ucontext_t *uc, rv_cpu *cpu, uint64_t *pc, uint64_t *sp,
                   uint64_t *fp, uint64_t *ra)
{
#ifdef __x86_64__
  bool lends;
  if (!cc_ready() || !cc_contains_x(rip) ||
      (uintptr_t)uc->uc_mcontext.gregs[REG_RBX] != (uintptr_t)cpu ||
      !jit_side_find(rip, pc, &lends))
    return false;
  /* A loop that lends host registers keeps some mapped registers in cpu->x and others'
   * values in their host registers for part of its code: it passes the async_stop check
   * every iteration, so its sample is taken there instead. */
  if (lends)
    return false;
  *sp = guest_reg(uc, cpu, REG_SP);
  *fp = guest_reg(uc, cpu, 8);
  *ra = guest_reg(uc, cpu, REG_RA);
  return true;
#else
  (void)rip, (void)uc, (void)cpu, (void)pc, (void)sp, (void)fp, (void)ra;
  return false;
#endif
}
