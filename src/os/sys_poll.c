/* Waiting for file descriptors: ppoll and pselect6 (riscv64 has no poll or select: libc builds
 * them on these). pollfd, fd_set and timespec have the same layout on both sides; the
 * temporary signal mask is the guest's for the call (os_signal_mask_begin/end), and a guest
 * signal interrupts the wait (safe syscall). Arguments are checked in Linux's order: timeout,
 * mask, then the descriptors. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "os/signal.h"

/* The timeout at g (NULL: none): its host pointer (the host writes the time left back, and
 * ignores a read-only one as Linux does), or -EFAULT, or -EINVAL for a bad value. */
static int64_t timeout_in(uint64_t g, void **out)
{
  *out = NULL;
  if (!g)
    return 0;
  void *h = os_obj(g, sizeof(struct g_timespec), PROT_READ);
  if (!h)
    return -EFAULT;
  struct g_timespec ts;
  memcpy(&ts, h, sizeof ts);
  if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
    return -EINVAL;
  *out = h;
  return 0;
}

/* The guest's temporary mask at g (NULL: none), read into *mask; *out points to it. */
static int64_t mask_in(uint64_t g, uint64_t size, uint64_t *mask, uint64_t **out)
{
  *out = NULL;
  if (!g)
    return 0;
  int64_t e = os_sigset_in(g, size, mask);
  if (e)
    return e;
  *out = mask;
  return 0;
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize). */
int64_t os_sys_ppoll(rv_cpu *cpu, const uint64_t a[6])
{
  void *ts;
  uint64_t hmask, *pmask;
  int64_t e = timeout_in(a[2], &ts);
  if (!e)
    e = mask_in(a[3], a[4], &hmask, &pmask);
  if (e)
    return e;
  /* The host refuses more descriptors than RLIMIT_NOFILE (EINVAL) before it reads them. */
  unsigned nfds = (unsigned)a[1];
  void *fds = os_arg(a[0], (uint64_t)nfds * sizeof(struct g_pollfd), PROT_READ | PROT_WRITE);
  return OS_WITH_MASK(cpu, pmask,
                   os_safe_syscall(SYS_ppoll, fds, nfds, ts, pmask, (size_t)G_SIGSET_SIZE));
}

/* pselect6(nfds, readfds, writefds, exceptfds, timeout, {sigmask, size}*). */
int64_t os_sys_pselect6(rv_cpu *cpu, const uint64_t a[6])
{
  uint64_t pack[2] = {0, 0};
  if (a[5]) {
    const void *h = os_obj(a[5], sizeof pack, PROT_READ);
    if (!h)
      return -EFAULT;
    memcpy(pack, h, sizeof pack);
  }
  void *ts;
  uint64_t hmask, *pmask;
  int64_t e = timeout_in(a[4], &ts);
  if (!e)
    e = mask_in(pack[0], pack[1], &hmask, &pmask);
  if (e)
    return e;
  int nfds = (int)a[0];
  if (nfds < 0)
    return -EINVAL;
  /* Linux reads no more of the sets than the process can have descriptors; RLIMIT_NOFILE
   * bounds that here. */
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && (uint64_t)nfds > rl.rlim_cur)
    nfds = rl.rlim_cur > (1u << 20) ? (1 << 20) : (int)rl.rlim_cur;
  uint64_t bytes = ((uint64_t)nfds + 63) / 64 * 8;
  void *sets[3];
  for (int i = 0; i < 3; i++)
    sets[i] = os_arg_opt(a[1 + i], bytes, PROT_READ | PROT_WRITE);
  struct { const uint64_t *ss; size_t len; } hsig = {pmask, G_SIGSET_SIZE};
  return OS_WITH_MASK(cpu, pmask,
                   os_safe_syscall(SYS_pselect6, nfds, sets[0], sets[1], sets[2], ts, &hsig));
}
