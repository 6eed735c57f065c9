/* Timers that signal: itimers (alarm) and POSIX timers. The host kernel runs them for the
 * process: itimerval, itimerspec and sigevent have the same layout on riscv64 and x86-64, a
 * guest tid is its host tid (SIGEV_THREAD_ID), and the signals they send come back to rvx's
 * handler like any other. Timer ids are the host kernel's. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* Guest layouts (asm-generic, 64-bit longs) equal to the host's. */
typedef struct g_itimerval { int64_t v[4]; } g_itimerval;       /* interval, value timevals */
typedef struct g_itimerspec g_itimerspec;                       /* guest_abi.h */
typedef struct g_sigevent {
  uint64_t value;            /* sigval */
  int32_t signo, notify;
  int32_t tid;               /* SIGEV_THREAD_ID (or the start of _sigev_thread) */
  int32_t pad[11];
} g_sigevent;
_Static_assert(sizeof(struct itimerval) == sizeof(g_itimerval), "itimerval");
_Static_assert(sizeof(struct itimerspec) == sizeof(g_itimerspec), "itimerspec");
_Static_assert(sizeof(struct sigevent) == sizeof(g_sigevent), "sigevent");
_Static_assert(offsetof(struct sigevent, sigev_notify) == offsetof(g_sigevent, notify), "sigevent");

int64_t os_sys_getitimer(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  g_itimerval v;
  int64_t r = os_ret(syscall(SYS_getitimer, (int)a[0], &v));
  if (r < 0)
    return r;
  return os_put(a[1], &v, sizeof v);
}

int64_t os_sys_setitimer(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  g_itimerval nv, ov;
  /* Linux takes a NULL new value as a zero one (disarm). */
  if (a[1] && os_get(&nv, a[1], sizeof nv) < 0)
    return -EFAULT;
  if (a[2] && !os_obj(a[2], sizeof ov, PROT_WRITE))
    return -EFAULT;
  int64_t r = os_ret(syscall(SYS_setitimer, (int)a[0], a[1] ? &nv : NULL, a[2] ? &ov : NULL));
  if (r < 0 || !a[2])
    return r;
  return os_put(a[2], &ov, sizeof ov);
}

int64_t os_sys_timer_create(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  g_sigevent ev;
  if (a[1] && os_get(&ev, a[1], sizeof ev) < 0)
    return -EFAULT;
  if (!os_obj(a[2], sizeof(int32_t), PROT_WRITE))
    return -EFAULT;
  int32_t id;
  int64_t r = os_ret(syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &ev : NULL, &id));
  if (r < 0)
    return r;
  if (os_put(a[2], &id, sizeof id) < 0) {
    syscall(SYS_timer_delete, id);   /* as Linux does when the id cannot be written */
    return -EFAULT;
  }
  return 0;
}

int64_t os_sys_timer_gettime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  g_itimerspec v;
  int64_t r = os_ret(syscall(SYS_timer_gettime, (int)a[0], &v));
  if (r < 0)
    return r;
  return os_put(a[1], &v, sizeof v);
}

int64_t os_sys_timer_getoverrun(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

int64_t os_sys_timer_settime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  g_itimerspec nv, ov;
  if (!a[2])
    return -EINVAL;
  if (os_get(&nv, a[2], sizeof nv) < 0)
    return -EFAULT;
  if (a[3] && !os_obj(a[3], sizeof ov, PROT_WRITE))
    return -EFAULT;
  int64_t r = os_ret(syscall(SYS_timer_settime, (int)a[0], (int)a[1], &nv, a[3] ? &ov : NULL));
  if (r < 0 || !a[3])
    return r;
  return os_put(a[3], &ov, sizeof ov);
}

int64_t os_sys_timer_delete(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_timer_delete, (int)a[0]));
}
