/* The guest's mremap with Linux semantics: shrink, grow in place when the pages above are
 * free, or move (MREMAP_MAYMOVE, MREMAP_FIXED, MREMAP_DONTUNMAP) with the host's mremap so
 * the pages themselves travel (file and shared mappings keep their identity). */
#define _GNU_SOURCE   /* mremap */
#include "mem/mem_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "interp/interp.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

/* Grows VMA-tail [old, old+old_len) to new_len in place; the pages above are free. */
static int grow_in_place(const vma *v, uint64_t old, uint64_t old_len, uint64_t new_len)
{
  uint64_t add = old + old_len, add_len = new_len - old_len;
  int hprot = mem_host_prot(v->prot);
  if ((v->flags & (VMA_ANON | VMA_SHARED)) == VMA_ANON) {
    /* Private anonymous: fresh zero pages above are all it takes. */
    if (mmap(mem_g2h(add), add_len, hprot, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS |
             MAP_NORESERVE, -1, 0) == MAP_FAILED) {
      int e = errno;
      mem_host_reserve(add, add_len);
      return -e;
    }
  } else {
    /* File or shared: the host must extend its own mapping, which needs the room free on
     * the host for a moment. */
    munmap(mem_g2h(add), add_len);
    if (mremap(mem_g2h(old), old_len, new_len, 0) == MAP_FAILED) {
      int e = errno;
      mem_host_reserve(add, add_len);
      return -e;
    }
  }
  vma n = *v;
  n.start = add;
  n.end = add + add_len;
  if (!(n.flags & VMA_ANON))
    n.off = v->off + (add - v->start);
  vma_insert(&n);
  return 0;
}

/* Moves [old, old+old_len) to [to, to+new_len) (a free range). */
static int move(const vma *v, uint64_t old, uint64_t old_len, uint64_t to, uint64_t new_len,
                bool dontunmap)
{
  vma n = *v;
  int flags = MREMAP_MAYMOVE | MREMAP_FIXED | (dontunmap ? MREMAP_DONTUNMAP : 0);
  if (mremap(mem_g2h(old), old_len, new_len, flags, mem_g2h(to)) == MAP_FAILED) {
    int e = errno;
    if (dontunmap || (v->flags & (VMA_ANON | VMA_SHARED)) != VMA_ANON)
      return -e;
    /* The range spans several host mappings (the host did not merge what we did): copy
     * private anonymous memory instead. */
    if (mmap(mem_g2h(to), new_len, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE |
             MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) == MAP_FAILED) {
      e = errno;
      mem_host_reserve(to, new_len);
      return -e;
    }
    if (!(mem_host_prot(v->prot) & PROT_READ))
      mprotect(mem_g2h(old), old_len, PROT_READ);
    memcpy(mem_g2h(to), mem_g2h(old), old_len < new_len ? old_len : new_len);
    mprotect(mem_g2h(to), new_len, mem_host_prot(v->prot));
  }
  if (!dontunmap) {
    bool exec = v->prot & PROT_EXEC;
    mem_host_reserve(old, old_len);
    vma_remove(old, old + old_len);
    if (exec)
      interp_flush_range(old, old_len);
  }
  /* After MREMAP_DONTUNMAP the old range stays mapped, emptied by the host. */
  n.start = to;
  n.end = to + new_len;
  if (!(n.flags & VMA_ANON))
    n.off = v->off + (old - v->start);
  vma_insert(&n);
  return 0;
}

int64_t mem_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags,
                   uint64_t new_addr)
{
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
    return -EINVAL;
  if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) && !(flags & MREMAP_MAYMOVE))
    return -EINVAL;
  if (old & PAGE_MASK_G)
    return -EINVAL;
  if (new_len == 0 || new_len > GUEST_SIZE)
    return -EINVAL;
  /* No VMA holds a range past the space: Linux's vma_lookup fails, EFAULT. */
  if (!range_ok(old, old_len))
    return -EFAULT;
  old_len = page_up(old_len);
  new_len = page_up(new_len);
  if (!range_ok(old, old_len))
    return -EFAULT;
  if (old_len == 0)
    return -EINVAL;   /* duplicating a shared mapping: not supported (rare) */
  bool dontunmap = flags & MREMAP_DONTUNMAP;
  if (dontunmap && old_len != new_len)
    return -EINVAL;
  bool fixed = flags & MREMAP_FIXED;
  if (fixed) {
    if (new_addr & PAGE_MASK_G)
      return -EINVAL;
    if (!range_ok(new_addr, new_len))
      return -EINVAL;
    if (new_addr < old + old_len && old < new_addr + new_len)
      return -EINVAL;
  }

  int64_t r;
  pthread_mutex_lock(&mem_lock);
  if (vma_reserve(8) < 0) {
    r = -ENOMEM;
    goto out;
  }
  long i = vma_find(old);
  if (i < 0 || old_len > vma_tab[i].end - old) {
    r = -EFAULT;
    goto out;
  }
  vma v = vma_tab[i];
  if (dontunmap && (v.flags & (VMA_ANON | VMA_SHARED)) != VMA_ANON) {
    r = -EINVAL;
    goto out;
  }

  /* --max-memory: the old range goes (unless MREMAP_DONTUNMAP), so does what lies at a
   * fixed target; the new range comes. A shrink always fits. */
  if (v.prot && new_len > old_len) {
    uint64_t freed = dontunmap ? 0 : mem_charged_in(old, old + old_len);
    if (fixed)
      freed += mem_charged_in(new_addr, new_addr + new_len);
    if (new_len > freed && !mem_charge_ok(0, 0, new_len - freed)) {
      r = -ENOMEM;
      goto out;
    }
  }
  if (fixed) {
    mem_unmap_locked(new_addr, new_addr + new_len);
    if (old_len > new_len) {
      mem_unmap_locked(old + new_len, old + old_len);
      old_len = new_len;
    }
    int e = move(&v, old, old_len, new_addr, new_len, dontunmap);
    r = e < 0 ? e : (int64_t)new_addr;
    goto out;
  }
  if (new_len <= old_len && !dontunmap) {
    mem_unmap_locked(old + new_len, old + old_len);
    r = (int64_t)old;
    goto out;
  }
  /* Growing: in place if this is the VMA's tail and the pages above are free. */
  if (!dontunmap && old + old_len == v.end && range_ok(old, new_len) &&
      vma_free(old + old_len, old + new_len)) {
    int e = grow_in_place(&v, old, old_len, new_len);
    if (e == 0) {
      r = (int64_t)old;
      goto out;
    }
  }
  if (!(flags & MREMAP_MAYMOVE)) {
    r = -ENOMEM;
    goto out;
  }
  uint64_t to = mem_pick_addr(0, new_len);
  if (to == UINT64_MAX) {
    r = -ENOMEM;
    goto out;
  }
  int e = move(&v, old, old_len, to, new_len, dontunmap);
  r = e < 0 ? e : (int64_t)to;
out:
  pthread_mutex_unlock(&mem_lock);
  return r;
}
