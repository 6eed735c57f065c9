/* Miscellaneous syscalls: uname (the machine is riscv64), sysinfo, getrandom. */
#define _GNU_SOURCE
#include "os/os_impl.h"

#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

int64_t os_sys_uname(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct utsname u;
  int64_t r = os_ret(uname(&u));
  if (r < 0)
    return r;
  memset(u.machine, 0, sizeof u.machine);
  strcpy(u.machine, "riscv64");
  return os_put(a[0], &u, sizeof u);   /* same layout (conv.c) */
}

int64_t os_sys_sysinfo(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  struct sysinfo si;
  int64_t r = os_ret(sysinfo(&si));
  if (r < 0)
    return r;
  return os_put(a[0], &si, sizeof si);
}

int64_t os_sys_getrandom(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t len = a[1];
  void *h = os_buf(a[0], &len, PROT_WRITE);
  if (!h)
    return -EFAULT;
  return os_ret(syscall(SYS_getrandom, h, (size_t)len, (unsigned)a[2]));
}
