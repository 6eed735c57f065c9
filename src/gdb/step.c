/* Guest threads under gdb: one instruction at a time, in the interpreter's own handlers.
 *
 * While a debugger is attached neither the block cache nor the translator runs: each step
 * predecodes the one instruction at pc (interp_predecode_limit = 1, so nothing is fused and
 * a CSR read of instret sees this instruction alone) and runs it through the same exec_*.inc
 * bodies interp_run is made of, here dispatched by a switch whose block endings return. So
 * a breakpoint is a look-up in a set before each instruction (nothing is written into guest
 * memory), a step is one instruction by construction, a watchpoint is a comparison after
 * each store, and a stop request is one flag read per instruction. Traps leave by the usual
 * long jump to exc_run, which hands the signal to gdb_signal. Why not the translator with
 * breakpoint-free pages: docs/gdb-section.md. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "exc/exc.h"
#include "gdb/gdb_internal.h"
#include "interp/block.h"
#include "interp/fpu.h"
#include "interp/interp.h"
#include "interp/lrsc.h"
#include "mem/mem.h"
#include "os/os.h"
#include "os/thread.h"

/* The thread leaves the count of running threads for the syscall, which may block; it
 * parks on the way back if a stop came meanwhile. */
static void syscall_under_gdb(rv_cpu *cpu) {
  gdb_thread_leave();
  os_syscall(cpu);
  gdb_thread_go(os_thread_of(cpu)->tid);
}

#include "interp/exec_env.h"
#define HANDLER(id) case H_##id:
#define DISPATCH() goto vm_switch
#define NEXT() do { op++; DISPATCH(); } while (0)
#define CHAIN(i, target) do { (void)(i); cpu->pc = (target); return; } while (0)
#define JUMP(target, slot) do { (void)(slot); cpu->pc = (target); return; } while (0)
#define LEAVE(target) do { cpu->pc = (target); return; } while (0)
#define AMO_PTR(T, a) ({                                       \
    uint64_t aa_ = (a);                                        \
    if (unlikely(aa_ & (sizeof(T) - 1)))                       \
      TRAP(SIGBUS, BUS_ADRALN, aa_);                           \
    (T *)MEM(aa_);                                             \
  })
#define RAS_SIZE 1
#define os_syscall(c) syscall_under_gdb(c)

/* Runs ops (one instruction and the fall-through op after it) on cpu; cpu->pc is the next
 * instruction's address afterwards. */
static void run_ops(rv_cpu *cpu, const interp_op *ops) {
  uint64_t *const X = cpu->x;
  uint64_t *const F = cpu->f;
  uint8_t *const M = mem_base;
  const interp_op *op = ops;
  uint64_t acc = 0;
  /* Calls record their return slot for interp_run's prediction: a dummy here. */
  interp_block dummy;
  interp_block *b = &dummy, *ras_none = NULL;
  interp_block **ras[RAS_SIZE] = { &ras_none };
  unsigned ras_top = 0;
  (void)F;
vm_switch:
  switch ((enum interp_hid)op->hid) {
#include "interp/exec_int.inc"
#include "interp/exec_mem.inc"
#include "interp/exec_amo.inc"
#include "interp/exec_ctl.inc"
#include "interp/exec_fp.inc"
  }
  __builtin_unreachable();
}
#undef os_syscall

/* Whether the instruction may write guest memory (watchpoints are compared after it). */
static bool stores(const interp_op *op) {
  return op->hid < OP_COUNT && (isa_rows[op->hid].flags & (F_STORE | F_ATOMIC));
}

static void report(int tid, int sig, bool watch_hit, uint64_t addr) {
  gdb_event e = { .tid = tid, .sig = sig, .watch = addr, .watch_hit = watch_hit };
  gdb_thread_report(&e, NULL);
}

void gdb_run(rv_cpu *cpu) {
  int tid = os_thread_of(cpu)->tid;
  interp_predecode_limit = 1;
  gdb_thread_go(tid);
  while (gdb_on) {
    if (gdb_stop_req) {
      gdb_thread_park(tid);
      continue;
    }
    if (cpu->async_stop) {   /* a guest signal (gdb_signal shows it to gdb first) */
      os_async_stop(cpu);
      continue;
    }
    if (gdb_n_bps && gdb_bp_has(cpu->pc)) {
      report(tid, SIGTRAP, false, 0);
      continue;
    }
    interp_op ops[INTERP_MAX_OPS + 1];
    uint64_t end;
    unsigned n_insns;
    interp_predecode(cpu, cpu->pc, ops, &end, &n_insns);
    bool st = gdb_n_watches && stores(&ops[0]);
    int action = gdb_tl_action;
    cpu->instret += n_insns;
    run_ops(cpu, ops);
    uint64_t waddr;
    if (st && gdb_watch_changed(&waddr))
      report(tid, SIGTRAP, true, waddr);
    else if (action == GDB_STEP)
      report(tid, SIGTRAP, false, 0);
  }
  gdb_thread_leave();
  interp_predecode_limit = INTERP_MAX_OPS;
}

int gdb_signal(rv_cpu *cpu, int sig) {
  int tid = os_thread_of(cpu)->tid, resume_sig = 0;
  gdb_event e = { .tid = tid, .sig = sig };
  /* A signal is not dropped when another stop came first: it is reported after that one. */
  while (gdb_on) {
    if (gdb_thread_report(&e, &resume_sig) && gdb_on)
      return resume_sig;
  }
  /* Detached meanwhile: the thread goes back to its engine without passing gdb_run's end. */
  interp_predecode_limit = INTERP_MAX_OPS;
  return sig;
}
