/* Descriptors that deliver events: inotify, signalfd, timerfd (not done yet). */
#include "os/os_impl.h"

int64_t os_sys_inotify_init1(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_inotify_add_watch(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_inotify_rm_watch(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_signalfd4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_timerfd_create(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_timerfd_settime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_timerfd_gettime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
