/* epoll: riscv64's struct epoll_event is not packed, x86-64's is (not done yet). */
#include "os/os_impl.h"

int64_t os_sys_epoll_create1(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_epoll_ctl(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_epoll_pwait(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_epoll_pwait2(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
