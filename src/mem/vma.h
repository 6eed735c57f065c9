/* The guest VMA map: a sorted array of non-overlapping [start, end) ranges with their
 * protection and origin. Internal to src/mem/ (callers hold the mem lock). */
#ifndef RVX_MEM_VMA_H
#define RVX_MEM_VMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  VMA_SHARED = 1,     /* MAP_SHARED (else private) */
  VMA_ANON = 2,       /* anonymous (else file-backed) */
  VMA_GROWSDOWN = 4,  /* the stack */
  VMA_HEAP = 8,       /* the brk area */
};

typedef struct vma {
  uint64_t start, end;  /* page aligned, start < end */
  int prot;             /* guest PROT_* bits */
  int flags;            /* VMA_* */
  uint64_t off;         /* file offset of start (file-backed) */
  uint64_t dev, ino;    /* the file's identity (file-backed), for /proc/self/maps */
  const char *name;     /* "[stack]", "[heap]", a path, or NULL; static lifetime */
} vma;

extern vma *vma_tab;   /* sorted by start */
extern size_t vma_n;

/* Makes room for `extra` more VMAs, so the operations below cannot fail after it succeeded.
 * Returns 0, or -ENOMEM (out of memory, or past Linux's default max_map_count). */
int vma_reserve(size_t extra);
/* Index of the first VMA with end > addr (vma_n if none). */
size_t vma_lower(uint64_t addr);
/* Index of the VMA holding addr, or -1. */
long vma_find(uint64_t addr);
/* Makes addr a VMA boundary (splits the VMA holding it, if any). */
void vma_split(uint64_t addr);
/* (Each of these needs at most 2 free slots: call vma_reserve first.) */
/* Removes every mapping in [start, end) (splitting at the edges). */
void vma_remove(uint64_t start, uint64_t end);
/* Inserts v into a free range and merges it with compatible neighbours. */
void vma_insert(const vma *v);
/* Merges VMA i with compatible neighbours (after an attribute change). */
void vma_merge_at(size_t i);
/* True if [start, end) holds no VMA. */
bool vma_free(uint64_t start, uint64_t end);

#endif
