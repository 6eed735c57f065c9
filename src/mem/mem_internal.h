/* Shared state of src/mem/ (not for other components). */
#ifndef RVX_MEM_INTERNAL_H
#define RVX_MEM_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "mem/mem.h"
#include "mem/vma.h"

#define PAGE_MASK_G ((uint64_t)GUEST_PAGE - 1)
#define MMAP_MIN_ADDR UINT64_C(0x1000)  /* what vm.mmap_min_addr allows guests below */

extern pthread_mutex_t mem_lock;
extern uint64_t mem_mmap_base;   /* top-down mmap allocations start below this */
extern uint64_t mem_brk_start, mem_brk_cur;

static inline uint64_t page_down(uint64_t a) { return a & ~PAGE_MASK_G; }
/* Rounds up; only for a <= GUEST_SIZE (so it cannot overflow). */
static inline uint64_t page_up(uint64_t a) { return (a + PAGE_MASK_G) & ~PAGE_MASK_G; }

/* True if [g, g+len) lies inside the guest space (overflow-safe). */
static inline bool range_ok(uint64_t g, uint64_t len)
{
  return g <= GUEST_SIZE && len <= GUEST_SIZE - g;
}
/* Rounds *len up to whole pages; true if [g, g + *len) then lies inside the guest space. */
static inline bool page_range_ok(uint64_t g, uint64_t *len)
{
  if (!range_ok(g, *len))
    return false;
  *len = page_up(*len);
  return range_ok(g, *len);
}

/* Host protection for a guest protection: write and exec imply read (as on riscv64 Linux,
 * where W-only PTEs do not exist and the interpreter must read code); never host-exec. */
int mem_host_prot(int prot);
/* Puts [g, g+len) back to reserved PROT_NONE on the host. Aborts if the host refuses, since
 * a hole in the reservation could be taken by host allocations. */
void mem_host_reserve(uint64_t g, uint64_t len);
/* True if any mapping in [start, end) is executable (its predecoded blocks must go). */
bool mem_range_exec(uint64_t start, uint64_t end);
/* Unmaps [start, end) (page aligned, inside the space): host and VMA map. Needs 2 VMA slots. */
void mem_unmap_locked(uint64_t start, uint64_t end);
/* Highest free page-aligned range of len bytes within [low, high), or UINT64_MAX. */
uint64_t mem_find_free(uint64_t len, uint64_t low, uint64_t high);
/* Picks where a non-fixed mapping of len bytes goes (hint first, then top-down). */
uint64_t mem_pick_addr(uint64_t hint, uint64_t len);

/* The --max-memory check, lock held: true if the guest may have `add` more accessible bytes
 * once the accessible bytes in [free_start, free_end) are gone (always true without a
 * limit). */
bool mem_charge_ok(uint64_t free_start, uint64_t free_end, uint64_t add);
/* Accessible (prot != PROT_NONE) and all mapped bytes in [start, end); lock held. */
uint64_t mem_charged_in(uint64_t start, uint64_t end);
uint64_t mem_mapped_in(uint64_t start, uint64_t end);

/* The interned copy of s (lives forever; NULL without memory). Caller holds the lock. */
const char *mem_intern(const char *s);
/* The interned path of what fd refers to, or NULL. Caller holds the lock. */
const char *mem_fd_name(int fd);

#endif
