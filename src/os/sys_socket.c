/* Sockets (not done yet). */
#include "os/os_impl.h"

int64_t os_sys_socket(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_socketpair(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_bind(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_listen(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_accept(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_connect(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_getsockname(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_getpeername(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_sendto(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_recvfrom(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_setsockopt(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_getsockopt(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_shutdown(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_sendmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_recvmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_accept4(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_recvmmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_sendmmsg(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
