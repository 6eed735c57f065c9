/* Signal syscalls, before guest signal delivery exists: the guest's actions and mask are kept
 * in a per-process table (riscv64 struct sigaction: handler, flags, mask; no sa_restorer) and
 * returned on query. What the host can do for the guest without delivery is passed through:
 * SIG_IGN/SIG_DFL of asynchronous signals and the mask of those, so that an ignored SIGPIPE is
 * ignored and a blocked signal stays pending. Signals rvx needs for its own traps are never
 * blocked or ignored on the host; a guest sending one to itself is emulated here. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exc/exc.h"
#include "util/log.h"

static struct g_sigaction actions[G_NSIG + 1];
static uint64_t guest_mask;

#define BIT(sig) (UINT64_C(1) << ((sig) - 1))
/* Synchronous signals: raised by faults in rvx or the guest; the host keeps them for rvx. */
#define SYNC_SIGS (BIT(SIGSEGV) | BIT(SIGBUS) | BIT(SIGILL) | BIT(SIGFPE) | BIT(SIGTRAP) | \
                   BIT(SIGSYS))
#define UNBLOCKABLE (BIT(G_SIGKILL) | BIT(G_SIGSTOP))

uint64_t os_host_sigmask(uint64_t m)
{
  return m & ~(uint64_t)(SYNC_SIGS | UNBLOCKABLE);
}

static void set_host_mask(void)
{
  uint64_t m = os_host_sigmask(guest_mask);
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, (size_t)8);
}

void os_signal_init(void)
{
  /* The guest inherits what rvx inherited: ignored signals and the blocked mask. */
  for (int sig = 1; sig <= G_NSIG; sig++) {
    struct sigaction sa;
    memset(&actions[sig], 0, sizeof actions[sig]);
    if (sig < 32 && sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
      actions[sig].handler = G_SIG_IGN;
  }
  uint64_t m = 0;
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, (size_t)8);
  guest_mask = m & ~(uint64_t)UNBLOCKABLE;
}

/* Mirrors the guest's disposition on the host where the host can act for it alone. Standard
 * signals only: the real-time ones near SIGRTMIN belong to the host libc. */
static void apply_host_action(int sig)
{
  if (sig >= 32 || (BIT(sig) & (SYNC_SIGS | UNBLOCKABLE)))
    return;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = actions[sig].handler == G_SIG_IGN ? SIG_IGN : SIG_DFL;
  sigaction(sig, &sa, NULL);
}

int64_t os_sys_rt_sigaction(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int sig = (int)a[0];
  if (a[3] != G_SIGSET_SIZE)
    return -EINVAL;
  struct g_sigaction na;
  if (a[1]) {
    const void *h = os_obj(a[1], sizeof na, PROT_READ);
    if (!h)
      return -EFAULT;
    memcpy(&na, h, sizeof na);
  }
  if (sig < 1 || sig > G_NSIG || (a[1] && (sig == G_SIGKILL || sig == G_SIGSTOP)))
    return -EINVAL;
  struct g_sigaction old = actions[sig];
  if (a[1]) {
    na.flags &= G_SA_KNOWN;
    na.mask &= ~(uint64_t)UNBLOCKABLE;
    actions[sig] = na;
    apply_host_action(sig);
  }
  if (a[2]) {
    void *h = os_obj(a[2], sizeof old, PROT_WRITE);
    if (!h)
      return -EFAULT;
    memcpy(h, &old, sizeof old);
  }
  return 0;
}

int64_t os_sys_rt_sigprocmask(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if (a[3] != G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t old = guest_mask;
  if (a[1]) {
    uint64_t set;
    const void *h = os_obj(a[1], 8, PROT_READ);
    if (!h)
      return -EFAULT;
    memcpy(&set, h, 8);
    set &= ~(uint64_t)UNBLOCKABLE;
    switch ((int)a[0]) {
    case G_SIG_BLOCK: guest_mask |= set; break;
    case G_SIG_UNBLOCK: guest_mask &= ~set; break;
    case G_SIG_SETMASK: guest_mask = set; break;
    default: return -EINVAL;
    }
    set_host_mask();
  }
  if (a[2]) {
    void *h = os_obj(a[2], 8, PROT_WRITE);
    if (!h)
      return -EFAULT;
    memcpy(h, &old, 8);
  }
  return 0;
}

int64_t os_sys_rt_sigpending(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if (a[1] > G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t pend = 0;
  int64_t r = os_ret(syscall(SYS_rt_sigpending, &pend, (size_t)8));
  if (r < 0)
    return r;
  void *h = os_obj(a[0], a[1], PROT_WRITE);
  if (!h)
    return -EFAULT;
  memcpy(h, &pend, a[1]);
  return 0;
}

/* A signal rvx keeps for itself, sent by the guest to itself: what Linux would do with the
 * guest's disposition, as far as rvx can without delivering to guest handlers. */
static int64_t self_sync_signal(int sig)
{
  if (actions[sig].handler == G_SIG_IGN || (guest_mask & BIT(sig)))
    return 0;   /* ignored; or blocked, and then lost (no pending state kept yet) */
  if (actions[sig].handler != G_SIG_DFL)
    log_error("guest handler for signal %d not supported yet; dying of it", sig);
  exc_die_by_signal(sig);
}

static bool is_sync(int sig)
{
  return sig >= 1 && sig < 32 && (BIT(sig) & SYNC_SIGS);
}

int64_t os_sys_kill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int pid = (int)a[0], sig = (int)a[1];
  if (sig < 0 || sig > G_NSIG)
    return -EINVAL;
  if (is_sync(sig) && pid == getpid())
    return self_sync_signal(sig);
  return os_ret(kill(pid, sig));
}

int64_t os_sys_tkill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int tid = (int)a[0], sig = (int)a[1];
  if (tid <= 0 || sig < 0 || sig > G_NSIG)
    return -EINVAL;
  if (is_sync(sig) && tid == gettid())
    return self_sync_signal(sig);
  return os_ret(syscall(SYS_tkill, tid, sig));
}

int64_t os_sys_tgkill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
  if (tgid <= 0 || tid <= 0 || sig < 0 || sig > G_NSIG)
    return -EINVAL;
  if (is_sync(sig) && tgid == getpid() && tid == gettid())
    return self_sync_signal(sig);
  return os_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

/* Not done yet: placeholders until their family lands. */
int64_t os_sys_sigaltstack(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_rt_sigsuspend(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_rt_sigtimedwait(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_rt_sigqueueinfo(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_rt_sigreturn(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_rt_tgsigqueueinfo(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

void os_async_stop(rv_cpu *cpu)
{
  cpu->async_stop = 0;   /* nothing is delivered to guest handlers yet */
}
