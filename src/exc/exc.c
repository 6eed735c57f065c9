/* Exception emulator: host SIGSEGV/SIGBUS handlers that turn faults in guest memory into
 * guest traps, the unwind from a trap (in the interpreter or in the host handler) back to
 * exc_run, which enters the guest's handler or reports the trap in one line and dies of it.
 * Everything the host handler reaches before the unwind is async-signal-safe. */
#define _GNU_SOURCE   /* TRAP_BRKPT and friends */
#include "exc/exc.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gdb/gdb.h"
#include "interp/interp.h"
#include "jit/jit.h"
#include "jit/jit_tools.h"
#include "mem/mem.h"
#include "os/signal.h"
#include "os/thread.h"
#include "prof/prof.h"
#include "util/log.h"
#include "util/options.h"

__thread rv_cpu *exc_cpu;

#define ALTSTACK_SIZE (64 * 1024)

/* A small async-signal-safe line builder. */
typedef struct line {
  char buf[256];
  size_t n;
} line;

static void put_str(line *l, const char *s)
{
  while (*s && l->n < sizeof l->buf - 1)
    l->buf[l->n++] = *s++;
}

static void put_hex(line *l, uint64_t v)
{
  char tmp[16];
  int n = 0;
  do {
    tmp[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  put_str(l, "0x");
  while (n > 0 && l->n < sizeof l->buf - 1)
    l->buf[l->n++] = tmp[--n];
}

static void put_dec(line *l, uint64_t v)
{
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n > 0 && l->n < sizeof l->buf - 1)
    l->buf[l->n++] = tmp[--n];
}

static void emit(line *l)
{
  l->buf[l->n++] = '\n';
  size_t off = 0;
  while (off < l->n) {
    ssize_t w = write(2, l->buf + off, l->n - off);
    if (w <= 0)
      break;
    off += (size_t)w;
  }
}

static const char *sig_name(int sig)
{
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGILL: return "SIGILL";
  case SIGTRAP: return "SIGTRAP";
  case SIGFPE: return "SIGFPE";
  case SIGABRT: return "SIGABRT";
  default: return NULL;
  }
}

static const char *code_name(int sig, int code)
{
  switch (sig) {
  case SIGSEGV:
    return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : NULL;
  case SIGBUS:
    return code == BUS_ADRALN ? "BUS_ADRALN" : code == BUS_ADRERR ? "BUS_ADRERR" :
           code == BUS_OBJERR ? "BUS_OBJERR" : NULL;
  case SIGILL:
    return code == ILL_ILLOPC ? "ILL_ILLOPC" : code == ILL_ILLOPN ? "ILL_ILLOPN" :
           code == ILL_PRVOPC ? "ILL_PRVOPC" : NULL;
  case SIGTRAP:
    return code == TRAP_BRKPT ? "TRAP_BRKPT" : code == TRAP_TRACE ? "TRAP_TRACE" : NULL;
  default:
    return NULL;
  }
}

_Noreturn void exc_die_by_signal(int sig)
{
  prf_finish(true);
  gdb_exit_signal(sig);
  rvx_print_stats();
  /* rvx's own core (a 256 GiB reservation) is of no use to anyone: no core, as qemu does. */
  struct rlimit none = { 0, 0 };
  setrlimit(RLIMIT_CORE, &none);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}

static _Noreturn void report_and_die(rv_cpu *cpu, int sig, int si_code, uint64_t addr)
{
  if (rvx_opts.verify)   /* translated code trapping on --verify's copy of the state */
    jit_verify_trap(cpu, sig, si_code, addr);
  line l = { .n = 0 };
  const char *sn = sig_name(sig), *cn = code_name(sig, si_code);
  put_str(&l, "rvx: guest ");
  if (sn) {
    put_str(&l, sn);
  } else {
    put_str(&l, "signal ");
    put_dec(&l, (uint64_t)sig);
  }
  put_str(&l, " at pc ");
  put_hex(&l, cpu ? cpu->pc : 0);
  put_str(&l, ": address ");
  put_hex(&l, addr);
  put_str(&l, " (");
  if (cn) {
    put_str(&l, cn);
  } else {
    put_str(&l, "code ");
    put_dec(&l, (uint64_t)(int64_t)si_code);
  }
  put_str(&l, ")");
  emit(&l);
  exc_die_by_signal(sig);
}

/* The guest thread running cpu under exc_run on this host thread, or NULL. */
static os_thread *runner_of(rv_cpu *cpu)
{
  os_thread *t = os_self;
  return t && cpu && &t->cpu == cpu && t->sig.jmp_ok ? t : NULL;
}

_Noreturn void exc_guest_trap(rv_cpu *cpu, int sig, int si_code, uint64_t addr)
{
  if (rvx_opts.verify)   /* translated code trapping on --verify's copy of the state */
    jit_verify_trap(cpu, sig, si_code, addr);
  os_thread *t = runner_of(cpu);
  if (!t)
    report_and_die(cpu, sig, si_code, addr);
  /* Leave the interpreter (or the host handler, and its stack) for exc_run. */
  t->sig.trap_sig = sig;
  t->sig.trap_code = si_code;
  t->sig.trap_addr = addr;
  siglongjmp(t->sig.jmp, 1);
}

_Noreturn void exc_run(rv_cpu *cpu)
{
  os_thread *t = os_thread_of(cpu);
  if (!t->sig.inited)
    os_signal_thread_start(t, NULL);
  exc_cpu = cpu;
  prf_thread_start();
  if (sigsetjmp(t->sig.jmp, 0)) {
    /* Back from a trap: the host mask may be the fault handler's; then the guest handler's
     * frame, or the report and death. */
    os_signal_sync_host_mask();
    int sig = t->sig.trap_sig;
    if (gdb_on)   /* gdb sees the signal first; it may change or swallow it */
      sig = gdb_signal(cpu, sig);
    if (sig == SIGILL && log_on(LOG_UNIMP))
      log_unimp_insn(cpu->pc);
    if (sig && !os_signal_trap(cpu, sig, t->sig.trap_code, t->sig.trap_addr)) {
      if (log_on(LOG_INT))
        log_int(sig, t->sig.trap_code, cpu->pc, 0);
      report_and_die(cpu, sig, t->sig.trap_code, t->sig.trap_addr);
    }
  } else {
    os_signal_sync_host_mask();
  }
  t->sig.jmp_ok = true;
  if (gdb_on)
    gdb_run(cpu);   /* returns when the debugger has gone */
  interp_run(cpu);
}

static void on_fault(int sig, siginfo_t *si, void *uctx)
{
  if (si->si_code <= 0) {
    /* Sent by someone (kill, tgkill, sigqueue), not a fault: an asynchronous signal. */
    int e = errno;
    os_signal_host_async(sig, si, uctx);
    errno = e;
    return;
  }
  ucontext_t *fuc = uctx;
  uintptr_t fix = mem_guarded_fixup((uintptr_t)fuc->uc_mcontext.gregs[REG_RIP]);
  if (fix && mem_is_guest_host_addr(si->si_addr)) {
    fuc->uc_mcontext.gregs[REG_RIP] = (greg_t)fix;   /* the copy returns -EFAULT */
    return;
  }
  rv_cpu *cpu = exc_cpu;
  if (cpu && mem_is_guest_host_addr(si->si_addr)) {
    /* In translated code the guest state is partly in host registers: rebuild it. */
    ucontext_t *uc = uctx;
    jit_fault_state((void *)uc->uc_mcontext.gregs[REG_RIP], uc, cpu);
    uint64_t g = (uint64_t)((uint8_t *)si->si_addr - mem_base);
    int code = si->si_code;
    if (sig == SIGSEGV)
      code = g < GUEST_SIZE && mem_prot_at_async(g) >= 0 ? SEGV_ACCERR : SEGV_MAPERR;
    exc_guest_trap(cpu, sig, code, g);
  }
  line l = { .n = 0 };
  put_str(&l, "rvx: internal error: ");
  put_str(&l, sig == SIGSEGV ? "SIGSEGV" : "SIGBUS");
  put_str(&l, " at host address ");
  put_hex(&l, (uint64_t)(uintptr_t)si->si_addr);
  emit(&l);
  exc_die_by_signal(sig);
}

void exc_thread_init(void)
{
  /* The handler must run even when a guest (or rvx) overflowed its stack. Threads keep
   * their alternate stack for life, so it is never freed. */
  stack_t ss = { .ss_sp = malloc(ALTSTACK_SIZE), .ss_size = ALTSTACK_SIZE, .ss_flags = 0 };
  if (ss.ss_sp)
    sigaltstack(&ss, NULL);
}

void exc_init(void)
{
  exc_thread_init();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
}
