/* Scheduling syscalls: affinity, policy and priority queries, nice values, getcpu. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int64_t os_sys_sched_getaffinity(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[1];
  uint8_t mask[1024];   /* 8192 CPUs; the kernel writes no more than its cpumask size */
  if (len > sizeof mask)
    len = sizeof mask & ~(uint64_t)7;
  int64_t r = os_ret(syscall(SYS_sched_getaffinity, (pid_t)a[0], (size_t)len, mask));
  if (r < 0)
    return r;
  void *h = os_obj(a[2], (uint64_t)r, PROT_WRITE);
  if (!h)
    return -EFAULT;
  memcpy(h, mask, (size_t)r);
  return r;
}

int64_t os_sys_sched_yield(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu, (void)a;
  return os_ret(sched_yield());
}

int64_t os_sys_sched_setaffinity(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[1];
  if (len > 1024)
    len = 1024;   /* the kernel ignores bits beyond its CPUs */
  const void *h = os_obj(a[2], len, PROT_READ);
  if (!h)
    return -EFAULT;
  uint8_t mask[1024];
  memcpy(mask, h, (size_t)len);
  return os_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], (size_t)len, mask));
}

int64_t os_sys_sched_getscheduler(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

int64_t os_sys_sched_getparam(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct sched_param p;
  int64_t r = os_ret(syscall(SYS_sched_getparam, (pid_t)a[0], &p));
  if (r < 0)
    return r;
  void *h = os_obj(a[1], sizeof p, PROT_WRITE);
  if (!h)
    return -EFAULT;
  memcpy(h, &p, sizeof p);
  return 0;
}

int64_t os_sys_sched_get_priority_max(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

int64_t os_sys_sched_get_priority_min(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

/* The raw getpriority result is 20 - nice (never negative); glibc turns it back. */
int64_t os_sys_getpriority(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_getpriority, (int)a[0], (unsigned)a[1]));
}

int64_t os_sys_setpriority(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_setpriority, (int)a[0], (unsigned)a[1], (int)a[2]));
}

int64_t os_sys_getcpu(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  unsigned c, n;
  int64_t r = os_ret(syscall(SYS_getcpu, &c, &n, NULL));
  if (r < 0)
    return r;
  void *hc = NULL, *hn = NULL;
  if ((a[0] && !(hc = os_obj(a[0], 4, PROT_WRITE))) || (a[1] && !(hn = os_obj(a[1], 4, PROT_WRITE))))
    return -EFAULT;
  if (hc)
    memcpy(hc, &c, 4);
  if (hn)
    memcpy(hn, &n, 4);
  return 0;
}
