/* wait4 and waitid. Guest children are host processes (rvx instances, or host programs they
 * exec'd), and an rvx instance ends as its guest did: the same exit status, or death by the
 * same signal (exc_die_by_signal). So the host's answers are the guest's, and so are the
 * structs: riscv64 and x86-64 share the wait status encoding, the signal numbers, struct
 * rusage (two 64-bit timevals and 14 longs) and the SIGCHLD part of siginfo_t (128 bytes,
 * si_signo/si_errno/si_code then pid, uid, status, utime, stime at offset 16): checked at
 * build time below rather than assumed. */
#define _GNU_SOURCE
#include "os/os_impl.h"
#include "os/signal.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

_Static_assert(sizeof(struct rusage) == sizeof(struct g_rusage), "rusage layout");
_Static_assert(offsetof(struct rusage, ru_maxrss) == offsetof(struct g_rusage, fields),
               "rusage layout");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo size");
_Static_assert(offsetof(siginfo_t, si_pid) == 16 && offsetof(siginfo_t, si_uid) == 20 &&
               offsetof(siginfo_t, si_status) == 24 && offsetof(siginfo_t, si_utime) == 32 &&
               offsetof(siginfo_t, si_stime) == 40, "siginfo SIGCHLD layout of riscv64");

/* wait4(pid, wstatus, options, rusage). The output pointers are checked after the wait, as
 * Linux writes them then (a bad pointer reaps the child and still fails with EFAULT). */
int64_t os_sys_wait4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  int status = 0;
  struct rusage ru;
  int64_t r = os_ret(os_safe_syscall(SYS_wait4, (pid_t)a[0], &status, (int)a[2], a[3] ? &ru : NULL));
  if (r <= 0)
    return r;
  if (a[1] && os_put(a[1], &status, 4))
    return -EFAULT;
  if (a[3] && os_put(a[3], &ru, sizeof ru))
    return -EFAULT;
  return r;
}

/* waitid(idtype, id, infop, options, rusage). */
int64_t os_sys_waitid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  siginfo_t si;
  memset(&si, 0, sizeof si);
  struct rusage ru;
  int64_t r = os_ret(os_safe_syscall(SYS_waitid, (int)a[0], (int)a[1], &si, (int)a[3],
                             a[4] ? &ru : NULL));
  if (r < 0)
    return r;
  /* WNOHANG with nothing to report: Linux clears the whole siginfo (si_pid 0). */
  if (a[2] && os_put(a[2], &si, sizeof si))
    return -EFAULT;
  if (a[4] && os_put(a[4], &ru, sizeof ru))
    return -EFAULT;
  return r;
}
