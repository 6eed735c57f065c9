/* Memory syscalls: the guest's address space is emulated by src/mem, which also makes the
 * interpreter forget code decoded from pages that munmap/mprotect/mremap/mmap change. The
 * explicit instruction-cache flush, and the calls on page ranges that the host's own pages
 * answer (msync, mlock, mincore) once the range is checked against the guest's mappings. */
#include "os/os_impl.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "interp/interp.h"
#include "mem/mem.h"
#include "util/log.h"

/* The result of a call that changes the guest's mappings, logged for -d page. */
#define PAGE_LOGGED(call, expr) ({                      \
    int64_t r_ = (expr);                                \
    if (log_on(LOG_PAGE))                               \
      log_page_call(call, a, r_);                       \
    r_;                                                 \
  })

int64_t os_sys_brk(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return PAGE_LOGGED("brk", mem_brk(a[0]));
}

int64_t os_sys_mmap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return PAGE_LOGGED("mmap", mem_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]));
}

int64_t os_sys_munmap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return PAGE_LOGGED("munmap", mem_munmap(a[0], a[1]));
}

int64_t os_sys_mprotect(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return PAGE_LOGGED("mprotect", mem_mprotect(a[0], a[1], (int)a[2]));
}

int64_t os_sys_mremap(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return PAGE_LOGGED("mremap", mem_mremap(a[0], a[1], a[2], (int)a[3], a[4]));
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

/* Page range [start, start + len rounded up) for the calls below, or false when it wraps.
 * The rounding itself wraps as Linux's PAGE_ALIGN does: a length within a page of 2^64 makes
 * an empty range there too. */
static bool page_range(uint64_t start, uint64_t len, uint64_t *end)
{
  uint64_t l = (len + GUEST_PAGE - 1) & ~(uint64_t)(GUEST_PAGE - 1);
  if (start + l < start)
    return false;
  *end = start + l;
  return true;
}

/* True if every page of [start, end) is a guest mapping (of any protection). */
static bool all_mapped(uint64_t start, uint64_t end)
{
  return end <= GUEST_SIZE && os_obj(start, end - start, 0) != NULL;
}

#define G_MS_ASYNC 1
#define G_MS_INVALIDATE 2
#define G_MS_SYNC 4

/* msync(addr, len, flags): the host syncs the host pages of the guest's shared file mappings;
 * holes in the range are skipped but make the call fail with ENOMEM at the end, as Linux. */
int64_t os_sys_msync(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t start = a[0], flags = a[2], end;
  if ((flags & ~(uint64_t)(G_MS_ASYNC | G_MS_INVALIDATE | G_MS_SYNC)) ||
      (start & (GUEST_PAGE - 1)) || ((flags & G_MS_ASYNC) && (flags & G_MS_SYNC)))
    return -EINVAL;
  if (!page_range(start, a[1], &end))
    return -ENOMEM;
  if (end == start)
    return 0;
  if (start >= GUEST_SIZE)
    return -ENOMEM;
  uint64_t hend = end < GUEST_SIZE ? end : GUEST_SIZE;
  int64_t r = os_ret(msync(mem_g2h(start), hend - start, (int)flags));
  if (r == 0 && !all_mapped(start, end))
    r = -ENOMEM;
  return r;
}

/* mlock/munlock: the host locks the host pages of the guest range; a range that is not all
 * mapped fails with ENOMEM, as Linux. */
static int64_t lock_range(uint64_t start, uint64_t len, bool lock)
{
  uint64_t off = start & (GUEST_PAGE - 1), end;
  start -= off;
  if (!page_range(start, len + off, &end))
    return -EINVAL;
  if (end == start)
    return 0;
  if (!all_mapped(start, end))
    return -ENOMEM;
  void *h = mem_g2h(start);
  /* Raw calls: sanitizer runtimes replace libc's mlock family with no-ops. */
  return os_ret(syscall(lock ? SYS_mlock : SYS_munlock, h, (size_t)(end - start)));
}

int64_t os_sys_mlock(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return lock_range(a[0], a[1], true);
}

int64_t os_sys_munlock(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  return lock_range(a[0], a[1], false);
}

#define G_MCL_CURRENT 1
#define G_MCL_FUTURE 2
#define G_MCL_ONFAULT 4

/* mlockall locks rvx's whole process on the host (guest memory is part of it); the host's
 * RLIMIT_MEMLOCK check counts rvx's reservation too, see docs/COMPATIBILITY.md. */
int64_t os_sys_mlockall(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t f = a[0];
  if (!f || (f & ~(uint64_t)(G_MCL_CURRENT | G_MCL_FUTURE | G_MCL_ONFAULT)) || f == G_MCL_ONFAULT)
    return -EINVAL;
  return os_ret(syscall(SYS_mlockall, (int)f));
}

int64_t os_sys_munlockall(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  (void)a;
  return os_ret(syscall(SYS_munlockall));
}

/* mincore(addr, len, vec): one byte per page, from the host's view of the host pages. Linux
 * works in chunks of at most a page of vector, each within one mapping: an unmapped page ends
 * the call with ENOMEM after the chunks before it were written. */
int64_t os_sys_mincore(rv_cpu *cpu, const uint64_t a[6])
{
  (void)cpu;
  uint64_t start = a[0], len = a[1], vec = a[2];
  if (start & (GUEST_PAGE - 1))
    return -EINVAL;
  if (start > GUEST_SIZE || len > GUEST_SIZE - start)
    return -ENOMEM;
  uint64_t pages = (len + GUEST_PAGE - 1) / GUEST_PAGE;
  if (vec > GUEST_SIZE || pages > GUEST_SIZE - vec)
    return -EFAULT;
  unsigned char tmp[GUEST_PAGE];
  while (pages) {
    uint64_t n = 0, max = pages < sizeof tmp ? pages : sizeof tmp;
    while (n < max && mem_prot_at(start + n * GUEST_PAGE) >= 0)
      n++;
    if (n == 0)
      return -ENOMEM;
    int64_t r = os_ret(mincore(mem_g2h(start), n * GUEST_PAGE, tmp));
    if (r < 0)
      return r;
    if (os_put(vec, tmp, n))
      return -EFAULT;
    pages -= n;
    vec += n;
    start += n * GUEST_PAGE;
  }
  return 0;
}
