/* The guest's mmap, munmap, mprotect and brk with Linux semantics, emulated inside the
 * reservation: every host call uses MAP_FIXED at mem_base + g on a range already checked
 * against the guest space, so nothing outside the region is ever touched. */
#define _GNU_SOURCE   /* mremap */
#include "mem/mem_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "interp/interp.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif
#ifndef MAP_UNINITIALIZED
#define MAP_UNINITIALIZED 0x4000000
#endif

/* The flags asm-generic (riscv64) knows, besides the type; MAP_SHARED_VALIDATE rejects
 * others with EOPNOTSUPP, the other types ignore them (Linux's LEGACY_MAP_MASK). */
#define KNOWN_FLAGS (MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | \
                     MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
                     MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_FIXED_NOREPLACE | \
                     MAP_UNINITIALIZED)

/* Maps a file at guest g without ever leaving a hole: the host maps it anywhere first, and
 * only a successful mapping is moved over the reserved range (mremap replaces atomically). */
static int host_map_file(uint64_t g, uint64_t len, int hprot, int type, int fd, uint64_t off)
{
  void *tmp = mmap(NULL, len, hprot, type, fd, (off_t)off);
  if (tmp == MAP_FAILED)
    return -errno;
  void *to = mem_g2h(g);
  if (mremap(tmp, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, to) == MAP_FAILED) {
    /* Some special mappings cannot move: map in place, re-reserving on failure. */
    munmap(tmp, len);
    if (mmap(to, len, hprot, type | MAP_FIXED, fd, (off_t)off) == MAP_FAILED) {
      int e = errno;
      mem_host_reserve(g, len);
      return -e;
    }
  }
  return 0;
}

int64_t mem_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
  int type = flags & 0x0f;
  bool anon = flags & MAP_ANONYMOUS;
  if (len == 0 || (off & PAGE_MASK_G))
    return -EINVAL;
  if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
    return -EINVAL;
  if (type == MAP_SHARED_VALIDATE) {
    if (flags & ~(KNOWN_FLAGS | 0x0f))
      return -EOPNOTSUPP;
    if ((flags & MAP_SYNC) && anon)
      return -EOPNOTSUPP;
    type = MAP_SHARED;
  }
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
    return -EINVAL;
  if (len > GUEST_SIZE)
    return -ENOMEM;
  len = page_up(len);
  if (!anon && off + len < off)
    return -EOVERFLOW;
  if (flags & MAP_HUGETLB)
    return -ENOMEM;   /* no huge pages configured: what a stock Linux says */
  if (flags & MAP_FIXED_NOREPLACE)
    flags |= MAP_FIXED;

  bool fixed = flags & MAP_FIXED;
  if (fixed) {
    if (addr & PAGE_MASK_G)
      return -EINVAL;
    if (!range_ok(addr, len))
      return -ENOMEM;
    if (addr < MMAP_MIN_ADDR)
      return -EPERM;
  }

  vma v = { .prot = prot, .flags = anon ? VMA_ANON : 0 };
  if (type == MAP_SHARED)
    v.flags |= VMA_SHARED;
  if (flags & MAP_GROWSDOWN)
    v.flags |= VMA_GROWSDOWN;
  if (!anon) {
    struct stat st;
    if (fstat(fd, &st) < 0)
      return -EBADF;
    v.off = off;
    v.dev = st.st_dev;
    v.ino = st.st_ino;
  }

  int64_t r;
  pthread_mutex_lock(&mem_lock);
  if (vma_reserve(4) < 0) {
    r = -ENOMEM;
    goto out;
  }
  if (fixed) {
    if ((flags & MAP_FIXED_NOREPLACE) && !vma_free(addr, addr + len)) {
      r = -EEXIST;
      goto out;
    }
  } else {
    addr = mem_pick_addr(addr, len);
    if (addr == UINT64_MAX) {
      r = -ENOMEM;
      goto out;
    }
  }

  if (!mem_charge_ok(addr, addr + len, prot ? len : 0)) {
    r = -ENOMEM;   /* --max-memory */
    goto out;
  }
  int hprot = mem_host_prot(prot);
  int htype = type | (flags & (MAP_NORESERVE | MAP_POPULATE));
  bool exec = mem_range_exec(addr, addr + len);
  if (anon) {
    if (mmap(mem_g2h(addr), len, hprot, htype | MAP_FIXED | MAP_ANONYMOUS, -1, 0) ==
        MAP_FAILED) {
      r = -errno;
      mem_host_reserve(addr, len);
      vma_remove(addr, addr + len);
      goto flush;
    }
  } else {
    int e = host_map_file(addr, len, hprot, htype, fd, off);
    if (e < 0) {
      r = e;
      goto out;   /* the old mappings are intact */
    }
  }
  vma_remove(addr, addr + len);
  if (!anon)
    v.name = mem_fd_name(fd);
  v.start = addr;
  v.end = addr + len;
  vma_insert(&v);
  r = (int64_t)addr;
flush:
  if (exec)
    interp_flush_range(addr, len);
out:
  pthread_mutex_unlock(&mem_lock);
  return r;
}

int mem_map_file(uint64_t addr, uint64_t len, int prot, int fd, uint64_t off, const char *name)
{
  int64_t r = mem_mmap(addr, len, prot, MAP_PRIVATE | MAP_FIXED, fd, off);
  if (r < 0 || !name)
    return (int)(r < 0 ? r : 0);
  pthread_mutex_lock(&mem_lock);
  uint64_t end = addr + page_up(len);
  for (size_t i = vma_lower(addr); i < vma_n && vma_tab[i].start < end; i++)
    vma_tab[i].name = mem_intern(name);
  pthread_mutex_unlock(&mem_lock);
  return 0;
}

int64_t mem_munmap(uint64_t addr, uint64_t len)
{
  if ((addr & PAGE_MASK_G) || len == 0 || !page_range_ok(addr, &len))
    return -EINVAL;
  int64_t r = 0;
  pthread_mutex_lock(&mem_lock);
  if (vma_reserve(4) < 0)
    r = -ENOMEM;
  else
    mem_unmap_locked(addr, addr + len);
  pthread_mutex_unlock(&mem_lock);
  return r;
}

int64_t mem_mprotect(uint64_t addr, uint64_t len, int prot)
{
  if (addr & PAGE_MASK_G)
    return -EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
    return -EINVAL;
  if ((prot & PROT_GROWSDOWN) && (prot & PROT_GROWSUP))
    return -EINVAL;
  prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
  if (len == 0)
    return 0;
  if (!page_range_ok(addr, &len))
    return -ENOMEM;
  uint64_t end = addr + len;

  int64_t r = 0;
  pthread_mutex_lock(&mem_lock);
  if (vma_reserve(4) < 0) {
    r = -ENOMEM;
    goto out;
  }
  /* Like Linux: the range must start mapped; the VMAs up to the first hole are changed, and
   * the hole makes it ENOMEM. */
  long first = vma_find(addr);
  if (first < 0) {
    r = -ENOMEM;
    goto out;
  }
  if (prot && !mem_charge_ok(addr, end, mem_mapped_in(addr, end))) {
    r = -ENOMEM;   /* --max-memory: PROT_NONE pages becoming accessible */
    goto out;
  }
  bool exec = mem_range_exec(addr, end);
  vma_split(addr);
  vma_split(end);
  uint64_t a = addr;
  size_t fi = vma_lower(addr), i = fi;
  while (a < end) {
    if (i >= vma_n || vma_tab[i].start != a) {
      r = -ENOMEM;
      break;
    }
    vma *v = &vma_tab[i];
    if (v->prot != prot) {
      if (mprotect(mem_g2h(v->start), v->end - v->start, mem_host_prot(prot)) < 0) {
        r = -errno;   /* e.g. EACCES: writing a shared mapping of a read-only file */
        break;
      }
      v->prot = prot;
    }
    a = v->end;
    i++;
  }
  /* Merge what the splits and changes left mergeable, top down (merging only ever removes
   * entries at or above j-1), including the neighbour just past the range. */
  size_t top = i < vma_n ? i : vma_n - 1;
  for (size_t j = top + 1; j-- > fi;)
    if (j < vma_n)
      vma_merge_at(j);
  if (exec || (prot & PROT_EXEC))
    interp_flush_range(addr, a - addr);
out:
  pthread_mutex_unlock(&mem_lock);
  return r;
}

static bool advice_known(int advice, bool *to_host)
{
  *to_host = true;
  switch (advice) {
  case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
  case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP:
  case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK: case 20 /* COLD */:
  case 21 /* PAGEOUT */: case 22 /* POPULATE_READ */: case 23 /* POPULATE_WRITE */:
  case 24 /* DONTNEED_LOCKED */:
    return true;
  case MADV_MERGEABLE: case MADV_UNMERGEABLE: case 25 /* COLLAPSE */:
    *to_host = false;   /* accepted, no effect on the guest's view */
    return true;
  case MADV_DONTFORK: case MADV_DOFORK:
    /* Accepted but not passed on: a forked rvx would find a hole in its reservation, where
     * host allocations could land. The child sees a copy instead of nothing. */
    *to_host = false;
    return true;
  default:
    return false;
  }
}

int64_t mem_madvise(uint64_t addr, uint64_t len, int advice)
{
  bool to_host;
  if (addr & PAGE_MASK_G)
    return -EINVAL;
  if (advice == MADV_HWPOISON || advice == 101 /* SOFT_OFFLINE */)
    return -EPERM;
  if (!advice_known(advice, &to_host))
    return -EINVAL;
  if (len == 0)
    return 0;
  if (!page_range_ok(addr, &len))
    return -ENOMEM;
  uint64_t end = addr + len, a = addr;
  int64_t r = 0;
  pthread_mutex_lock(&mem_lock);
  for (size_t i = vma_lower(addr); a < end; i++) {
    if (i >= vma_n || vma_tab[i].start >= end) {
      r = -ENOMEM;
      break;
    }
    if (vma_tab[i].start > a)
      r = -ENOMEM;   /* a hole: Linux still advises the mapped parts */
    uint64_t s = vma_tab[i].start > a ? vma_tab[i].start : a;
    uint64_t e = vma_tab[i].end < end ? vma_tab[i].end : end;
    if (to_host && madvise(mem_g2h(s), e - s, advice) < 0) {
      r = -errno;
      break;
    }
    a = e;
  }
  pthread_mutex_unlock(&mem_lock);
  return r;
}

int64_t mem_brk(uint64_t addr)
{
  pthread_mutex_lock(&mem_lock);
  uint64_t cur = mem_brk_cur;
  if (mem_brk_start == 0 || addr < mem_brk_start || addr > GUEST_SIZE || vma_reserve(4) < 0)
    goto out;
  uint64_t old_top = page_up(cur), new_top = page_up(addr);
  if (new_top < old_top) {
    mem_unmap_locked(new_top, old_top);
  } else if (new_top > old_top) {
    /* Linux wants a page of room above the new break, too. */
    uint64_t guard = new_top + GUEST_PAGE <= GUEST_SIZE ? new_top + GUEST_PAGE : new_top;
    if (!vma_free(old_top, guard) || !mem_charge_ok(0, 0, new_top - old_top))
      goto out;
    if (mmap(mem_g2h(old_top), new_top - old_top, PROT_READ | PROT_WRITE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED) {
      mem_host_reserve(old_top, new_top - old_top);
      goto out;
    }
    vma v = { .start = old_top, .end = new_top, .prot = PROT_READ | PROT_WRITE,
              .flags = VMA_ANON | VMA_HEAP, .name = "[heap]" };
    vma_insert(&v);
  }
  mem_brk_cur = cur = addr;
out:
  pthread_mutex_unlock(&mem_lock);
  return (int64_t)cur;
}
