/* Code cache: one memfd mapped twice (execute view, write view), a bump allocator over it,
 * and flush-all when full (see code_cache.h). */
#define _GNU_SOURCE   /* memfd_create */
#include "cache/code_cache.h"

#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static uint8_t *xview, *wview;   /* the two mappings of the same pages */
static size_t total, fixed_size, used;
uint64_t cc_flushes;

/* Maps a fresh memfd of `size` bytes twice, at *x and *w (MAP_FIXED there when non-NULL). */
static bool map_pair(size_t size, uint8_t **x, uint8_t **w, const uint8_t *copy) {
  int fd = memfd_create("rvx-code-cache", MFD_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = false;
  if (ftruncate(fd, (off_t)size) == 0) {
    int fixed = *x ? MAP_FIXED : 0;
    uint8_t *nw = mmap(*w, size, PROT_READ | PROT_WRITE, MAP_SHARED | fixed, fd, 0);
    if (nw != MAP_FAILED && copy)
      memcpy(nw, copy, size);
    uint8_t *nx = nw == MAP_FAILED ? MAP_FAILED
                                   : mmap(*x, size, PROT_READ | PROT_EXEC, MAP_SHARED | fixed, fd, 0);
    if (nx != MAP_FAILED) {
      *x = nx;
      *w = nw;
      ok = true;
    } else if (nw != MAP_FAILED && !fixed) {
      munmap(nw, size);
    }
  }
  close(fd);   /* the mappings keep the pages */
  return ok;
}

/* A forked child would share the cache's pages with its parent (MAP_SHARED): it gets its own
 * copy, at the same addresses, before it can write to them. */
void cc_after_fork(void) {
  if (!xview)
    return;
  uint8_t *copy = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (copy == MAP_FAILED)
    _exit(127);
  memcpy(copy, wview, total);
  uint8_t *x = xview, *w = wview;
  if (!map_pair(total, &x, &w, copy))
    _exit(127);   /* cannot happen short of running out of memory; sharing would corrupt */
  munmap(copy, total);
}

bool cc_init(size_t size, size_t fixed) {
  if (xview)
    return true;
  long pg = sysconf(_SC_PAGESIZE);
  size_t page = pg > 0 ? (size_t)pg : 4096;
  fixed = (fixed + page - 1) & ~(page - 1);
  size = (size + page - 1) & ~(page - 1);
  uint8_t *x = NULL, *w = NULL;
  if (!map_pair(fixed + size, &x, &w, NULL))
    return false;
  xview = x;
  wview = w;
  total = fixed + size;
  fixed_size = used = fixed;
  pthread_atfork(NULL, NULL, cc_after_fork);
  return true;
}

bool cc_ready(void) { return xview != NULL; }
uint8_t *cc_fixed(void) { return wview; }

bool cc_room(size_t max) { return used + max <= total; }
uint8_t *cc_begin(void) { return wview + used; }

void cc_commit(size_t n) {
  used += (n + 15) & ~(size_t)15;
  if (used > total)
    used = total;
}

void cc_flush(void) {
  used = fixed_size;
  cc_flushes++;
}

uint8_t *cc_w2x(uint8_t *w) { return xview + (w - wview); }
uint8_t *cc_x2w(uint8_t *x) { return wview + (x - xview); }
bool cc_contains_x(const void *x) {
  return (const uint8_t *)x >= xview && (const uint8_t *)x < xview + total;
}
size_t cc_used(void) { return used - fixed_size; }
