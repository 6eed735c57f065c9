/* wait4 and waitid (not done yet). */
#include "os/os_impl.h"

int64_t os_sys_wait4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_waitid(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
