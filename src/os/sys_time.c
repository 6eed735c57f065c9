/* Time syscalls: clocks, sleeps, process times. timespec, timeval and tms have the same layout
 * on both sides (conv.c); results are built in host memory and copied out after checks. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "os/signal.h"

int64_t os_sys_clock_gettime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct timespec ts;
  int64_t r = os_ret(syscall(SYS_clock_gettime, (clockid_t)a[0], &ts));
  return r < 0 ? r : os_put(a[1], &ts, sizeof ts);
}

int64_t os_sys_clock_getres(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct timespec ts;
  int64_t r = os_ret(syscall(SYS_clock_getres, (clockid_t)a[0], &ts));
  if (r < 0 || !a[1])
    return r;
  return os_put(a[1], &ts, sizeof ts);
}

int64_t os_sys_gettimeofday(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct timeval tv;
  struct timezone tz;
  int64_t r = os_ret(syscall(SYS_gettimeofday, &tv, &tz));
  if (r == 0 && a[0])
    r = os_put(a[0], &tv, sizeof tv);
  if (r == 0 && a[1])
    r = os_put(a[1], &tz, sizeof tz);
  return r;
}

/* The remaining time is only written when the sleep was interrupted, as Linux does. */
static int64_t sleep_common(int64_t r, uint64_t grem, const struct timespec *rem)
{
  if (r == -EINTR && grem && os_put(grem, rem, sizeof *rem) < 0)
    return -EFAULT;
  return r;
}

int64_t os_sys_nanosleep(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct timespec req, rem;
  if (os_get(&req, a[0], sizeof req) < 0)
    return -EFAULT;
  return sleep_common(os_ret(os_safe_syscall(SYS_nanosleep, &req, &rem)), a[1], &rem);
}

int64_t os_sys_clock_nanosleep(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct timespec req, rem;
  if (os_get(&req, a[2], sizeof req) < 0)
    return -EFAULT;
  int flags = (int)a[1];
  int64_t r = os_ret(os_safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], flags, &req, &rem));
  return (flags & TIMER_ABSTIME) ? r : sleep_common(r, a[3], &rem);
}

int64_t os_sys_times(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct tms t;
  int64_t r = os_ret(syscall(SYS_times, &t));
  if (a[0] && os_put(a[0], &t, sizeof t) < 0)
    return -EFAULT;
  return r;
}
