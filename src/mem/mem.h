/* Guest memory: one reserved host region; guest address g lives at host mem_base + g.
 * The guest sees [0, GUEST_SIZE) (what sv39 Linux gives a user process). Behind the region
 * lies a PROT_NONE guard, so an access of up to 16 bytes starting below GUEST_SIZE faults
 * inside rvx's reservation, never in rvx's own memory. Guest mappings are tracked in a VMA
 * map, which is also the source of /proc/self/maps later. */
#ifndef RVX_MEM_H
#define RVX_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#define GUEST_BITS 38
#define GUEST_SIZE (UINT64_C(1) << GUEST_BITS)
#define GUEST_GUARD (UINT64_C(1) << 16)   /* bytes of PROT_NONE after the region */
#define GUEST_PAGE 4096u

extern uint8_t *mem_base;   /* start of the reservation; set once by mem_init */

/* Reserves the region. Returns 0 or -errno. */
int mem_init(void);

/* True if host address h lies inside the reservation (region or guard). */
bool mem_is_guest_host_addr(const void *h);

/* Host address of guest address g. Only valid for g < GUEST_SIZE. */
static inline void *mem_g2h(uint64_t g) { return mem_base + g; }

/* Pointer checks for the OS layer: the host pointer for [g, g+len) if all of it is mapped with
 * at least `prot` (PROT_READ / PROT_WRITE bits), else NULL (the caller returns -EFAULT). len 0
 * is allowed and checks nothing but g <= GUEST_SIZE. */
void *mem_guest_ptr(uint64_t g, uint64_t len, int prot);
/* Length of the NUL-terminated string at g if it is readable within max bytes, else -1. */
ssize_t mem_guest_strlen(uint64_t g, size_t max);
/* memcpy for the OS layer's copies between rvx and guest memory: 0, or -EFAULT when the guest
 * range stopped being accessible after it was checked (another thread unmapped it) (guarded.c).
 * The fault handler calls mem_guarded_fixup with the faulting instruction's address: the
 * address to continue at if the fault is the copy's, else 0. */
int mem_copy_guarded(void *dst, const void *src, size_t n);
uintptr_t mem_guarded_fixup(uintptr_t pc);
/* Protection (PROT_* bits) of the page holding g, or -1 when unmapped. */
int mem_prot_at(uint64_t g);

/* The guest's memory syscalls, with Linux semantics. Return a guest address / 0, or -errno.
 * fd is a host descriptor. They call interp_flush_range themselves for every range that was
 * executable before the change, so callers need not. */
int64_t mem_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off);
int64_t mem_munmap(uint64_t addr, uint64_t len);
int64_t mem_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t mem_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr);
int64_t mem_madvise(uint64_t addr, uint64_t len, int advice);
int64_t mem_brk(uint64_t addr);

/* Loader helpers: maps [addr, addr+len) with prot at a fixed place (must be free unless
 * `replace`), recording `name` for the VMA map. Returns 0 or -errno. */
int mem_map_fixed(uint64_t addr, uint64_t len, int prot, bool replace, const char *name);
/* Loader helper: maps len bytes of file fd from offset off (page aligned) privately at addr,
 * replacing what is there, named `name` in the VMA map (NULL: the file's path, as for every
 * file mapping). Returns 0 or -errno. */
int mem_map_file(uint64_t addr, uint64_t len, int prot, int fd, uint64_t off, const char *name);
/* Size of the stack mapping the loader makes (RLIMIT_STACK, bounded), set by mem_init. */
uint64_t mem_stack_size(void);
/* mem_prot_at for a fault handler: never blocks on the lock. */
int mem_prot_at_async(uint64_t g);
/* The guest's /proc/self/maps text, as Linux formats it: writes at most cap bytes (NUL
 * terminated when cap > 0) and returns the full length, like snprintf. */
size_t mem_format_maps(char *buf, size_t cap);
/* Sets where brk starts (end of the loaded image, page aligned by the callee). */
void mem_set_brk_start(uint64_t addr);
/* True if [addr, addr+len) overlaps no existing mapping. */
bool mem_range_free(uint64_t addr, uint64_t len);
/* Caps the guest's accessible mappings (--max-memory): at most `bytes` (rounded up to pages;
 * 0: no cap) of guest memory may be mapped readable, writable or executable at once; mmap,
 * brk, mremap and mprotect that would go past it fail with ENOMEM, and so does the loader. */
void mem_set_limit(uint64_t bytes);
/* Bytes of guest memory mapped accessible now (what the limit counts). */
uint64_t mem_charged(void);
/* Highest guest address usable for the stack (exclusive); mmap allocates below the stack. */
#define GUEST_STACK_TOP (GUEST_SIZE - GUEST_PAGE * 16)

/* Copies n bytes to or from guest memory (the interpreter's loads, stores and fetches, the OS
 * layer's copies): memcpy, except under ThreadSanitizer, where the copy is not instrumented.
 * The guest's threads synchronise through futexes and fences TSan cannot see, and their data
 * races (or cross-modifying code) are the guest program's, defined by the RISC-V memory
 * model, not rvx's; rvx's own data stays checked. */
#if defined(__SANITIZE_THREAD__)
#define MEM_GUEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MEM_GUEST_TSAN 1
#endif
#endif
#ifdef MEM_GUEST_TSAN
__attribute__((no_sanitize("thread"), noinline)) static inline void
mem_guest_copy(void *d, const void *s, size_t n)
{
  /* Constant sizes become plain moves; a libc memcpy call would be checked by TSan's
   * interceptor, and volatile keeps the loop from turning into one. */
  switch (n) {
  case 1: __builtin_memcpy(d, s, 1); break;
  case 2: __builtin_memcpy(d, s, 2); break;
  case 4: __builtin_memcpy(d, s, 4); break;
  case 8: __builtin_memcpy(d, s, 8); break;
  default:
    for (size_t i = 0; i < n; i++)
      ((volatile char *)d)[i] = ((const char *)s)[i];
  }
}
#else
#define mem_guest_copy memcpy
#endif

#endif
