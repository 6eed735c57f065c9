/* Signal syscalls: actions, the per-thread mask, pending signals, waiting for signals,
 * sending them, and rt_sigreturn. Delivery itself is in signal_host.c, frames and
 * sigaltstack in signal_frame.c. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "exc/exc.h"
#include "os/signal.h"
#include "os/thread.h"

#define BIT(sig) (UINT64_C(1) << ((sig) - 1))
#define UNBLOCKABLE (BIT(G_SIGKILL) | BIT(G_SIGSTOP))

int64_t os_sys_rt_sigaction(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int sig = (int)a[0];
  if (a[3] != G_SIGSET_SIZE)
    return -EINVAL;
  struct g_sigaction na;
  if (a[1]) {
    if (os_get(&na, a[1], sizeof na))
      return -EFAULT;
  }
  if (sig < 1 || sig > G_NSIG || (a[1] && (sig == G_SIGKILL || sig == G_SIGSTOP)))
    return -EINVAL;
  if (a[2] && !os_obj(a[2], sizeof na, PROT_WRITE))
    return -EFAULT;
  struct g_sigaction old;
  os_signal_get_action(sig, &old);
  if (a[1]) {
    na.flags &= G_SA_KNOWN;
    na.mask &= ~(uint64_t)UNBLOCKABLE;
    /* The return path handlers need, mapped before the first one can run. */
    if (na.handler != G_SIG_DFL && na.handler != G_SIG_IGN && !os_frame_trampoline())
      return -ENOMEM;
    os_signal_set_action(sig, &na);
  }
  if (a[2])
    return os_put(a[2], &old, sizeof old);
  return 0;
}

int64_t os_sys_rt_sigprocmask(rv_cpu *cpu, const uint64_t a[6])
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  if (a[3] != G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t old = s->blocked;
  if (a[1]) {
    uint64_t set;
    const void *h = os_obj(a[1], 8, PROT_READ);
    if (!h)
      return -EFAULT;
    memcpy(&set, h, 8);
    set &= ~(uint64_t)UNBLOCKABLE;
    switch ((int)a[0]) {
    case G_SIG_BLOCK: s->blocked |= set; break;
    case G_SIG_UNBLOCK: s->blocked &= ~set; break;
    case G_SIG_SETMASK: s->blocked = set; break;
    default: return -EINVAL;
    }
    /* Newly unblocked signals that were taken are delivered on the way out. */
    os_signal_sync_host_mask();
  }
  if (a[2])
    return os_put(a[2], &old, 8);
  return 0;
}

/* What is pending for the thread and the process (the host's queues and what rvx took),
 * as Linux reports it: the blocked part. */
static uint64_t pending_blocked(os_sigthread *s)
{
  uint64_t host = 0;
  syscall(SYS_rt_sigpending, &host, (size_t)8);
  return (host | __atomic_load_n(&s->pending, __ATOMIC_SEQ_CST)) & s->blocked;
}

int64_t os_sys_rt_sigpending(rv_cpu *cpu, const uint64_t a[6])
{
  if (a[1] > G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t pend = pending_blocked(&os_thread_of(cpu)->sig);
  return os_put(a[0], &pend, a[1]);
}

int64_t os_sys_rt_sigsuspend(rv_cpu *cpu, const uint64_t a[6])
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  if (a[1] != G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t mask;
  const void *h = os_obj(a[0], 8, PROT_READ);
  if (!h)
    return -EFAULT;
  memcpy(&mask, h, 8);
  if (!s->restore_mask)
    s->saved_mask = s->blocked;
  s->restore_mask = true;   /* the handler's frame saves the old mask; delivery restores */
  s->blocked = mask & ~(uint64_t)UNBLOCKABLE;
  for (;;) {
    /* Only a handler (or death) ends the wait: os_async_stop runs it right after. */
    __atomic_store_n(&cpu->async_stop, 0, __ATOMIC_RELAXED);
    uint64_t p = __atomic_load_n(&s->pending, __ATOMIC_SEQ_CST);
    if (p & ~s->blocked) {
      __atomic_store_n(&cpu->async_stop, 1, __ATOMIC_RELAXED);
      return -EINTR;
    }
    uint64_t hm = os_host_sigmask(s->blocked | p);
    os_safe_syscall(SYS_rt_sigsuspend, &hm, (long)8);
  }
}

int64_t os_sys_rt_sigtimedwait(rv_cpu *cpu, const uint64_t a[6])
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  if (a[3] != G_SIGSET_SIZE)
    return -EINVAL;
  uint64_t set;
  const void *h = os_obj(a[0], 8, PROT_READ);
  if (!h)
    return -EFAULT;
  memcpy(&set, h, 8);
  set &= ~(uint64_t)UNBLOCKABLE;
  struct timespec ts;
  if (a[2]) {
    h = os_obj(a[2], sizeof ts, PROT_READ);
    if (!h)
      return -EFAULT;
    memcpy(&ts, h, sizeof ts);
    if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L || ts.tv_sec < 0)
      return -EINVAL;
  }
  if (a[1] && !os_obj(a[1], sizeof(os_siginfo), PROT_WRITE))
    return -EFAULT;
  for (;;) {
    os_siginfo info;
    int sig = os_signal_take(s, set, &info);
    if (sig) {
      os_signal_sync_host_mask();   /* the host may queue that number again */
      if (a[1])
        os_put(a[1], &info, sizeof info);
      return sig;
    }
    uint64_t hs = set;
    long r = os_safe_syscall(SYS_rt_sigtimedwait, &hs, &info, a[2] ? &ts : NULL, (long)8);
    if (r > 0) {
      if (a[1])
        os_put(a[1], &info, sizeof info);
      return r;
    }
    /* A signal rvx took first: one of the set is picked up by the next round, another
     * one is delivered and the call restarted. */
    if (errno == OS_ERESTART && (__atomic_load_n(&s->pending, __ATOMIC_SEQ_CST) & set))
      continue;
    return -errno;
  }
}

/* Sending: the host kernel routes, queues and checks permissions; the signal comes back to
 * rvx's handler on the receiving thread (or is the host's to ignore or act on). */
int64_t os_sys_kill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int sig = (int)a[1];
  if (sig < 0 || sig > G_NSIG)
    return -EINVAL;
  return os_ret(syscall(SYS_kill, (pid_t)a[0], sig));
}

int64_t os_sys_tkill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int tid = (int)a[0], sig = (int)a[1];
  if (tid <= 0 || sig < 0 || sig > G_NSIG)
    return -EINVAL;
  return os_ret(syscall(SYS_tkill, tid, sig));
}

int64_t os_sys_tgkill(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
  if (tgid <= 0 || tid <= 0 || sig < 0 || sig > G_NSIG)
    return -EINVAL;
  return os_ret(syscall(SYS_tgkill, tgid, tid, sig));
}

/* siginfo has the same layout on both sides: passed as it is. */
int64_t os_sys_rt_sigqueueinfo(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  os_siginfo info;
  if (os_get(&info, a[2], sizeof info))
    return -EFAULT;
  return os_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], (int)a[1], &info));
}

int64_t os_sys_rt_tgsigqueueinfo(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  os_siginfo info;
  if (os_get(&info, a[3], sizeof info))
    return -EFAULT;
  return os_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], (int)a[2], &info));
}

int64_t os_sys_rt_sigreturn(rv_cpu *cpu, const uint64_t a[6])
{
  (void)a;
  if (!os_frame_restore(cpu))
    exc_die_by_signal(SIGSEGV);   /* a bad frame: Linux forces SIGSEGV */
  cpu->lr_valid = 0;
  os_signal_sync_host_mask();   /* the restored mask may unblock taken signals */
  cpu->pc -= 4;                 /* the ecall handler resumes at pc + 4 */
  return (int64_t)cpu->x[REG_A0];
}

/* ---- a temporary mask for the length of a call (ppoll, pselect6, epoll_pwait) ---- */

uint64_t os_signal_mask_begin(rv_cpu *cpu, uint64_t mask)
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  if (!s->restore_mask)
    s->saved_mask = s->blocked;
  s->restore_mask = true;
  s->blocked = mask & ~(uint64_t)UNBLOCKABLE;
  uint64_t p = __atomic_load_n(&s->pending, __ATOMIC_SEQ_CST);
  if (p & ~s->blocked)
    /* the safe syscall returns at once; the handler runs first */
    __atomic_store_n(&cpu->async_stop, 1, __ATOMIC_RELAXED);
  return os_host_sigmask(s->blocked | p);
}

void os_signal_mask_end(rv_cpu *cpu, int64_t r)
{
  os_sigthread *s = &os_thread_of(cpu)->sig;
  bool handler_next = (r == -EINTR || r == -OS_ERESTART) &&
                      (__atomic_load_n(&s->pending, __ATOMIC_SEQ_CST) & ~s->blocked);
  if (!handler_next && s->restore_mask) {
    s->blocked = s->saved_mask;
    s->restore_mask = false;
  }
  os_signal_sync_host_mask();
}
