/* The guest VMA map as a sorted array: lookups are binary searches, changes are memmoves.
 * Guests have tens to a few thousand mappings, where an array beats a tree. */
#include "mem/vma.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define VMA_MAX 65530   /* Linux's default vm.max_map_count */

vma *vma_tab;
size_t vma_n;
static size_t vma_cap;

int vma_reserve(size_t extra)
{
  if (vma_n + extra <= vma_cap)
    return 0;
  if (vma_n + extra > VMA_MAX)
    return -ENOMEM;
  size_t cap = vma_cap ? vma_cap * 2 : 64;
  while (cap < vma_n + extra)
    cap *= 2;
  vma *t = realloc(vma_tab, cap * sizeof *t);
  if (!t)
    return -ENOMEM;
  vma_tab = t;
  vma_cap = cap;
  return 0;
}

size_t vma_lower(uint64_t addr)
{
  size_t lo = 0, hi = vma_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (vma_tab[mid].end > addr)
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

long vma_find(uint64_t addr)
{
  size_t i = vma_lower(addr);
  if (i < vma_n && vma_tab[i].start <= addr)
    return (long)i;
  return -1;
}

static void open_slot(size_t i)
{
  memmove(&vma_tab[i + 1], &vma_tab[i], (vma_n - i) * sizeof *vma_tab);
  vma_n++;
}

static void close_slots(size_t i, size_t n)
{
  memmove(&vma_tab[i], &vma_tab[i + n], (vma_n - i - n) * sizeof *vma_tab);
  vma_n -= n;
}

void vma_split(uint64_t addr)
{
  long i = vma_find(addr);
  if (i < 0 || vma_tab[i].start == addr)
    return;
  open_slot((size_t)i);
  /* vma_tab[i] and [i+1] are copies: the first keeps [start, addr), the second the rest. */
  vma_tab[i].end = addr;
  vma_tab[i + 1].start = addr;
  if (!(vma_tab[i + 1].flags & VMA_ANON))
    vma_tab[i + 1].off += addr - vma_tab[i].start;
}

void vma_remove(uint64_t start, uint64_t end)
{
  if (start >= end)
    return;
  vma_split(start);
  vma_split(end);
  size_t i = vma_lower(start), j = i;
  while (j < vma_n && vma_tab[j].start < end)
    j++;
  close_slots(i, j - i);
}

static bool same_name(const char *a, const char *b)
{
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* True if b can be appended to a (a ends where b starts, same attributes). */
static bool mergeable(const vma *a, const vma *b)
{
  if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
      !same_name(a->name, b->name))
    return false;
  if (a->flags & VMA_ANON)
    return true;
  return a->dev == b->dev && a->ino == b->ino && a->off + (a->end - a->start) == b->off;
}

void vma_merge_at(size_t i)
{
  if (i + 1 < vma_n && mergeable(&vma_tab[i], &vma_tab[i + 1])) {
    vma_tab[i].end = vma_tab[i + 1].end;
    close_slots(i + 1, 1);
  }
  if (i > 0 && mergeable(&vma_tab[i - 1], &vma_tab[i])) {
    vma_tab[i - 1].end = vma_tab[i].end;
    close_slots(i, 1);
  }
}

void vma_insert(const vma *v)
{
  size_t i = vma_lower(v->start);
  open_slot(i);
  vma_tab[i] = *v;
  vma_merge_at(i);
}

bool vma_free(uint64_t start, uint64_t end)
{
  size_t i = vma_lower(start);
  return i == vma_n || vma_tab[i].start >= end;
}
