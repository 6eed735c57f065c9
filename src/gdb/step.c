/* Guest threads under gdb: the normal engine while it can run them, else gdb's stepper.
 *
 * A thread gdb told to continue runs in its normal engine (interpreter and translator) even
 * with breakpoints: gdb_block cuts every block the interpreter builds before the first
 * breakpoint in it and makes a block that starts at one a lone ebreak, which neither engine
 * runs past (the translator leaves ebreak to the interpreter); the trap comes to gdb_signal,
 * which knows it by the breakpoint at its pc and hands the thread to the stepper. A change of
 * the breakpoint set flushes the cached blocks and translations before the engine runs again.
 * A stop request reaches engine threads through cpu->async_stop at their next block boundary
 * (gdb_async_stop, at the end of os_async_stop).
 *
 * The stepper (gdb_run) runs a thread that is stepping, or any thread while a watchpoint is
 * set: each step predecodes the one instruction at pc (interp_predecode_limit = 1, so nothing
 * is fused and a CSR read of instret sees this instruction alone) and runs it through the same
 * exec_*.inc bodies interp_run is made of, here dispatched by a switch whose block endings
 * return. So a step is one instruction by construction, a watchpoint is a comparison after
 * each store, and a stop request is one flag read per instruction. Traps leave by the usual
 * long jump to exc_run, which hands the signal to gdb_signal. docs/ARCHITECTURE.md, the gdb
 * section, says why. */
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

/* Whether the instruction may write guest memory (watchpoints are compared after it). */
static bool stores(const interp_op *op) {
  return op->hid < OP_COUNT && (isa_rows[op->hid].flags & (F_STORE | F_ATOMIC));
}

static void report(int tid, int sig, bool watch_hit, uint64_t addr) {
  gdb_event e = { .tid = tid, .sig = sig, .watch = addr, .watch_hit = watch_hit };
  gdb_thread_report(&e, NULL);
}

/* ---- the normal engine under gdb ---- */

static __thread bool tl_stepping;   /* the thread is in gdb_run (the stepper) */
static unsigned engine_bp_gen;      /* gdb_bp_gen when the engines last looked (gdb_lock) */

/* Whether the thread may run in the normal engine: it was told to continue and no watchpoint
 * needs a look after each store. Breakpoints do not keep it out: gdb_block cuts blocks at
 * them. */
static bool engine_ok(void) {
  return gdb_on && gdb_tl_action == GDB_CONT && !gdb_n_watches;
}

/* The thread (counted as running) goes into the normal engine: blocks cut for another
 * breakpoint set are dropped first. The flush is only requested here; the thread's next block
 * lookup carries it out (or waits for it) before it runs a block, as every other thread's. */
static void engine_enter(void) {
  interp_predecode_limit = INTERP_MAX_OPS;
  if (__atomic_load_n(&engine_bp_gen, __ATOMIC_ACQUIRE) == gdb_bp_gen)
    return;
  pthread_mutex_lock(&gdb_lock);
  if (engine_bp_gen != gdb_bp_gen) {
    if (gdb_bps_changed())
      interp_flush_all();
    __atomic_store_n(&engine_bp_gen, gdb_bp_gen, __ATOMIC_RELEASE);
  }
  pthread_mutex_unlock(&gdb_lock);
}

void gdb_run(rv_cpu *cpu) {
  int tid = os_thread_of(cpu)->tid;
  tl_stepping = true;
  interp_park_self();   /* no block pointers held while here */
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
    if (engine_ok()) {
      engine_enter();
      tl_stepping = false;
      return;   /* counted as running: the engine's stops come through gdb_async_stop */
    }
    interp_op ops[INTERP_MAX_OPS + 1];
    uint64_t end;
    unsigned n_insns;
    interp_predecode_limit = 1;
    interp_predecode(cpu, cpu->pc, ops, &end, &n_insns);
    interp_predecode_limit = INTERP_MAX_OPS;
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
  tl_stepping = false;
}

void gdb_async_stop(rv_cpu *cpu) {
  if (tl_stepping)
    return;   /* the stepper looks at stop requests itself */
  if (gdb_stop_req)
    gdb_thread_park(os_thread_of(cpu)->tid);
  if (!gdb_on)
    return;
  if (engine_ok())
    engine_enter();
  else
    gdb_run(cpu);   /* a step or a watchpoint: until the engine may run the thread again */
}

static __thread uint64_t tl_ecall_pc;

bool gdb_syscall_enter(rv_cpu *cpu) {
  tl_ecall_pc = cpu->pc;
  return gdb_thread_leave();
}

void gdb_syscall_exit(rv_cpu *cpu) {
  /* The ecall handler goes on at cpu->pc + 4; a call to be restarted left pc 4 before the
   * ecall. While the thread waits here gdb sees the ecall's address in both cases, and a pc
   * gdb writes is where the thread goes on. */
  bool restart = cpu->pc == tl_ecall_pc - 4;
  uint64_t shown = restart ? tl_ecall_pc : cpu->pc;
  cpu->pc = shown;
  gdb_thread_go(os_thread_of(cpu)->tid);
  if (restart || cpu->pc != shown)
    cpu->pc -= 4;
  if (tl_stepping || !gdb_on)
    return;
  if (engine_ok())
    engine_enter();
  else   /* the stepper takes over at the next block boundary, before any instruction */
    __atomic_store_n(&cpu->async_stop, 1, __ATOMIC_RELAXED);
}

unsigned gdb_block(rv_cpu *cpu, uint64_t pc, interp_op *ops, unsigned n, uint64_t *end,
                   unsigned *n_insns) {
  if (!gdb_n_bps)
    return n;
  /* ops[i] is instruction i (fused forms keep the ops they cover); a final H_next_block is
   * not an instruction of the block. */
  unsigned k = 0;
  while (k < n && ops[k].hid != H_next_block && !gdb_bp_has(ops[k].pc))
    k++;
  if (k == n || ops[k].hid == H_next_block)
    return n;
  if (k == 0) {
    /* Traps as the guest's own ebreak would (the translator leaves it to the interpreter);
     * gdb_signal knows it by the breakpoint at its pc, and the stepper reports it. */
    unsigned len = ops[0].len ? ops[0].len : 2;
    memset(&ops[0], 0, sizeof ops[0]);
    ops[0].hid = H_ebreak;
    ops[0].pc = pc;
    ops[0].len = (uint8_t)len;
    *end = pc + len;
    *n_insns = 1;
    return 1;
  }
  unsigned limit = interp_predecode_limit;   /* decoded again, ending before instruction k */
  interp_predecode_limit = k;
  n = interp_predecode(cpu, pc, ops, end, n_insns);
  interp_predecode_limit = limit;
  return n;
}

int gdb_signal(rv_cpu *cpu, int sig) {
  os_thread *t = os_thread_of(cpu);
  int tid = t->tid, resume_sig = 0;
  interp_predecode_limit = INTERP_MAX_OPS;   /* a trap may have left the stepper's 1 */
  if (sig == SIGTRAP && !tl_stepping && t->sig.trap_code == TRAP_BRKPT &&
      t->sig.trap_addr == cpu->pc && gdb_n_bps && gdb_bp_has(cpu->pc)) {
    /* The engine reached a breakpoint (gdb_block's ebreak, which did not retire): the
     * stepper reports it and runs the instruction there. */
    t->sig.trap_code = 0;
    cpu->instret--;
    return 0;
  }
  interp_park_self();
  gdb_event e = { .tid = tid, .sig = sig };
  /* A signal is not dropped when another stop came first: it is reported after that one. */
  while (gdb_on) {
    if (gdb_thread_report(&e, &resume_sig) && gdb_on)
      return resume_sig;
  }
  return sig;
}
