/* The environment the instruction handlers (exec_*.inc) are written against, for every
 * dispatcher that includes them (interp/run.c; jit/verify.c runs them one block at a time):
 * operand access, traps and guest memory access. The includer provides `cpu` (rv_cpu *),
 * `op` (the current interp_op), X, F and M (registers and the guest memory base) and `acc`,
 * and its own block endings (NEXT, CHAIN, JUMP, LEAVE) and AMO_PTR. */
#ifndef RVX_INTERP_EXEC_ENV_H
#define RVX_INTERP_EXEC_ENV_H

#include "util/tsan.h"   /* TSAN_GUEST_RMW, TSAN_GUEST_READ (exec_amo.inc) */

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Operands of the current op. */
#define RD X[op->rd]
#define RS1 X[op->rs1]
#define RS2 X[op->rs2]
#define IMM ((uint64_t)op->imm)
#define FRD F[op->rd]
#define FRS2 F[op->rs2]
/* Writes x[rd] and keeps the value in the accumulator. */
#define PUT(v) do { acc = (v); RD = acc; } while (0)

/* Guest traps found by a handler, reported at the current op. */
#define TRAP(sig, code, addr) do {                             \
    cpu->pc = op->pc;                                          \
    exc_guest_trap(cpu, (sig), (code), (addr));                \
  } while (0)
#define ILLEGAL() TRAP(SIGILL, ILL_ILLOPC, op->pc)

/* Host address of guest address a for a load or store of the current op. cpu->pc is set
 * first so that a host fault on the access is reported at this instruction; addresses
 * outside the guest space trap here, before any host access. */
#define MEM(a) ({                                              \
    uint64_t a_ = (a);                                         \
    cpu->pc = op->pc;                                          \
    if (unlikely(a_ >= GUEST_SIZE))                            \
      exc_guest_trap(cpu, SIGSEGV, SEGV_MAPERR, a_);           \
    M + a_;                                                    \
  })
/* The guest's plain loads and stores go through mem_guest_copy (mem.h: memcpy, but not
 * instrumented under ThreadSanitizer), unless the includer wraps memcpy itself, as
 * jit/verify.c does to log stores. */
#ifdef memcpy
#define GUEST_COPY memcpy
#else
#define GUEST_COPY mem_guest_copy
#endif

/* Plain loads and stores may be misaligned (Linux emulates them; x86 does them). */
#define LOAD(T, a) ({ T v_; GUEST_COPY(&v_, MEM(a), sizeof v_); v_; })
#define STORE(T, a, v) do { T v_ = (T)(v); GUEST_COPY(MEM(a), &v_, sizeof v_); } while (0)

#endif
