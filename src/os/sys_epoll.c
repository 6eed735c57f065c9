/* epoll: riscv64's struct epoll_event aligns its 64-bit data (16 bytes), x86-64's is packed (12
 * bytes), so events are translated both ways (conv.c). Event bits and flags are the
 * asm-generic values on both sides. The temporary signal mask of the pwait calls goes through
 * the same host filter as rt_sigprocmask. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mem/mem.h"
#include "os/signal.h"

/* Events handed out per call at most: fewer than maxevents is always a valid answer, and the
 * host keeps the rest ready for the next call. */
#define BATCH 256

int64_t os_sys_epoll_create1(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_epoll_create1, (int)a[0]));
}

/* epoll_ctl(epfd, op, fd, event): Linux copies the event (except for EPOLL_CTL_DEL, which may
 * pass NULL) before it looks at the descriptors. */
int64_t os_sys_epoll_ctl(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int op = (int)a[1];
  struct epoll_event hev, *hp = NULL;
  if (op != EPOLL_CTL_DEL) {
    struct g_epoll_event g;   /* copied: the guest's need not be aligned */
    if (os_get(&g, a[3], sizeof g) < 0)
      return -EFAULT;
    os_epoll_event_to_host(&g, &hev);
    hp = &hev;
  }
  return os_ret(syscall(SYS_epoll_ctl, (int)a[0], op, (int)a[2], hp));
}

/* The wait of epoll_pwait and epoll_pwait2: `timeout` is what the host call takes as its
 * fourth argument (an int, or a struct timespec pointer for pwait2). */
static int64_t epoll_wait_common(rv_cpu *cpu, long nr, const uint64_t a[6], long timeout)
{
  /* Linux's order: timeout (pwait2, checked by the caller), mask, maxevents, array. */
  uint64_t hmask, *pmask = NULL;
  if (a[4]) {
    int64_t e = os_sigset_in(a[4], a[5], &hmask);
    if (e)
      return e;
    pmask = &hmask;
  }
  int maxevents = (int)a[2];
  if (maxevents <= 0 || maxevents > G_EP_MAX_EVENTS)
    return -EINVAL;
  /* Linux checks only that the array lies in user space (access_ok) before the wait, and
   * faults when it writes an event. The host gets as many slots as the guest array has
   * writable ones; when not even the first one is, it gets the guest's own pages, whose host
   * protection is the guest's: the host kernel then waits as Linux would, and at the first
   * event faults, keeps the event and answers EFAULT, as Linux. */
  uint64_t bytes = (uint64_t)maxevents * sizeof(struct g_epoll_event);
  if (a[1] >= GUEST_SIZE || bytes > GUEST_SIZE - a[1])
    return -EFAULT;
  uint64_t ok = bytes;
  struct epoll_event hev[BATCH];
  void *hp = hev;
  int n = maxevents < BATCH ? maxevents : BATCH;
  if (!os_buf(a[1], &ok, PROT_WRITE))
    ok = 0;
  if (ok / sizeof(struct g_epoll_event) < (uint64_t)n)
    n = (int)(ok / sizeof(struct g_epoll_event));
  if (n == 0)
    hp = mem_g2h(a[1]), n = 1;
  int64_t r = OS_WITH_MASK(cpu, pmask, os_safe_syscall(nr, (int)a[0], hp, n, timeout, pmask,
                                                        (size_t)G_SIGSET_SIZE));
  if (r <= 0 || hp != hev)
    return r;
  struct g_epoll_event gev[BATCH];
  for (int64_t i = 0; i < r; i++)
    os_epoll_event_to_guest(&hev[i], &gev[i]);
  return os_put(a[1], gev, (uint64_t)r * sizeof gev[0]) ? -EFAULT : r;
}

int64_t os_sys_epoll_pwait(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return epoll_wait_common(cpu, SYS_epoll_pwait, a, (long)(int)a[3]);
}

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif

int64_t os_sys_epoll_pwait2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const void *ts = NULL;
  if (a[3]) {
    struct g_timespec t;
    if (!(ts = os_obj(a[3], sizeof t, PROT_READ)))
      return -EFAULT;
    memcpy(&t, ts, sizeof t);
    if (t.tv_sec < 0 || t.tv_nsec < 0 || t.tv_nsec >= 1000000000)
      return -EINVAL;
  }
  return epoll_wait_common(cpu, SYS_epoll_pwait2, a, (long)ts);
}
