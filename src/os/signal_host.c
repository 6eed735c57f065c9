/* Guest signal delivery, the host side: the guest's actions (per process) mirrored onto host
 * actions, the host handler that takes a signal for the guest thread it lands on, the host
 * mask kept as a mirror of the guest's, and delivery at a block boundary (os_async_stop) or
 * at a trap (os_signal_trap).
 *
 * What the host does for the guest: SIG_IGN, and SIG_DFL whose default is to ignore, stop or
 * terminate, are the host's own actions (the host ignores, stops or kills rvx by the same
 * signal). Guest handlers and the core-dumping defaults get rvx's host handler, with the
 * guest's SA_RESTART, so that the host kernel makes the restart decision for a blocking call
 * it interrupts (see signal_safe.c). A taken signal stays blocked on the host until the guest
 * got it: each signal number has one siginfo slot per thread (signal.h). */
#define _GNU_SOURCE
#include "os/signal.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "exc/exc.h"
#include "gdb/gdb.h"
#include "os/os.h"
#include "os/os_impl.h"
#include "os/thread.h"
#include "prof/prof.h"
#include "util/log.h"
#include "util/tsan.h"

#define BIT(sig) (UINT64_C(1) << ((sig) - 1))
/* Synchronous signals: raised by faults in rvx or the guest; never blocked on the host. */
#define SYNC_SIGS (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGFPE) | BIT(SIGTRAP) | \
                   BIT(SIGSYS))
#define UNBLOCKABLE (BIT(G_SIGKILL) | BIT(G_SIGSTOP))
/* Default actions (man 7 signal); the rest terminate. */
#define CORE_SIGS (BIT(SIGQUIT) | BIT(SIGILL) | BIT(SIGTRAP) | BIT(SIGABRT) | BIT(SIGBUS) | \
                   BIT(SIGFPE) | BIT(SIGSEGV) | BIT(SIGXCPU) | BIT(SIGXFSZ) | BIT(SIGSYS))
#define IGN_SIGS (BIT(SIGCHLD) | BIT(SIGCONT) | BIT(SIGURG) | BIT(SIGWINCH))
#define STOP_SIGS (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))

static struct g_sigaction actions[G_NSIG + 1];
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t initial_mask;   /* what rvx inherited, for the first thread */

/* ---- host actions, set with the raw syscall: glibc's sigaction refuses signals 32 and 33,
 * which belong to the guest's libc as much as any other ---- */

struct host_sigaction {
  void *handler;
  unsigned long flags;
  void (*restorer)(void);
  uint64_t mask;
};
#define HOST_SA_RESTORER 0x04000000

void os_signal_restorer(void);
__asm__(".text\n"
        ".globl os_signal_restorer\n"
        ".type os_signal_restorer, @function\n"
        "os_signal_restorer:\n"
        "  mov $15, %eax\n"          /* rt_sigreturn */
        "  syscall\n"
        ".size os_signal_restorer, .-os_signal_restorer\n");

static void on_host_signal(int sig, siginfo_t *si, void *uc);

/* Mirrors the guest's action for sig onto the host. Caller holds actions_lock (or runs
 * before any other thread exists). */
static void apply_host_action(int sig)
{
  if (sig == G_SIGKILL || sig == G_SIGSTOP || sig == SIGSEGV || sig == SIGBUS)
    return;   /* SIGSEGV and SIGBUS stay with exc.c, which forwards what is not a fault */
  if (prf_owns_signal(sig))
    return;   /* the profiler's timer signal (prof/prof.h) */
  const struct g_sigaction *g = &actions[sig];
  struct host_sigaction h = { .flags = HOST_SA_RESTORER, .restorer = os_signal_restorer };
  if (sig == SIGCHLD)
    h.flags |= g->flags & (G_SA_NOCLDSTOP | G_SA_NOCLDWAIT);
  if (g->handler == G_SIG_IGN) {
    h.handler = SIG_IGN;
  } else if (g->handler == G_SIG_DFL && !(BIT(sig) & CORE_SIGS)) {
    h.handler = SIG_DFL;
  } else {
    h.handler = (void *)on_host_signal;
    h.flags |= SA_SIGINFO | SA_ONSTACK | (g->flags & G_SA_RESTART);
    h.mask = ~(uint64_t)(SYNC_SIGS | UNBLOCKABLE);
  }
  syscall(SYS_rt_sigaction, sig, &h, NULL, (size_t)8);
}

void os_signal_init(void)
{
  /* The guest inherits what rvx inherited: ignored signals and the blocked mask. */
  for (int sig = 1; sig <= G_NSIG; sig++) {
    struct host_sigaction h;
    memset(&actions[sig], 0, sizeof actions[sig]);
    if (sig != G_SIGKILL && sig != G_SIGSTOP &&
        syscall(SYS_rt_sigaction, sig, NULL, &h, (size_t)8) == 0 && h.handler == SIG_IGN)
      actions[sig].handler = G_SIG_IGN;
    else if (BIT(sig) & CORE_SIGS)
      apply_host_action(sig);   /* rvx dies of these itself: no 256 GiB core */
  }
  uint64_t m = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, (size_t)8);
  initial_mask = m & ~(uint64_t)UNBLOCKABLE;
}

void os_signal_get_action(int sig, struct g_sigaction *out)
{
  pthread_mutex_lock(&actions_lock);
  *out = actions[sig];
  pthread_mutex_unlock(&actions_lock);
}

void os_signal_set_action(int sig, const struct g_sigaction *act)
{
  pthread_mutex_lock(&actions_lock);
  actions[sig] = *act;
  apply_host_action(sig);
  pthread_mutex_unlock(&actions_lock);
  /* POSIX: an ignored signal is discarded (the host does it for what it keeps). */
  bool ignored = act->handler == G_SIG_IGN ||
                 (act->handler == G_SIG_DFL && (BIT(sig) & IGN_SIGS));
  if (ignored && os_self) {
    __atomic_fetch_and(&os_self->sig.pending, ~BIT(sig), __ATOMIC_SEQ_CST);
    os_signal_sync_host_mask();
  }
}

uint64_t os_host_sigmask(uint64_t m)
{
  return m & ~(uint64_t)(SYNC_SIGS | UNBLOCKABLE) & ~prf_signal_bit;
}

void os_signal_sync_host_mask(void)
{
  os_thread *t = os_self;
  if (!t)
    return;
  /* A signal taken between reading pending and the mask change is blocked again by
   * the next round. */
  uint64_t p;
  for (;;) {
    p = __atomic_load_n(&t->sig.pending, __ATOMIC_SEQ_CST);
    uint64_t m = os_host_sigmask(t->sig.blocked | p);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, (size_t)8);
    if (__atomic_load_n(&t->sig.pending, __ATOMIC_SEQ_CST) == p)
      break;
  }
  if (p & ~t->sig.blocked)
    __atomic_store_n(&t->cpu.async_stop, 1, __ATOMIC_RELAXED);
}

void os_signal_thread_start(os_thread *child, const os_thread *parent)
{
  os_sigthread *s = &child->sig;
  s->blocked = parent ? parent->sig.blocked : initial_mask;
  s->altstack_sp = 0;
  s->altstack_size = 0;
  s->altstack_flags = 2;   /* SS_DISABLE */
  s->pending = 0;
  s->restore_mask = false;
  s->jmp_ok = false;
  s->inited = true;
  if (child == os_self)
    os_signal_sync_host_mask();
}

void os_signal_fork_child(void)
{
  if (!os_self)
    return;
  os_self->sig.pending = 0;
  __atomic_store_n(&os_self->cpu.async_stop, 0, __ATOMIC_RELAXED);
  os_signal_sync_host_mask();
}

/* ---- taking a signal on the host ---- */

TSAN_SIGNAL_HANDLER void os_signal_host_async(int sig, void *siv, void *ucv)
{
  siginfo_t *si = siv;
  ucontext_t *uc = ucv;
  uint64_t bit = BIT(sig);
  uint64_t *hmask = (uint64_t *)&uc->uc_sigmask;   /* the kernel's 64 bits come first */
  os_thread *t = os_self;
  if (!t) {
    /* A host thread without guest code: leave the signal to one that has some. */
    *hmask |= ~(uint64_t)(SYNC_SIGS | UNBLOCKABLE);
    syscall(SYS_rt_sigqueueinfo, getpid(), sig, si);
    return;
  }
  os_sigthread *s = &t->sig;
  if (__atomic_load_n(&s->pending, __ATOMIC_SEQ_CST) & bit) {
    /* Taken already (a race with a mask change): a real-time signal goes back to the host
     * queue, blocked by the mask below; a standard one merges, as Linux merges them. */
    if (sig >= 32)
      syscall(SYS_rt_tgsigqueueinfo, getpid(), t->tid, sig, si);
  } else {
    TSAN_SIGNAL_COPY(&s->info[sig - 1], si, sizeof s->info[0]);
    __atomic_fetch_or(&s->pending, bit, __ATOMIC_SEQ_CST);
  }
  if (!(bit & SYNC_SIGS))
    *hmask |= bit;
  if (!(s->blocked & bit)) {
    __atomic_store_n(&t->cpu.async_stop, 1, __ATOMIC_RELAXED);
    uint64_t pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    if (os_safe_syscall_rewind(&pc))
      uc->uc_mcontext.gregs[REG_RIP] = (greg_t)pc;
  }
}

TSAN_SIGNAL_HANDLER static void on_host_signal(int sig, siginfo_t *si, void *uc)
{
  int e = errno;
  if ((BIT(sig) & SYNC_SIGS) && si->si_code > 0) {
    /* The kernel raised it for an instruction of rvx's: a bug in rvx, not the guest's. */
    static const char msg[] = "rvx: internal error: synchronous host signal\n";
    if (write(2, msg, sizeof msg - 1) < 0) {}
    exc_die_by_signal(sig);
  }
  os_signal_host_async(sig, si, uc);
  errno = e;
}

/* ---- delivery ---- */

/* The next signal of a set: synchronous ones first, then the lowest number (Linux). */
static int pick(uint64_t ready)
{
  if (ready & SYNC_SIGS)
    ready &= SYNC_SIGS;
  return __builtin_ctzll(ready) + 1;
}

static void default_action(int sig)
{
  if (BIT(sig) & IGN_SIGS)
    return;
  if (BIT(sig) & STOP_SIGS) {
    kill(getpid(), SIGSTOP);
    return;
  }
  exc_die_by_signal(sig);
}

/* Builds the handler's frame and updates the mask (and SA_RESETHAND). A frame that cannot be
 * written kills the guest with SIGSEGV, as Linux's force_sigsegv ends up doing. */
static void enter_handler(rv_cpu *cpu, os_sigthread *s, const os_siginfo *info,
                          const struct g_sigaction *act)
{
  int sig = info->signo;
  uint64_t save = s->restore_mask ? s->saved_mask : s->blocked;
  s->restore_mask = false;
  if (log_on(LOG_INT))
    log_int(sig, info->code, cpu->pc, act->handler);
  if (!os_frame_setup(cpu, info, act->handler, act->flags, save))
    exc_die_by_signal(SIGSEGV);
  s->blocked |= act->mask;
  if (!(act->flags & G_SA_NODEFER))
    s->blocked |= BIT(sig);
  s->blocked &= ~(uint64_t)UNBLOCKABLE;
  if (act->flags & G_SA_RESETHAND) {
    pthread_mutex_lock(&actions_lock);
    actions[sig].handler = G_SIG_DFL;
    apply_host_action(sig);
    pthread_mutex_unlock(&actions_lock);
  }
}

int os_signal_take(os_sigthread *s, uint64_t set, os_siginfo *info)
{
  uint64_t ready = __atomic_load_n(&s->pending, __ATOMIC_SEQ_CST) & set;
  if (!ready)
    return 0;
  int sig = pick(ready);
  *info = s->info[sig - 1];
  __atomic_fetch_and(&s->pending, ~BIT(sig), __ATOMIC_SEQ_CST);
  return sig;
}

void os_async_stop(rv_cpu *cpu)
{
  __atomic_store_n(&cpu->async_stop, 0, __ATOMIC_RELAXED);
  prf_async_stop(cpu);
  os_thread *t = os_thread_of(cpu);
  os_sigthread *s = &t->sig;
  for (;;) {
    os_siginfo info;
    int sig = os_signal_take(s, ~s->blocked, &info);
    if (!sig) {
      if (!s->restore_mask)
        break;
      s->blocked = s->saved_mask;   /* sigsuspend ended without a handler */
      s->restore_mask = false;
      continue;
    }
    if (gdb_on && !(sig = gdb_signal(cpu, sig)))   /* gdb sees it first; may swallow it */
      continue;
    struct g_sigaction act;
    os_signal_get_action(sig, &act);
    if (act.handler == G_SIG_IGN)
      continue;
    if (act.handler == G_SIG_DFL) {
      if (log_on(LOG_INT))
        log_int(sig, info.code, cpu->pc, 0);
      default_action(sig);
      continue;
    }
    enter_handler(cpu, s, &info, &act);
  }
  os_signal_sync_host_mask();
  if (gdb_on)   /* a stop gdb asked for: the thread parks, or goes on in gdb's stepper */
    gdb_async_stop(cpu);
}

bool os_signal_trap(rv_cpu *cpu, int sig, int code, uint64_t addr)
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  struct g_sigaction act;
  os_signal_get_action(sig, &act);
  /* Linux's force_sig_fault: blocked or ignored means the default action. */
  if ((s->blocked & BIT(sig)) || act.handler == G_SIG_DFL || act.handler == G_SIG_IGN)
    return false;
  os_siginfo info;
  memset(&info, 0, sizeof info);
  info.signo = sig;
  info.code = code;
  info.u.addr = addr;
  enter_handler(cpu, s, &info, &act);
  os_signal_sync_host_mask();
  return true;
}
