/* Descriptors that deliver events: eventfd, inotify, signalfd, timerfd. What they carry has one
 * layout on every architecture (an 8-byte counter, struct inotify_event, the 128-byte struct
 * signalfd_siginfo, struct itimerspec: conv.c asserts the last two), so the host's descriptors
 * serve the guest directly and read() needs no translation. Guest pointers reach the host as
 * os_arg makes them, so errors come in Linux's order. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int64_t os_sys_eventfd2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

int64_t os_sys_inotify_init1(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_inotify_init1, (int)a[0]));
}

int64_t os_sys_inotify_add_watch(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_inotify_add_watch, (int)a[0], os_path_arg(a[1]), (uint32_t)a[2]));
}

int64_t os_sys_inotify_rm_watch(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_inotify_rm_watch, (int)a[0], (int)a[1]));
}

/* signalfd4(fd, mask, sizemask, flags): the mask is a guest sigset, and guest signal numbers
 * are host signal numbers. The host kernel drops SIGKILL and SIGSTOP from it, as Linux does.
 * A signalfd reads the host's pending signals, so it sees those the guest blocked (the guest's
 * mask is applied to the host, see sys_signal.c). */
int64_t os_sys_signalfd4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const void *mask = os_arg(a[1], G_SIGSET_SIZE, PROT_READ);
  return os_ret(syscall(SYS_signalfd4, (int)a[0], mask, (size_t)a[2], (int)a[3]));
}

int64_t os_sys_timerfd_create(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return os_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

int64_t os_sys_timerfd_settime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  const void *nv = os_arg(a[2], sizeof(struct g_itimerspec), PROT_READ);
  void *ov = os_arg_opt(a[3], sizeof(struct g_itimerspec), PROT_WRITE);
  return os_ret(syscall(SYS_timerfd_settime, (int)a[0], (int)a[1], nv, ov));
}

int64_t os_sys_timerfd_gettime(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  void *cur = os_arg(a[1], sizeof(struct g_itimerspec), PROT_WRITE);
  return os_ret(syscall(SYS_timerfd_gettime, (int)a[0], cur));
}
