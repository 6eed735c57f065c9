/* Guest memory: the reservation, pointer checks for the OS layer and the interpreter, and the
 * loader's fixed mappings. The guest's mmap family lives in mmap.c. */
#include "mem/mem_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "interp/interp.h"

uint8_t *mem_base;
pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;
uint64_t mem_mmap_base;
uint64_t mem_brk_start, mem_brk_cur;
static uint64_t stack_size;
static size_t last_hit;   /* index of the VMA mem_prot_at found last */
static uint64_t limit;    /* --max-memory in bytes, page aligned; 0: none */

#define MIB (UINT64_C(1) << 20)

int mem_init(void)
{
  void *p = mmap(NULL, GUEST_SIZE + GUEST_GUARD, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    return -errno;
  mem_base = p;
  if (vma_reserve(64) < 0)
    return -ENOMEM;

  /* The stack gets RLIMIT_STACK (bounded: the mapping is made up front, not grown on
   * faults); mmap_base sits below it with Linux's gap: at least 128 MiB, plus a guard. */
  struct rlimit rl;
  uint64_t lim = 8 * MIB;
  if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    lim = rl.rlim_cur;
  else if (rl.rlim_cur == RLIM_INFINITY)
    lim = 256 * MIB;
  if (lim < 128 * 1024)
    lim = 128 * 1024;
  if (lim > 256 * MIB)
    lim = 256 * MIB;
  stack_size = page_up(lim);
  uint64_t gap = stack_size + MIB;
  if (gap < 128 * MIB)
    gap = 128 * MIB;
  mem_mmap_base = GUEST_STACK_TOP - gap;
  return 0;
}

void mem_set_limit(uint64_t bytes)
{
  limit = bytes >= GUEST_SIZE ? GUEST_SIZE : page_up(bytes);
}

/* Bytes of [start, end) covered by VMAs, all of them or only the accessible ones. */
static uint64_t bytes_in(uint64_t start, uint64_t end, bool accessible_only)
{
  uint64_t n = 0;
  for (size_t i = vma_lower(start); i < vma_n && vma_tab[i].start < end; i++) {
    if (accessible_only && vma_tab[i].prot == PROT_NONE)
      continue;
    uint64_t s = vma_tab[i].start > start ? vma_tab[i].start : start;
    uint64_t e = vma_tab[i].end < end ? vma_tab[i].end : end;
    n += e - s;
  }
  return n;
}

uint64_t mem_charged_in(uint64_t start, uint64_t end)
{
  return bytes_in(start, end, true);
}

uint64_t mem_mapped_in(uint64_t start, uint64_t end)
{
  return bytes_in(start, end, false);
}

bool mem_charge_ok(uint64_t free_start, uint64_t free_end, uint64_t add)
{
  if (!limit)
    return true;
  /* A walk over the VMA map: only runs with a limit, and maps are short. */
  uint64_t now = mem_charged_in(0, GUEST_SIZE);
  uint64_t freed = free_start < free_end ? mem_charged_in(free_start, free_end) : 0;
  return add <= limit && now - freed <= limit - add;
}

uint64_t mem_charged(void)
{
  pthread_mutex_lock(&mem_lock);
  uint64_t n = mem_charged_in(0, GUEST_SIZE);
  pthread_mutex_unlock(&mem_lock);
  return n;
}

uint64_t mem_stack_size(void)
{
  return stack_size;
}

bool mem_is_guest_host_addr(const void *h)
{
  uintptr_t a = (uintptr_t)h, b = (uintptr_t)mem_base;
  return mem_base && a >= b && a - b < GUEST_SIZE + GUEST_GUARD;
}

int mem_host_prot(int prot)
{
  int h = 0;
  if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC))
    h |= PROT_READ;
  if (prot & PROT_WRITE)
    h |= PROT_WRITE;
  return h;
}

void mem_host_reserve(uint64_t g, uint64_t len)
{
  if (len == 0)
    return;
  void *p = mmap(mem_g2h(g), len, PROT_NONE,
                 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    static const char msg[] = "rvx: internal error: cannot re-reserve guest memory\n";
    (void)!write(2, msg, sizeof msg - 1);
    abort();
  }
}

bool mem_range_exec(uint64_t start, uint64_t end)
{
  for (size_t i = vma_lower(start); i < vma_n && vma_tab[i].start < end; i++)
    if (vma_tab[i].prot & PROT_EXEC)
      return true;
  return false;
}

/* The VMA holding g, using the last hit first (decoding a block asks about the same page
 * again and again). Caller holds the lock. */
static const vma *lookup(uint64_t g)
{
  if (last_hit < vma_n && vma_tab[last_hit].start <= g && g < vma_tab[last_hit].end)
    return &vma_tab[last_hit];
  long i = vma_find(g);
  if (i < 0)
    return NULL;
  last_hit = (size_t)i;
  return &vma_tab[i];
}

int mem_prot_at(uint64_t g)
{
  pthread_mutex_lock(&mem_lock);
  const vma *v = lookup(g);
  int prot = v ? v->prot : -1;
  pthread_mutex_unlock(&mem_lock);
  return prot;
}

int mem_prot_at_async(uint64_t g)
{
  /* From a fault handler: the lock may be held (even by this thread), and the process is
   * about to die anyway, so read without it if need be; no last-hit update. */
  bool locked = pthread_mutex_trylock(&mem_lock) == 0;
  long i = vma_find(g);
  int prot = i >= 0 ? vma_tab[i].prot : -1;
  if (locked)
    pthread_mutex_unlock(&mem_lock);
  return prot;
}

/* Guest-visible readability: the OS layer reads what a guest load could read. */
static bool prot_allows(int have, int want)
{
  if ((want & PROT_WRITE) && !(have & PROT_WRITE))
    return false;
  if ((want & PROT_READ) && !(mem_host_prot(have) & PROT_READ))
    return false;
  if ((want & PROT_EXEC) && !(have & PROT_EXEC))
    return false;
  return true;
}

void *mem_guest_ptr(uint64_t g, uint64_t len, int prot)
{
  if (!range_ok(g, len))
    return NULL;
  if (len == 0)
    return mem_g2h(g);
  uint64_t end = g + len, a = g;
  pthread_mutex_lock(&mem_lock);
  while (a < end) {
    const vma *v = lookup(a);
    if (!v || !prot_allows(v->prot, prot))
      break;
    a = v->end;
  }
  pthread_mutex_unlock(&mem_lock);
  return a >= end ? mem_g2h(g) : NULL;
}

ssize_t mem_guest_strlen(uint64_t g, size_t max)
{
  if (g >= GUEST_SIZE)
    return -1;
  ssize_t r = -1;
  uint64_t a = g;
  pthread_mutex_lock(&mem_lock);
  while ((uint64_t)(a - g) < max) {
    const vma *v = lookup(a);
    if (!v || !prot_allows(v->prot, PROT_READ))
      break;
    uint64_t n = v->end - a, left = max - (a - g);
    if (n > left)
      n = left;
    const char *nul = memchr(mem_g2h(a), 0, n);
    if (nul) {
      r = (ssize_t)(nul - (const char *)mem_g2h(g));
      break;
    }
    a += n;
  }
  pthread_mutex_unlock(&mem_lock);
  return r;
}

void mem_unmap_locked(uint64_t start, uint64_t end)
{
  if (start >= end)
    return;
  bool exec = mem_range_exec(start, end);
  mem_host_reserve(start, end - start);
  vma_remove(start, end);
  if (exec)
    interp_flush_range(start, end - start);
}

int mem_map_fixed(uint64_t addr, uint64_t len, int prot, bool replace, const char *name)
{
  if ((addr & PAGE_MASK_G) || len == 0 || !page_range_ok(addr, &len))
    return -EINVAL;
  int r = 0;
  pthread_mutex_lock(&mem_lock);
  if (vma_reserve(4) < 0) {
    r = -ENOMEM;
  } else if (!vma_free(addr, addr + len) && !replace) {
    r = -EEXIST;
  } else if (!mem_charge_ok(addr, addr + len, prot ? len : 0)) {
    r = -ENOMEM;
  } else {
    int flags = MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    bool exec = mem_range_exec(addr, addr + len);
    if (mmap(mem_g2h(addr), len, mem_host_prot(prot), flags, -1, 0) == MAP_FAILED) {
      r = -errno;
      mem_host_reserve(addr, len);   /* what was there is gone either way */
      vma_remove(addr, addr + len);
    } else {
      vma_remove(addr, addr + len);
      vma v = { .start = addr, .end = addr + len, .prot = prot, .flags = VMA_ANON,
                .name = name };
      if (name && strcmp(name, "[stack]") == 0)
        v.flags |= VMA_GROWSDOWN;
      vma_insert(&v);
    }
    if (exec)
      interp_flush_range(addr, len);
  }
  pthread_mutex_unlock(&mem_lock);
  return r;
}

void mem_set_brk_start(uint64_t addr)
{
  pthread_mutex_lock(&mem_lock);
  mem_brk_start = mem_brk_cur = page_up(addr < GUEST_SIZE ? addr : GUEST_SIZE);
  pthread_mutex_unlock(&mem_lock);
}

bool mem_range_free(uint64_t addr, uint64_t len)
{
  if (!range_ok(addr, len))
    return false;
  pthread_mutex_lock(&mem_lock);
  bool r = vma_free(addr, addr + len);
  pthread_mutex_unlock(&mem_lock);
  return r;
}

uint64_t mem_find_free(uint64_t len, uint64_t low, uint64_t high)
{
  if (len == 0 || high < low || high - low < len)
    return UINT64_MAX;
  /* Walk the gaps from the top: gap i lies between VMA i-1's end and hi. */
  uint64_t hi = high;
  size_t i = vma_lower(high);   /* VMAs from i on end above high */
  if (i < vma_n && vma_tab[i].start < hi)
    hi = vma_tab[i].start;
  for (;;) {
    uint64_t lo = low;
    if (i > 0 && vma_tab[i - 1].end > lo)
      lo = vma_tab[i - 1].end;
    if (hi >= lo && hi - lo >= len)
      return hi - len;
    if (i == 0)
      return UINT64_MAX;
    i--;
    if (vma_tab[i].start < hi)
      hi = vma_tab[i].start;
    if (hi <= low)
      return UINT64_MAX;
  }
}

uint64_t mem_pick_addr(uint64_t hint, uint64_t len)
{
  if (hint) {
    uint64_t a = page_up(hint < GUEST_SIZE ? hint : GUEST_SIZE);
    if (a >= MMAP_MIN_ADDR && range_ok(a, len) && vma_free(a, a + len))
      return a;
  }
  uint64_t a = mem_find_free(len, MMAP_MIN_ADDR, mem_mmap_base);
  if (a == UINT64_MAX)   /* like Linux's bottom-up fallback: anywhere below the stack */
    a = mem_find_free(len, MMAP_MIN_ADDR, GUEST_STACK_TOP);
  return a;
}
