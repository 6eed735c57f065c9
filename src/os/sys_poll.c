/* Waiting for file descriptors: ppoll and pselect6. pollfd, fd_set and timespec have the same
 * layout on both sides; the temporary signal mask goes through the rt_sigprocmask filter. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Reads the guest's 8-byte sigset at g into the host mask rvx uses for it. */
static int64_t read_mask(uint64_t g, uint64_t size, uint64_t *out)
{
  if (size != G_SIGSET_SIZE)
    return -EINVAL;
  const void *h = os_obj(g, 8, PROT_READ);
  if (!h)
    return -EFAULT;
  memcpy(out, h, 8);
  *out = os_host_sigmask(*out);
  return 0;
}

/* ppoll(fds, nfds, timeout, sigmask, sigsetsize): pollfd and timespec are the same on both
 * sides; the temporary signal mask goes through the same filter as rt_sigprocmask. */
int64_t os_sys_ppoll(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t nfds = a[1];
  if (nfds > (1u << 20))
    return -EINVAL;
  void *fds = os_obj(a[0], nfds * sizeof(struct g_pollfd), PROT_READ | PROT_WRITE);
  void *ts = NULL;
  if (!fds || (a[2] && !(ts = os_obj(a[2], sizeof(struct g_timespec), PROT_READ))))
    return -EFAULT;
  uint64_t hmask, *pmask = NULL;
  if (a[3]) {
    int64_t e = read_mask(a[3], a[4], &hmask);
    if (e)
      return e;
    pmask = &hmask;
  }
  return os_ret(syscall(SYS_ppoll, fds, (unsigned long)nfds, ts, pmask, (size_t)8));
}

/* pselect6(nfds, readfds, writefds, exceptfds, timeout, {sigmask, size}*). The kernel looks at
 * no more descriptors than a process can have, so neither does the check of the sets. */
int64_t os_sys_pselect6(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int nfds = (int)a[0];
  if (nfds < 0)
    return -EINVAL;
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && (uint64_t)nfds > rl.rlim_cur)
    nfds = rl.rlim_cur > (1u << 20) ? (1 << 20) : (int)rl.rlim_cur;
  uint64_t bytes = ((uint64_t)nfds + 63) / 64 * 8;
  void *sets[3] = {NULL, NULL, NULL};
  for (int i = 0; i < 3; i++)
    if (a[1 + i] && !(sets[i] = os_obj(a[1 + i], bytes, PROT_READ | PROT_WRITE)))
      return -EFAULT;
  void *ts = NULL;
  if (a[4] && !(ts = os_obj(a[4], sizeof(struct g_timespec), PROT_READ)))
    return -EFAULT;
  struct { const uint64_t *ss; size_t len; } hsig = {NULL, 8};
  uint64_t hmask;
  if (a[5]) {
    const void *h = os_obj(a[5], 16, PROT_READ);
    if (!h)
      return -EFAULT;
    uint64_t g[2];
    memcpy(g, h, 16);
    if (g[0]) {
      int64_t e = read_mask(g[0], g[1], &hmask);
      if (e)
        return e;
      hsig.ss = &hmask;
    }
  }
  return os_ret(syscall(SYS_pselect6, nfds, sets[0], sets[1], sets[2], ts, a[5] ? &hsig : NULL));
}
