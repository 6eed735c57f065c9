/* clone and clone3: new processes (fork-like) and threads (not done yet). */
#include "os/os_impl.h"

int64_t os_sys_clone(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_clone3(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
