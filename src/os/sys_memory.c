/* Memory syscalls: the guest's address space is emulated by src/mem, which also makes the
 * interpreter forget code decoded from pages that munmap/mprotect/mremap/mmap change. Only the
 * explicit instruction-cache flush is handled here. */
#include "os/os_impl.h"

#include "interp/interp.h"
#include "mem/mem.h"

int64_t os_sys_brk(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_brk(a[0]);
}

int64_t os_sys_mmap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
}

int64_t os_sys_munmap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_munmap(a[0], a[1]);
}

int64_t os_sys_mprotect(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_mprotect(a[0], a[1], (int)a[2]);
}

int64_t os_sys_mremap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

int64_t os_sys_madvise(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return mem_madvise(a[0], a[1], (int)a[2]);
}

/* riscv_flush_icache(start, end, flags): Linux ignores the range and flushes everything, and a
 * program may (wrongly, but successfully) rely on that, so rvx does the same. */
int64_t os_sys_riscv_flush_icache(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  if (a[2] & ~(uint64_t)G_RISCV_FLUSH_ICACHE_LOCAL)
    return -EINVAL;
  interp_flush_all();
  return 0;
}

/* Not done yet: placeholders until their family lands. */
int64_t os_sys_msync(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_mlock(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_munlock(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_mlockall(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_munlockall(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}

int64_t os_sys_mincore(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return -ENOSYS;
}
